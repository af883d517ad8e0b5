import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FeaturesService } from '#src/features/index.ts';
import { isLocale } from '#src/shared/locale.ts';
import { sendCompressed } from '../cached-response.ts';
import { messagesFor } from '../i18n/index.ts';
import { buildFeed } from './feed.ts';
import type { SitemapAnswer, Sitemaps } from './sitemaps.ts';

interface SeoDeps {
  features: FeaturesService;
  /** The site's address (see src/shared/config.ts), never the request's Host. */
  origin: string;
  sitemaps: Sitemaps;
}

const FEED_SIZE = 30;
const SITEMAP_CACHE = 'public, max-age=600';

/** `/robots.txt`, `/sitemap.xml` with its files under `/sitemaps/`, and `/{locale}/feed.xml`. */
export async function seoRoutes(
  app: FastifyInstance,
  { features, origin, sitemaps }: SeoDeps,
): Promise<void> {
  app.get('/robots.txt', async (_request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(
        `User-agent: *\nDisallow: /admin\nDisallow: /api/\nAllow: /\n\nSitemap: ${origin}/sitemap.xml\n`,
      ),
  );

  const sendSitemap = (request: FastifyRequest, reply: FastifyReply, answer: SitemapAnswer) =>
    sendCompressed(request, reply, answer.file, {
      type: 'application/xml; charset=utf-8',
      cacheControl: SITEMAP_CACHE,
      hit: answer.hit,
    });

  // An index of files of at most 50,000 addresses each, as search engines read them.
  app.get('/sitemap.xml', async (request, reply) =>
    sendSitemap(request, reply, await sitemaps.index()),
  );

  app.get<{ Params: { file: string } }>('/sitemaps/:file', async (request, reply) => {
    const name = /^(.+)\.xml$/.exec(request.params.file)?.[1];
    const answer = name ? await sitemaps.file(name) : null;
    if (!answer) return reply.callNotFound();
    return sendSitemap(request, reply, answer);
  });

  app.get<{ Params: { locale: string } }>('/:locale/feed.xml', async (request, reply) => {
    const { locale } = request.params;
    if (!isLocale(locale)) return reply.callNotFound();
    const list = await features.listPublished(locale, FEED_SIZE);
    return reply
      .type('application/atom+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=600')
      .send(buildFeed(origin, locale, messagesFor(locale).siteName, list));
  });
}
