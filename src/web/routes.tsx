import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { sendProblem } from '#src/api/problem.ts';
import { compressPage, dependenciesOf, HOME, listKey, type RenderCache } from '#src/cache/index.ts';
import type { CatalogReader } from '#src/catalog/index.ts';
import type { FeaturesService, PageRequest } from '#src/features/index.ts';
import type { SearchService } from '#src/search/index.ts';
import type { Clock } from '#src/shared/clock.ts';
import { isLocale, negotiateLocale, type Locale } from '#src/shared/locale.ts';
import { assetUrls, ASSETS_DIR } from './assets.ts';
import { sendCachedPage } from './cached-response.ts';
import { messagesFor } from './i18n/index.ts';
import type { PageContext } from './page-context.ts';
import { AboutPageView } from './pages/about-page.tsx';
import { ArtistPageView } from './pages/artist-page.tsx';
import { CategoryPageView } from './pages/category-page.tsx';
import { ErrorPageView } from './pages/error-page.tsx';
import { FeaturePageView } from './pages/feature-page.tsx';
import { HomePageView } from './pages/home-page.tsx';
import { SearchPageView } from './pages/search-page.tsx';
import { SongPageView } from './pages/song-page.tsx';
import { TagPageView } from './pages/tag-page.tsx';
import { WorkPageView } from './pages/work-page.tsx';
import { paths } from './paths.ts';
import { renderDocument } from './render.ts';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '#src/db/availability.ts';
import { CSP_HEADER, newNonce, pagePolicy } from './content-security.ts';
import { seoRoutes } from './seo/seo-routes.ts';
import type { Sitemaps } from './seo/sitemaps.ts';
import {
  featurePageQuery,
  featureQuery,
  noQuery,
  searchOf,
  searchOfQuery,
  searchQuery,
  type PageQuery,
  type QueryReader,
} from './page-query.ts';

export interface WebDeps {
  features: FeaturesService;
  catalog: CatalogReader;
  clock: Clock;
  /**
   * The site's address (`https://tokushu.example`): every absolute link, and nothing from the
   * request, whose Host and X-Forwarded-Host anyone can write (see src/shared/config.ts).
   */
  publicUrl: string;
  search: SearchService;
  /** Rendered pages kept in memory, or null to render every request. */
  pageCache: RenderCache | null;
  /** For public pages: what browsers and a CDN in front may do with them. */
  cacheControl: string;
  /** Whether the request comes from someone signed in who may see unpublished drafts. */
  canPreview: (request: FastifyRequest) => Promise<boolean>;
  /** The sitemap index and its files, kept until the catalog changes. */
  sitemaps: Sitemaps;
}

export type NotFoundHandler = (request: FastifyRequest, reply: FastifyReply) => FastifyReply;

const PAGE_NUMBER = /^[1-9]\d{0,5}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PRIVATE = 'private, no-store';
const PREVIEW_BASE = '/admin/preview';
/** What a percent-decoded page address may hold: anything else is not one of ours. */
const PLAIN_PATH = /^\/[a-z0-9][a-z0-9/-]*$/;
/** The newest features with a tag; a common tag has hundreds. */
const TAG_PAGE_FEATURES = 24;

type SlugParams = { locale: string; slug: string };
/** A page that moved for good. */
type Redirect = { redirect: string };
type LocaleParams = { Params: SlugParams };

/**
 * A request's address. Its target is always a path: `//x` is not the host `x`, which would
 * make `//?a` no address at all (and the 404 page for it a 500).
 */
const urlOf = (request: FastifyRequest) =>
  new URL(`http://localhost${request.url.startsWith('/') ? '' : '/'}${request.url}`);

