import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { can, createAccountsService, type AccountsService } from '#src/accounts/index.ts';
import { apiRoutes } from '#src/api/index.ts';
import { sessionActor } from '#src/api/auth.ts';
import {
  createCatalogReader,
  createCatalogEditing,
  createCatalogService,
  importBangumi,
  loadBangumiData,
  type CatalogEditing,
  type CatalogReader,
  type CatalogService,
} from '#src/catalog/index.ts';
import { createCatalogImport, type CatalogImport } from '#src/catalog-import/index.ts';
import { loadContentPack, readContentPack, type LoadSummary } from '#src/content-pack/index.ts';
import { connect, type DatabaseHandle } from '#src/db/connect.ts';
import { createPlaysService, type PlaysService } from '#src/plays/index.ts';
import { createRankingsService, type RankingsService } from '#src/rankings/index.ts';
import {
  createDiscoveryService,
  createDraftingAssistant,
  type DiscoveryService,
  type Moved,
  type DraftingAssistant,
} from '#src/discovery/index.ts';
import {
  closeReadings,
  createSearchIndexer,
  createSearchService,
  type SearchIndexer,
  type SearchService,
} from '#src/search/index.ts';
import { migrateToLatest } from '#src/db/migrate.ts';
import {
  createEditingService,
  createFeaturesService,
  startGoLiveTimer,
  type EditingService,
  type FeaturesService,
} from '#src/features/index.ts';
import {
  createCacheInvalidation,
  createRenderCache,
  listKey,
  type CacheInvalidation,
  type Purgeable,
  type RenderCache,
} from '#src/cache/index.ts';
import { createChangeLog } from '#src/pending-changes/index.ts';
import { createChangeFeed, type ChangeFeed } from '#src/shared/changes.ts';
import { systemClock, type Clock } from '#src/shared/clock.ts';
import type { Config } from '#src/shared/config.ts';
import { securityHeaders } from '#src/web/content-security.ts';
import { healthRoutes } from '#src/ops/health.routes.ts';
import { takeTurns } from '#src/ops/request-turns.ts';
import { metricsRoutes } from '#src/ops/metrics.ts';
import { adminRoutes } from '#src/web/admin.ts';
import { webRoutes, type NotFoundHandler } from '#src/web/routes.tsx';
import { createSitemaps } from '#src/web/seo/sitemaps.ts';

export interface Services {
  changes: ChangeFeed;
  editing: EditingService;
  catalog: CatalogService;
  catalogEditing: CatalogEditing;
  catalogImport: CatalogImport;
  search: SearchService;
  searchIndex: SearchIndexer;
  discovery: DiscoveryService;
  /** Hears which songs' and features' "like this" lists a change moved, once stored. */
  onNeighboursMoved(listener: (moved: Moved) => void | Promise<void>): void;
  assistant: DraftingAssistant;
  plays: PlaysService;
  rankings: RankingsService;
  reader: CatalogReader;
  features: FeaturesService;
  accounts: AccountsService;
}

export interface App {
  http: FastifyInstance;
  database: DatabaseHandle;
  services: Services;
  /** Rendered public pages; null when PAGE_CACHE_MB is 0. */
  pageCache: RenderCache | null;
  /** What the first start did: the content it loaded and the admin it created. */
  firstStart: {
    content: LoadSummary | null;
    admin: { email: string; password: string | null } | null;
  };
}

export interface AppOptions {
  clock?: Clock;
  /** Open this database instead of the one in `config` (tests pass their own). */
  database?: DatabaseHandle;
  /** Addresses in one sitemap file: 50,000 by the protocol; tests pass fewer. */
  sitemapUrlsPerFile?: number;
}

/** Bounds what changes without a write: "new" marks that age, recommendations recomputed. */
const PAGE_TTL_MS = 10 * 60 * 1000;

export function createServices(
  database: DatabaseHandle,
  clock: Clock,
  { playsRawDays = 30 }: { playsRawDays?: number } = {},
): Services {
  const catalog = createCatalogService({ db: database.db, clock });
  const changes = createChangeFeed({ log: createChangeLog({ db: database.db, clock }) });
  const searchIndex = createSearchIndexer({ db: database.db });
  const discovery = createDiscoveryService({ db: database.db, clock });
  changes.subscribe((change) => searchIndex.apply(change));
  const neighboursMoved = new Set<(moved: Moved) => void | Promise<void>>();
  changes.subscribe(async (change) => {
    const moved = await discovery.apply(change);
    for (const listener of neighboursMoved) await listener(moved);
  });
  const plays = createPlaysService({
    db: database.db,
    clock,
    rawDays: playsRawDays,
  });
  const rankings = createRankingsService({
    db: database.db,
    clock,
    changes,
    screen: () => plays.screen(),
  });
  changes.subscribe((change) => rankings.apply(change));
  const search = createSearchService({ db: database.db, clock });
  return {
    discovery,
    onNeighboursMoved: (listener) => void neighboursMoved.add(listener),
    assistant: createDraftingAssistant({ db: database.db, search }),
    plays,
    rankings,
    changes,
    search,
    searchIndex,
    editing: createEditingService({ db: database.db, clock, changes }),
    catalog,
    catalogEditing: createCatalogEditing({ db: database.db, clock, changes }),
    catalogImport: createCatalogImport({ db: database.db, clock, changes }),
    reader: createCatalogReader({ db: database.db }),
    features: createFeaturesService({ db: database.db, clock, catalog }),
    accounts: createAccountsService({ db: database.db, clock }),
  };
}

