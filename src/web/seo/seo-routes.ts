import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CatalogReader } from '#src/catalog/index.ts';
import { PAGE_SIZE, type FeaturesService } from '#src/features/index.ts';
import { isLocale } from '#src/shared/locale.ts';
import { messagesFor } from '../i18n/index.ts';
import { buildFeed } from './feed.ts';
import { buildSitemap, SITEMAP_LIMIT, type SitemapPage } from './sitemap.ts';

interface SeoDeps {
  features: FeaturesService;
  catalog: CatalogReader;
  originOf: (request: FastifyRequest) => string;
}

const FEED_SIZE = 30;

/** `/robots.txt`, `/sitemap.xml` and `/{locale}/feed.xml`. */
export async function seoRoutes(
  app: FastifyInstance,
  { features, catalog, originOf }: SeoDeps,
): Promise<void> {
  app.get('/robots.txt', async (request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(
        `User-agent: *\nDisallow: /admin\nDisallow: /api/\nAllow: /\n\nSitemap: ${originOf(request)}/sitemap.xml\n`,
      ),
  );

  app.get('/sitemap.xml', async (request, reply) => {
    const [list, categories, tags, songs, artists, works] = await Promise.all([
      features.listPublished('en', 1000),
      catalog.listCategories(),
      catalog.listTags(),
      catalog.listSlugs('songs', SITEMAP_LIMIT),
      catalog.listSlugs('artists', SITEMAP_LIMIT),
      catalog.listSlugs('works', SITEMAP_LIMIT),
    ]);
    const pages: SitemapPage[] = [
      { path: '/' },
      { path: '/about' },
      ...list.flatMap((f) => {
        const count = Math.max(1, Math.ceil(f.entryCount / PAGE_SIZE));
        return Array.from({ length: count }, (_, i) => ({
          path: i === 0 ? `/${f.slug}` : `/${f.slug}/${i + 1}`,
          lastmod: f.updatedAt,
        }));
      }),
      ...categories.map((c) => ({ path: `/categories/${c.slug}` })),
      ...tags.map((t) => ({ path: `/tags/${t.slug}` })),
      ...songs.map((s) => ({ path: `/songs/${s}` })),
      ...artists.map((a) => ({ path: `/artists/${a}` })),
      ...works.map((w) => ({ path: `/works/${w}` })),
    ];
    return reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', 'public, max-age=600')
      .send(buildSitemap(originOf(request), pages.slice(0, Math.floor(SITEMAP_LIMIT / 4))));
  });

  app.get<{ Params: { locale: string } }>('/:locale/feed.xml', async (request, reply) => {
    const { locale } = request.params;
    if (!isLocale(locale)) return reply.callNotFound();
    const list = await features.listPublished(locale, FEED_SIZE);
    return reply
      .type('application/atom+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=600')
      .send(buildFeed(originOf(request), locale, messagesFor(locale).siteName, list));
  });
}