/** The public, server-rendered site. Returns the 404 page handler for errors raised before routing. */
export async function webRoutes(app: FastifyInstance, deps: WebDeps): Promise<NotFoundHandler> {
  const { features, catalog, clock, search } = deps;
  const assets = assetUrls();
  const origin = deps.publicUrl;

  /** `path` is the page's address without its query; `query` what of it the page keeps. */
  const context = (
    path: string,
    locale: Locale,
    { localeBase = '', query = '' }: { localeBase?: string; query?: string } = {},
  ): PageContext => ({
    locale,
    t: messagesFor(locale),
    pathAfterLocale: path.slice(localeBase.length + locale.length + 1) || '/',
    localeBase,
    query,
    assets,
    clock,
    origin,
    nonce: newNonce(),
  });

  const html = (reply: FastifyReply, ctx: PageContext, page: VNode, status = 200) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header(CSP_HEADER, pagePolicy(ctx.nonce))
      .send(renderDocument(page));

  const notFound: NotFoundHandler = (request, reply) => {
    // Addresses under /api/ that no API route claims still answer in the API's format.
    if (request.url.startsWith('/api/'))
      return sendProblem(reply, 404, `No API resource at ${request.url}.`);
    const first = request.url.split(/[/?#]/)[1] ?? '';
    const locale = isLocale(first) ? first : negotiateLocale(request.headers['accept-language']);
    const ctx = context(urlOf(request).pathname, locale);
    return html(reply, ctx, <ErrorPageView ctx={ctx} status={404} />, 404);
  };

  /**
   * Runs `render` for a valid locale (and slug, when the route has one), else answers 404.
   * The page is rendered from the parameters `query` reads (see page-query.ts), read once.
   * Public pages are kept, compressed, in the page cache, under their path and those
   * parameters, with what they show: their links, and the lists they show by relation (`lists`).
   */
  const page =
    <P extends { locale: string; slug?: string }>(
      render: (ctx: PageContext, params: P, query: PageQuery) => Promise<VNode | Redirect | null>,
      {
        personal = false,
        keep = true,
        localeBase = '',
        lists,
        query: readQuery = noQuery,
      }: {
        /** Shown to one signed-in person: never stored, by us or anyone. */
        personal?: boolean;
        /** False for pages with endless addresses (search): rendered every time. */
        keep?: boolean;
        localeBase?: string;
        /** The lists this page shows by relation (see src/cache/dependencies.ts). */
        lists?: (params: P) => string[];
        /** The query parameters that change this page; any others are ignored. */
        query?: QueryReader;
      } = {},
    ) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const params = request.params as P;
      const { locale, slug } = params;
      if (!isLocale(locale) || (slug !== undefined && !SLUG.test(slug)))
        return notFound(request, reply);
      const url = urlOf(request);
      const query = readQuery(url.searchParams);
      const search = searchOf(query);
      // `/%65n/…` is `/en/…`: one address per page, or each spelling would be a page of its own.
      if (url.pathname.includes('%')) {
        const plain = decodeURIComponent(url.pathname);
        if (!PLAIN_PATH.test(plain)) return notFound(request, reply);
        return reply.redirect(`${plain}${search}`, 301);
      }
      const path = url.pathname;
      const store = keep && !personal ? deps.pageCache : null;
      // One site, one address: the key is the page alone. The request's Host is not part of
      // it (nor of the page), so made-up hosts cannot fill the cache with copies.
      const key = `${path}${search}`;
      // A page served from the cache needs no context, nor a nonce of its own.
      const hit = store && (store.get(key) ?? (await store.afterRender(key)));
      if (hit) return sendCachedPage(request, reply, hit, deps.cacheControl, true);
      const ctx = context(path, locale, { localeBase, query: search });
      if (!store) {
        const view = await render(ctx, params, query);
        if (!view) return notFound(request, reply);
        if ('redirect' in view) return reply.redirect(view.redirect, 301);
        return html(
          reply.header('cache-control', personal ? PRIVATE : deps.cacheControl),
          ctx,
          view,
        );
      }
      const renderedFrom = store.generation();
      const rendered = store.beginRender(key);
      try {
        const view = await render(ctx, params, query);
        if (!view) return notFound(request, reply);
        if ('redirect' in view) return reply.redirect(view.redirect, 301);
        const body = renderDocument(view);
        const shows = dependenciesOf(body);
        for (const dep of lists?.(params) ?? []) shows.add(dep);
        const stored = compressPage(body, shows, ctx.nonce);
        store.put(key, stored, renderedFrom);
        return sendCachedPage(request, reply, stored, deps.cacheControl, false);
      } finally {
        rendered();
      }
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
    if (status === 404 || (status >= 400 && status < 500 && request.method === 'GET'))
      return notFound(request, reply);
    const unavailable = isDatabaseUnavailable(error);
    if (unavailable) request.log.warn(`database unavailable: ${(error as Error).message}`);
    else request.log.error(error);
    const first = request.url.split(/[/?#]/)[1] ?? '';
    const locale = isLocale(first) ? first : 'en';
    const ctx = context(urlOf(request).pathname, locale);
    const code = unavailable ? 503 : 500;
    if (unavailable) reply.header('retry-after', RETRY_AFTER_SECONDS);
    return html(
      reply.header('cache-control', 'no-store'),
      ctx,
      <ErrorPageView ctx={ctx} status={code} />,
      code,
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

  app.get<{ Params: { locale: string } }>(
    '/:locale/',
    page(
      async (ctx) => {
        const [latest, rankings, categories, tags] = await Promise.all([
          features.listPublished(ctx.locale, 12, { kind: 'curated' }),
          features.listPublished(ctx.locale, 6, { kind: 'ranking' }),
          catalog.listCategories(),
          catalog.listTags(),
        ]);
        return (
          <HomePageView
            ctx={ctx}
            latest={latest}
            rankings={rankings}
            categories={categories}
            tags={tags}
          />
        );
      },
      { lists: () => [HOME] },
    ),
  );

  app.get<{ Params: { locale: string } }>(
    '/:locale/about',
    page(async (ctx) => <AboutPageView ctx={ctx} />),
  );

  app.get<{ Params: { locale: string } }>(
    '/:locale/search',
    page(
      async (ctx, _params, query) => {
        const asked = searchOfQuery(query);
        if (!asked) return <SearchPageView ctx={ctx} view={null} />;
        const { q, page: pageNumber, ...filters } = asked;
        const found = await search.search(q, ctx.locale, filters, pageNumber);
        const idsOf = (kind: string) =>
          found.results.filter((r) => r.kind === kind).map((r) => r.id);
        const [songs, featureSummaries] = await Promise.all([
          catalog.songCards(idsOf('song')),
          idsOf('feature').length > 0
            ? features.listPublished(ctx.locale, 100, { ids: idsOf('feature') })
            : [],
        ]);
        // Feature cards follow the ranking, not publication order.
        const rank = new Map(
          found.results.filter((r) => r.kind === 'feature').map((r, i) => [r.slug, i]),
        );
        const ordered = [...featureSummaries].sort(
          (a, b) => (rank.get(a.slug) ?? 0) - (rank.get(b.slug) ?? 0),
        );
        return (
          <SearchPageView ctx={ctx} view={{ query: q, filters, found, songs, features: ordered }} />
        );
      },
      { keep: false, query: searchQuery },
    ),
  );

  app.get<LocaleParams>(
    '/:locale/categories/:slug',
    page<SlugParams>(
      async (ctx, { slug }) => {
        const category = await catalog.getCategory(slug);
        if (!category) return null;
        const list = await features.listPublished(ctx.locale, 100, { categoryId: category.id });
        return <CategoryPageView ctx={ctx} category={category} features={list} />;
      },
      { lists: ({ slug }) => [listKey('category', slug)] },
    ),
  );

  app.get<LocaleParams>(
    '/:locale/tags/:slug',
    page<SlugParams>(
      async (ctx, { slug }) => {
        const tag = await catalog.getTagPage(slug);
        if (!tag) return null;
        const list = await features.listPublished(ctx.locale, TAG_PAGE_FEATURES, { tagId: tag.id });
        return <TagPageView ctx={ctx} tag={tag} features={list} />;
      },
      { lists: ({ slug }) => [listKey('tag', slug)] },
    ),
  );

  app.get<LocaleParams>(
    '/:locale/songs/:slug',
    page<SlugParams>(
      async (ctx, { slug }) => {
        const song = await catalog.getSongPage(slug);
        if (!song) return null;
        const [withSong, similar] = await Promise.all([
          features.featuresWithSong(song.song.id, ctx.locale),
          catalog.songsLike(song.song.id),
        ]);
        return <SongPageView ctx={ctx} page={song} features={withSong} similar={similar} />;
      },
      { lists: ({ slug }) => [listKey('song', slug)] },
    ),
  );

  app.get<LocaleParams>(
    '/:locale/artists/:slug',
    page<SlugParams>(
      async (ctx, { slug }) => {
        const artist = await catalog.getArtistPage(slug);
        return artist ? <ArtistPageView ctx={ctx} artist={artist} /> : null;
      },
      { lists: ({ slug }) => [listKey('artist', slug)] },
    ),
  );

  app.get<LocaleParams>(
    '/:locale/works/:slug',
    page<SlugParams>(
      async (ctx, { slug }) => {
        const work = await catalog.getWorkPage(slug);
        return work ? <WorkPageView ctx={ctx} work={work} /> : null;
      },
      { lists: ({ slug }) => [listKey('work', slug)] },
    ),
  );

  const featurePage = (
    pageOf: (query: PageQuery, params: { page?: string }) => PageRequest | null,
    query: QueryReader,
  ) =>
    page<{ locale: string; slug: string; page?: string }>(
      async (ctx, params, kept) => {
        const { slug } = params;
        const pageRequest = pageOf(kept, params);
        if (!pageRequest) return null;
        const feature = await features.getFeaturePage(slug, ctx.locale, pageRequest);
        if (!feature) {
          // A published feature that was renamed keeps its old addresses.
          const current = await features.redirectFor(slug);
          if (!current) return null;
          const page = 'page' in pageRequest && pageRequest.page > 1 ? pageRequest.page : 1;
          return { redirect: `${paths.feature(ctx.locale, current, page)}${searchOf(kept)}` };
        }
        const similar = await features.featuresLike(
          slug,
          ctx.locale,
          feature.related.map((r) => r.slug),
        );
        const view = kept.view === 'playlist' ? 'playlist' : 'article';
        return <FeaturePageView ctx={ctx} feature={feature} similar={similar} view={view} />;
      },
      { lists: ({ slug }) => [listKey('feature', slug)], query },
    );

  const firstFeaturePage = featurePage(
    (kept) => (kept.all === '1' ? { all: true } : { page: 1 }),
    featureQuery,
  );
  const numberedFeaturePage = featurePage(
    (_kept, params) => ({ page: Number(params.page) }),
    featurePageQuery,
  );

  // Editors see the saved state of any feature, every entry on one page, before readers do.
  app.get<{ Params: SlugParams }>(`${PREVIEW_BASE}/:locale/:slug`, async (request, reply) => {
    reply.header('cache-control', PRIVATE).header('x-robots-tag', 'noindex');
    if (!(await deps.canPreview(request))) {
      const next = encodeURIComponent(`#/features/${request.params.slug}`);
      return reply.redirect(`/admin/?next=${next}`, 303);
    }
    return page<SlugParams>(
      async (ctx, { slug }) => {
        const feature = await features.getFeaturePage(
          slug,
          ctx.locale,
          { all: true },
          { preview: true },
        );
        return feature ? (
          <FeaturePageView ctx={ctx} feature={feature} similar={[]} view="article" preview />
        ) : null;
      },
      { personal: true, localeBase: PREVIEW_BASE },
    )(request, reply);
  });

  app.get<{ Params: { locale: string; slug: string } }>('/:locale/:slug', firstFeaturePage);

  app.get<{ Params: { locale: string; slug: string; page: string } }>(
    '/:locale/:slug/:page',
    (request, reply) => {
      const { locale, slug, page: n } = request.params;
      if (!PAGE_NUMBER.test(n)) return notFound(request, reply);
      // Page one has a single address.
      if (n === '1' && isLocale(locale) && SLUG.test(slug))
        return reply.redirect(`/${locale}/${slug}`, 301);
      return numberedFeaturePage(request, reply);
    },
  );

  await seoRoutes(app, { features, origin, sitemaps: deps.sitemaps });
  return notFound;
}