/**
 * Purges the pages each change makes stale from `cache` and, on PostgreSQL, from every
 * other instance's. Purges follow every other listener, so a page rendered after a purge
 * reads the write. A command-line process passes a cache of its own to tell the servers.
 */
export async function purgeOnChange(
  services: Services,
  database: DatabaseHandle,
  cache: Purgeable,
): Promise<CacheInvalidation> {
  const invalidation = await createCacheInvalidation({ database, cache });
  services.changes.subscribe((c) => invalidation.apply(c), { last: true });
  services.onNeighboursMoved(({ songs, features }) =>
    invalidation.purge([
      ...songs.map((slug) => listKey('song', slug)),
      ...features.map((slug) => listKey('feature', slug)),
    ]),
  );
  return invalidation;
}

/**
 * The composition root: config → database → services → HTTP. Migrates the database,
 * and on an empty one loads the content pack and creates the first admin.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const clock = options.clock ?? systemClock;
  const database = options.database ?? connect(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    const services = createServices(database, clock, { playsRawDays: config.playsRawDays });
    const content =
      (await services.features.count()) === 0
        ? await loadContentPack(database.db, clock, readContentPack(config.contentDir))
        : null;
    // A new site gets air dates and where-to-watch links for its anime at once.
    if (content) await importBangumi(database.db, loadBangumiData());
    // A demo site's rankings have plays to rank from the first page view.
    if (content) {
      if (config.demoPlays) await services.plays.generateDemoHistory();
      await services.rankings.refresh();
    }
    // A new site, or one from before search existed, is indexed once, in full.
    if (content || (await services.searchIndex.isEmpty())) await services.searchIndex.rebuild();
    if (content || (await services.discovery.isEmpty())) await services.discovery.rebuild();
    const admin = await services.accounts.ensureAdmin(config.adminEmail, config.adminPassword);
    const pageCache =
      config.pageCacheBytes > 0
        ? createRenderCache({ maxBytes: config.pageCacheBytes, ttlMs: PAGE_TTL_MS })
        : null;
    const sitemaps = createSitemaps({
      origin: config.publicUrl,
      catalog: services.reader,
      features: services.features,
      urlsPerFile: options.sitemapUrlsPerFile,
    });
    // The sitemap is kept until the catalog changes, whether or not pages are.
    const kept: Purgeable[] = [sitemaps, ...(pageCache ? [pageCache] : [])];
    const invalidation = await purgeOnChange(services, database, {
      purge: (keys) => kept.forEach((cache) => cache.purge(keys)),
      purgeAll: () => kept.forEach((cache) => cache.purgeAll()),
    });
    // Writes whose follow-ups a stopped process left unfinished are finished before serving.
    await services.changes.resume();

    // Filled in once the site's routes exist; bad addresses are rejected before routing.
    const site: { notFound?: NotFoundHandler } = {};
    const http = Fastify({
      logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
      // Behind a reverse proxy, the reader's address (for counting and rate limits) is forwarded.
      trustProxy: config.trustProxy,
      // Page numbers and slugs are short; anything longer is not ours.
      routerOptions: { maxParamLength: 200 },
      // A `__proto__` key is dropped and the body validated as usual, rather than refused
      // with a message that blames the JSON.
      onProtoPoisoning: 'remove',
      onConstructorPoisoning: 'remove',
      // A malformed address (bad percent-encoding) is a page that does not exist.
      frameworkErrors: (_error, request, reply) => {
        site.notFound?.(request as FastifyRequest, reply as FastifyReply);
      },
    });
    takeTurns(http);
    await securityHeaders(http);
    await healthRoutes(http, database.db);
    await metricsRoutes(http, {
      token: config.metricsToken,
      pageCache,
      playQueueDepth: () => services.plays.queueDepth,
    });
    await apiRoutes(http, {
      catalogEditing: services.catalogEditing,
      search: services.search,
      assistant: services.assistant,
      plays: services.plays,
      playsPerMinute: config.playsPerMinute,
      publicUrl: config.declaredPublicUrl,
      features: services.features,
      editing: services.editing,
      catalog: services.reader,
      accounts: services.accounts,
    });
    await adminRoutes(http);
    site.notFound = await webRoutes(http, {
      features: services.features,
      catalog: services.reader,
      clock,
      publicUrl: config.publicUrl,
      search: services.search,
      pageCache,
      cacheControl: `public, max-age=0, must-revalidate, s-maxage=${config.cdnMaxAge}, stale-while-revalidate=${config.cdnMaxAge * 5}`,
      canPreview: async (request) => can(await sessionActor(services.accounts, request), 'edit'),
      sitemaps,
    });
    // Plays already received are written before anything closes.
    http.addHook('onClose', () => services.plays.flush());
    // Scheduled features are announced when they go live, so caches show them at once.
    const stopGoLive = startGoLiveTimer({
      features: services.features,
      changes: services.changes,
      clock,
      onError: (error) => http.log.error(error),
    });
    http.addHook('onClose', async () => stopGoLive());
    http.addHook('onClose', () => invalidation.close());
    // The thread that reads Japanese names for the index, if one was started.
    http.addHook('onClose', () => closeReadings());
    // Whoever opened the database closes it.
    if (!options.database) http.addHook('onClose', () => database.close());
    return { http, database, services, pageCache, firstStart: { content, admin } };
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
}
