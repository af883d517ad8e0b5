import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { FeaturesService, PageRequest } from '#src/features/index.ts';
import type { Clock } from '#src/shared/clock.ts';
import { isLocale, negotiateLocale, type Locale } from '#src/shared/locale.ts';
import { assetUrls, ASSETS_DIR } from './assets.ts';
import { messagesFor } from './i18n/index.ts';
import type { PageContext } from './page-context.ts';
import { ErrorPageView } from './pages/error-page.tsx';
import { FeaturePageView } from './pages/feature-page.tsx';
import { HomePageView } from './pages/home-page.tsx';
import { renderDocument } from './render.ts';

export interface WebDeps {
  features: FeaturesService;
  clock: Clock;
}

const PAGE_NUMBER = /^[1-9]\d{0,5}$/;
const PAGE_CACHE = 'public, max-age=60';

export type NotFoundHandler = (request: FastifyRequest, reply: FastifyReply) => FastifyReply;

/** The public, server-rendered site. Returns the 404 page handler for errors raised before routing. */
export async function webRoutes(
  app: FastifyInstance,
  { features, clock }: WebDeps,
): Promise<NotFoundHandler> {
  const assets = assetUrls();

  const context = (request: FastifyRequest, locale: Locale): PageContext => {
    const url = new URL(request.url, 'http://localhost');
    const pathAfterLocale = url.pathname.slice(locale.length + 1) || '/';
    const all = url.searchParams.get('all') === '1' ? '?all=1' : '';
    return { locale, t: messagesFor(locale), pathAfterLocale, query: all, assets, clock };
  };

  const html = (reply: FastifyReply, page: VNode, status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').send(renderDocument(page));

  const notFound: NotFoundHandler = (request, reply) => {
    const first = request.url.split(/[/?#]/)[1] ?? '';
    const locale = isLocale(first) ? first : negotiateLocale(request.headers['accept-language']);
    return html(reply, <ErrorPageView ctx={context(request, locale)} status={404} />, 404);
  };

  await app.register(fastifyStatic, {
    root: ASSETS_DIR,
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
  });

  app.setNotFoundHandler(notFound);

  app.setErrorHandler((error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 404) return notFound(request, reply);
    if (status >= 500) request.log.error(error);
    const first = request.url.split(/[/?#]/)[1] ?? '';
    const locale = isLocale(first) ? first : 'en';
    return html(
      reply,
      <ErrorPageView ctx={context(request, locale)} status={500} />,
      status >= 500 ? 500 : status,
    );
  });

  app.get('/', (request, reply) => {
    const locale = negotiateLocale(request.headers['accept-language']);
    return reply.header('vary', 'Accept-Language').redirect(`/${locale}/`, 302);
  });

  app.get<{ Params: { locale: string } }>('/:locale', (request, reply) =>
    isLocale(request.params.locale)
      ? reply.redirect(`/${request.params.locale}/`, 301)
      : notFound(request, reply),
  );

  app.get<{ Params: { locale: string } }>('/:locale/', async (request, reply) => {
    const { locale } = request.params;
    if (!isLocale(locale)) return notFound(request, reply);
    const list = await features.listPublished(locale);
    return html(
      reply.header('cache-control', PAGE_CACHE),
      <HomePageView ctx={context(request, locale)} features={list} />,
    );
  });

  const featurePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    locale: string,
    slug: string,
    pageRequest: PageRequest,
  ) => {
    if (!isLocale(locale)) return notFound(request, reply);
    const feature = await features.getFeaturePage(slug, locale, pageRequest);
    if (!feature) return notFound(request, reply);
    return html(
      reply.header('cache-control', PAGE_CACHE),
      <FeaturePageView ctx={context(request, locale)} feature={feature} />,
    );
  };

  app.get<{ Params: { locale: string; slug: string }; Querystring: { all?: string } }>(
    '/:locale/:slug',
    (request, reply) => {
      const { locale, slug } = request.params;
      return featurePage(
        request,
        reply,
        locale,
        slug,
        request.query.all === '1' ? { all: true } : { page: 1 },
      );
    },
  );

  app.get<{ Params: { locale: string; slug: string; page: string } }>(
    '/:locale/:slug/:page',
    (request, reply) => {
      const { locale, slug, page } = request.params;
      if (!PAGE_NUMBER.test(page)) return notFound(request, reply);
      // Page one has a single address.
      if (page === '1' && isLocale(locale)) return reply.redirect(`/${locale}/${slug}`, 301);
      return featurePage(request, reply, locale, slug, { page: Number(page) });
    },
  );

  return notFound;
}
