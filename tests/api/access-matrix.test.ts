import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, type Actor, type Role } from '#src/accounts/index.ts';
import type { RecordKind } from '#src/catalog/index.ts';
import { TEST_NOW, useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';
import { usePeople } from '#tests/factories/people.ts';
import { registeredRoutes, routeKey, type RegisteredRoute } from '#tests/factories/routes.ts';

/**
 * Who may call each route, for every route the application registers. A route missing
 * here fails the first test: a new route cannot go unclassified. HEAD routes follow their
 * GET route (Fastify adds them).
 *
 * - public: anyone, signed in or not, gets the same answer;
 * - own-account: anyone signed in, about their own account only;
 * - writer / editor / admin: that role or a higher one (writer < editor < admin).
 */
type Access = 'public' | 'own-account' | 'writer' | 'editor' | 'admin';
interface Policy {
  access: Access;
  /**
   * A page for people in a browser: only the session cookie counts, and whoever may not see
   * it is sent to sign in (303) rather than told 401 or 403.
   */
  page?: true;
  /** On a live feature someone else wrote, only an editor may: a writer is refused (403). */
  liveNeedsEditor?: true;
}

const CATALOG_POLICY = (kind: RecordKind): Record<string, Policy> => ({
  [`GET /api/v1/editor/${kind}`]: { access: 'writer' },
  [`GET /api/v1/editor/${kind}/:slug`]: { access: 'writer' },
  // Writers may add songs, artists and works for their drafts; the tag vocabulary is editors'.
  [`POST /api/v1/editor/${kind}`]: { access: kind === 'tags' ? 'editor' : 'writer' },
  [`PUT /api/v1/editor/${kind}/:slug`]: { access: 'editor' },
  [`POST /api/v1/editor/${kind}/:slug/merge`]: { access: 'editor' },
  // A writer's additions reach readers only once an editor accepts them; tags are editors' own.
  ...(kind === 'tags'
    ? {}
    : { [`POST /api/v1/editor/${kind}/:slug/accept`]: { access: 'editor' } }),
});

const POLICY: Record<string, Policy> = {
  'GET /healthz': { access: 'public' },
  'GET /readyz': { access: 'public' },
  // Prometheus scrapes it unauthenticated; keep it off the public internet at the proxy.
  'GET /metrics': { access: 'public' },
  'GET /api/docs': { access: 'public' },
  'GET /api/v1/openapi.json': { access: 'public' },
  'POST /api/v1/auth/login': { access: 'public' },
  'POST /api/v1/auth/logout': { access: 'own-account' },
  'GET /api/v1/auth/me': { access: 'own-account' },
  'GET /api/v1/search': { access: 'public' },
  'GET /api/v1/suggest': { access: 'public' },
  'GET /api/v1/categories': { access: 'public' },
  'GET /api/v1/features/:slug': { access: 'public' },
  'GET /api/v1/songs/:slug': { access: 'public' },
  'GET /api/v1/songs/:slug/plays': { access: 'public' },
  'POST /api/v1/plays': { access: 'public' },
  'GET /api/v1/editor/features': { access: 'writer' },
  'POST /api/v1/editor/features': { access: 'writer' },
  'GET /api/v1/editor/features/:slug': { access: 'writer' },
  'PUT /api/v1/editor/features/:slug': { access: 'writer', liveNeedsEditor: true },
  'POST /api/v1/editor/features/:slug/publish': { access: 'editor' },
  'POST /api/v1/editor/features/:slug/unpublish': { access: 'editor' },
  'GET /api/v1/editor/features/:slug/revisions': { access: 'writer' },
  'GET /api/v1/editor/features/:slug/revisions/:revision': { access: 'writer' },
  'POST /api/v1/editor/features/:slug/revisions/:revision/restore': {
    access: 'writer',
    liveNeedsEditor: true,
  },
  'POST /api/v1/editor/name-check': { access: 'writer' },
  'POST /api/v1/editor/preview': { access: 'writer' },
  'POST /api/v1/editor/assistant': { access: 'writer' },
  ...CATALOG_POLICY('songs'),
  ...CATALOG_POLICY('artists'),
  ...CATALOG_POLICY('works'),
  ...CATALOG_POLICY('tags'),
  'GET /api/v1/users': { access: 'admin' },
  'POST /api/v1/users': { access: 'admin' },
  'GET /': { access: 'public' },
  'GET /robots.txt': { access: 'public' },
  'GET /sitemap.xml': { access: 'public' },
  'GET /sitemaps/:file': { access: 'public' },
  'GET /assets/*': { access: 'public' },
  'GET /admin': { access: 'public' },
  'GET /admin/*': { access: 'public' },
  'GET /admin/preview/:locale/:slug': { access: 'writer', page: true },
  'GET /:locale': { access: 'public' },
  'GET /:locale/': { access: 'public' },
  'GET /:locale/about': { access: 'public' },
  'GET /:locale/search': { access: 'public' },
  'GET /:locale/feed.xml': { access: 'public' },
  'GET /:locale/songs/:slug': { access: 'public' },
  'GET /:locale/artists/:slug': { access: 'public' },
  'GET /:locale/works/:slug': { access: 'public' },
  'GET /:locale/tags/:slug': { access: 'public' },
  'GET /:locale/categories/:slug': { access: 'public' },
  'GET /:locale/:slug': { access: 'public' },
  'GET /:locale/:slug/:page': { access: 'public' },
};

/** The policy of a route: its own entry, or for HEAD, its GET route's. */
function policyOf(route: RegisteredRoute): Policy | undefined {
  return (
    POLICY[routeKey(route)] ?? (route.method === 'HEAD' ? POLICY[`GET ${route.url}`] : undefined)
  );
}

// ---------------------------------------------------------------------------------------
// Who calls

interface Persona {
  name: string;
  /** The role of the account whose credentials are sent; null for nobody. */
  role: Role | null;
  via: 'session' | 'token' | null;
  /** A session cookie whose expiry has passed. */
  expired?: true;
  /** A writer acting on what someone else wrote and published. */
  other?: true;
}

const PERSONAS: Persona[] = [
  { name: 'anonymous', role: null, via: null },
  { name: 'writer (session)', role: 'writer', via: 'session' },
  { name: 'writer (token)', role: 'writer', via: 'token' },
  { name: 'editor (session)', role: 'editor', via: 'session' },
  { name: 'editor (token)', role: 'editor', via: 'token' },
  { name: 'admin (session)', role: 'admin', via: 'session' },
  { name: 'admin (token)', role: 'admin', via: 'token' },
  { name: "another writer's token", role: 'writer', via: 'token', other: true },
  { name: 'expired admin session', role: 'admin', via: 'session', expired: true },
];

const RANK: Record<Role, number> = { writer: 1, editor: 2, admin: 3 };
const NEEDS: Record<Exclude<Access, 'public'>, Role> = {
  'own-account': 'writer',
  writer: 'writer',
  editor: 'editor',
  admin: 'admin',
};

/** The refusal `who` gets from a route by role alone, or null when the role may. */
function refusal(policy: Policy, who: Persona): number | null {
  if (policy.access === 'public') return null;
  const signedIn = who.role !== null && !who.expired && (!policy.page || who.via === 'session');
  if (!signedIn) return policy.page ? 303 : 401;
  if (RANK[who.role as Role] < RANK[NEEDS[policy.access]]) return policy.page ? 303 : 403;
  return null;
}

/** The status `who` should get for a valid request, which may touch someone else's work. */
function expectedStatus(policy: Policy, recipe: Recipe, who: Persona): number {
  const refused = refusal(policy, who);
  if (refused !== null) return refused;
  if (who.other && policy.liveNeedsEditor && RANK[who.role as Role] < RANK.editor) return 403;
  return recipe.ok;
}

// ---------------------------------------------------------------------------------------
// How to call each route

interface Req {
  url: string;
  payload?: unknown;
}

interface Fixtures {
  /** Slugs of the demo content, for pages and reads. */
  demo: {
    feature: string;
    song: string;
    artist: string;
    work: string;
    tag: string;
    category: string;
  };
  unique(what: string): string;
  featureDocument(slug: string): Record<string, unknown>;
  /** A new draft feature the admin wrote, at revision 1. */
  draft(): Promise<{ slug: string; revision: number }>;
  /** A new feature the admin wrote and published. */
  live(): Promise<{ slug: string; revision: number }>;
  /** A new feature saved twice (revision 2), published when `live`. */
  twice(live: boolean): Promise<{ slug: string; revision: number }>;
  record(kind: RecordKind, slug?: string): Record<string, unknown>;
  /** A new catalog record the admin added. */
  added(kind: RecordKind): Promise<{ slug: string; version: string | null }>;
  /** A new catalog record a writer added, waiting for an editor to accept it. */
  drafted(kind: RecordKind): Promise<{ slug: string }>;
}

interface Recipe {
  /** The status when the caller may. */
  ok: number;
  /** A valid request, with fresh fixtures so no row depends on another. */
  valid(f: Fixtures, who: Persona): Req | Promise<Req>;
  /** A request that fails validation: `bad` (400) for those who may, 401/403 for the others. */
  malformed?: (f: Fixtures) => Req;
  bad?: number;
  /** Sent with a session of its own, because it ends the one it is sent with. */
  ownSession?: true;
  /** A write route that answers without storing anything (a preview, a proposal). */
  readOnly?: true;
  /** What else a successful answer must say. */
  check?: (res: LightMyRequestResponse, who: Persona & { email: string }) => string | undefined;
}

const NOT_A_SLUG = 'Not_A_Slug';
const ADMIN_BUILT = fs.existsSync(path.resolve('admin/dist/index.html'));

const catalogRecipes = (kind: RecordKind): Record<string, Recipe> => ({
  [`GET /api/v1/editor/${kind}`]: {
    ok: 200,
    valid: () => ({ url: `/api/v1/editor/${kind}?q=a` }),
    malformed: () => ({ url: `/api/v1/editor/${kind}?limit=0` }),
  },
  [`GET /api/v1/editor/${kind}/:slug`]: {
    ok: 200,
    valid: async (f) => ({ url: `/api/v1/editor/${kind}/${(await f.added(kind)).slug}` }),
    malformed: () => ({ url: `/api/v1/editor/${kind}/${NOT_A_SLUG}` }),
  },
  [`POST /api/v1/editor/${kind}`]: {
    ok: 201,
    valid: (f) => ({ url: `/api/v1/editor/${kind}`, payload: { record: f.record(kind) } }),
    malformed: () => ({ url: `/api/v1/editor/${kind}`, payload: { record: { slug: NOT_A_SLUG } } }),
  },
  [`PUT /api/v1/editor/${kind}/:slug`]: {
    ok: 200,
    valid: async (f) => {
      const { slug, version } = await f.added(kind);
      return {
        url: `/api/v1/editor/${kind}/${slug}`,
        payload: { baseVersion: version, record: f.record(kind, slug) },
      };
    },
    malformed: (f) => ({
      url: `/api/v1/editor/${kind}/${f.demo.song}`,
      payload: { baseVersion: 7, record: {} },
    }),
  },
  [`POST /api/v1/editor/${kind}/:slug/merge`]: {
    ok: 200,
    valid: async (f) => {
      const [from, into] = [await f.added(kind), await f.added(kind)];
      return { url: `/api/v1/editor/${kind}/${from.slug}/merge`, payload: { into: into.slug } };
    },
    malformed: () => ({ url: `/api/v1/editor/${kind}/${NOT_A_SLUG}/merge`, payload: {} }),
  },
  ...(kind === 'tags'
    ? {}
    : {
        [`POST /api/v1/editor/${kind}/:slug/accept`]: {
          ok: 200,
          valid: async (f: Fixtures) => ({
            url: `/api/v1/editor/${kind}/${(await f.drafted(kind)).slug}/accept`,
            payload: {},
          }),
          malformed: () => ({ url: `/api/v1/editor/${kind}/${NOT_A_SLUG}/accept`, payload: {} }),
        },
      }),
});

const RECIPES: Record<string, Recipe> = {
  'GET /healthz': { ok: 200, valid: () => ({ url: '/healthz' }) },
  'GET /readyz': { ok: 200, valid: () => ({ url: '/readyz' }) },
  'GET /metrics': { ok: 200, valid: () => ({ url: '/metrics' }) },
  'GET /api/docs': { ok: 200, valid: () => ({ url: '/api/docs' }) },
  'GET /api/v1/openapi.json': { ok: 200, valid: () => ({ url: '/api/v1/openapi.json' }) },
  'POST /api/v1/auth/login': {
    ok: 200,
    valid: () => ({ url: '/api/v1/auth/login', payload: ADMIN }),
    malformed: () => ({ url: '/api/v1/auth/login', payload: { email: 'x' } }),
  },
  'POST /api/v1/auth/logout': {
    ok: 204,
    valid: () => ({ url: '/api/v1/auth/logout' }),
    ownSession: true,
  },
  'GET /api/v1/auth/me': {
    ok: 200,
    valid: () => ({ url: '/api/v1/auth/me' }),
    check: (res, who) =>
      res.json().user?.email === who.email
        ? undefined
        : `answered as ${String(res.json().user?.email)}, not ${who.email}`,
  },
  'GET /api/v1/search': {
    ok: 200,
    valid: (f) => ({ url: `/api/v1/search?q=${f.demo.song}&locale=ja` }),
    malformed: () => ({ url: '/api/v1/search?q=' }),
  },
  'GET /api/v1/suggest': {
    ok: 200,
    valid: (f) => ({ url: `/api/v1/suggest?q=${f.demo.artist}` }),
    malformed: () => ({ url: '/api/v1/suggest?q=a&type=nothing' }),
  },
  'GET /api/v1/categories': {
    ok: 200,
    valid: () => ({ url: '/api/v1/categories?locale=ko' }),
    malformed: () => ({ url: '/api/v1/categories?locale=xx' }),
  },
  'GET /api/v1/features/:slug': {
    ok: 200,
    valid: (f) => ({ url: `/api/v1/features/${f.demo.feature}?page=1` }),
    malformed: (f) => ({ url: `/api/v1/features/${f.demo.feature}?page=0` }),
  },
  'GET /api/v1/songs/:slug': {
    ok: 200,
    valid: (f) => ({ url: `/api/v1/songs/${f.demo.song}` }),
    malformed: () => ({ url: `/api/v1/songs/${NOT_A_SLUG}` }),
  },
  'GET /api/v1/songs/:slug/plays': {
    ok: 200,
    valid: (f) => ({ url: `/api/v1/songs/${f.demo.song}/plays` }),
    malformed: (f) => ({ url: `/api/v1/songs/${f.demo.song}/plays?from=yesterday` }),
  },
  'POST /api/v1/plays': {
    ok: 200,
    valid: (f) => ({ url: '/api/v1/plays', payload: { song: f.demo.song, locale: 'en' } }),
    malformed: () => ({ url: '/api/v1/plays', payload: { locale: 'en' } }),
  },
  'GET /api/v1/editor/features': { ok: 200, valid: () => ({ url: '/api/v1/editor/features' }) },
  'POST /api/v1/editor/features': {
    ok: 201,
    valid: (f) => ({
      url: '/api/v1/editor/features',
      payload: f.featureDocument(f.unique('new-feature')),
    }),
    malformed: () => ({ url: '/api/v1/editor/features', payload: { slug: 'admin', text: {} } }),
  },
  'GET /api/v1/editor/features/:slug': {
    ok: 200,
    valid: async (f) => ({ url: `/api/v1/editor/features/${(await f.draft()).slug}` }),
    malformed: () => ({ url: `/api/v1/editor/features/${NOT_A_SLUG}` }),
  },
  'PUT /api/v1/editor/features/:slug': {
    ok: 200,
    valid: async (f, who) => {
      // Another writer's token is tried on a feature the admin wrote and published.
      const { slug, revision } = who.other ? await f.live() : await f.draft();
      return {
        url: `/api/v1/editor/features/${slug}`,
        payload: { baseRevision: revision, document: f.featureDocument(slug) },
      };
    },
    malformed: (f) => ({
      url: `/api/v1/editor/features/${f.demo.feature}`,
      payload: { baseRevision: 0, document: {} },
    }),
  },
  'POST /api/v1/editor/features/:slug/publish': {
    ok: 200,
    valid: async (f) => ({
      url: `/api/v1/editor/features/${(await f.draft()).slug}/publish`,
      payload: {},
    }),
    malformed: (f) => ({
      url: `/api/v1/editor/features/${f.demo.feature}/publish`,
      payload: { at: 'tomorrow' },
    }),
  },
  'POST /api/v1/editor/features/:slug/unpublish': {
    ok: 200,
    valid: async (f) => ({ url: `/api/v1/editor/features/${(await f.live()).slug}/unpublish` }),
    malformed: () => ({ url: `/api/v1/editor/features/${NOT_A_SLUG}/unpublish` }),
  },
  'GET /api/v1/editor/features/:slug/revisions': {
    ok: 200,
    valid: async (f) => ({ url: `/api/v1/editor/features/${(await f.draft()).slug}/revisions` }),
    malformed: () => ({ url: `/api/v1/editor/features/${NOT_A_SLUG}/revisions` }),
  },
  'GET /api/v1/editor/features/:slug/revisions/:revision': {
    ok: 200,
    valid: async (f) => ({
      url: `/api/v1/editor/features/${(await f.draft()).slug}/revisions/1`,
    }),
    malformed: (f) => ({ url: `/api/v1/editor/features/${f.demo.feature}/revisions/first` }),
  },
  'POST /api/v1/editor/features/:slug/revisions/:revision/restore': {
    ok: 200,
    valid: async (f, who) => {
      const { slug, revision } = await f.twice(who.other === true);
      return {
        url: `/api/v1/editor/features/${slug}/revisions/1/restore`,
        payload: { baseRevision: revision },
      };
    },
    malformed: (f) => ({
      url: `/api/v1/editor/features/${f.demo.feature}/revisions/1/restore`,
      payload: { baseRevision: 'latest' },
    }),
  },
  'POST /api/v1/editor/name-check': {
    ok: 200,
    readOnly: true,
    valid: (f) => ({ url: '/api/v1/editor/name-check', payload: f.featureDocument('name-check') }),
    malformed: () => ({ url: '/api/v1/editor/name-check', payload: { entries: 'none' } }),
  },
  'POST /api/v1/editor/preview': {
    ok: 200,
    readOnly: true,
    valid: () => ({ url: '/api/v1/editor/preview', payload: { markdown: 'A *quiet* ||twist||.' } }),
    malformed: () => ({ url: '/api/v1/editor/preview', payload: { markdown: 42 } }),
  },
  'POST /api/v1/editor/assistant': {
    ok: 200,
    readOnly: true,
    valid: (f) => ({ url: '/api/v1/editor/assistant', payload: { tags: [f.demo.tag], limit: 3 } }),
    malformed: () => ({ url: '/api/v1/editor/assistant', payload: { limit: 5000 } }),
  },
  ...catalogRecipes('songs'),
  ...catalogRecipes('artists'),
  ...catalogRecipes('works'),
  ...catalogRecipes('tags'),
  'GET /api/v1/users': { ok: 200, valid: () => ({ url: '/api/v1/users' }) },
  'POST /api/v1/users': {
    ok: 201,
    valid: (f) => ({
      url: '/api/v1/users',
      payload: {
        email: `${f.unique('person')}@example.org`,
        displayName: 'New person',
        role: 'writer',
        password: 'a long enough password',
      },
    }),
    malformed: () => ({ url: '/api/v1/users', payload: { email: 'x', role: 'owner' } }),
  },
  'GET /': { ok: 302, valid: () => ({ url: '/' }) },
  'GET /robots.txt': { ok: 200, valid: () => ({ url: '/robots.txt' }) },
  'GET /sitemap.xml': { ok: 200, valid: () => ({ url: '/sitemap.xml' }) },
  'GET /sitemaps/:file': {
    ok: 200,
    valid: () => ({ url: '/sitemaps/songs-1.xml' }),
    malformed: () => ({ url: '/sitemaps/songs-0.xml' }),
    bad: 404,
  },
  'GET /assets/*': {
    ok: 200,
    valid: () => ({ url: '/assets/site.css' }),
    malformed: () => ({ url: '/assets/no-such-file.css' }),
    bad: 404,
  },
  'GET /admin': { ok: 301, valid: () => ({ url: '/admin' }) },
  // Without `npm run build:admin`, the back office answers 503 with how to build it.
  'GET /admin/*': { ok: ADMIN_BUILT ? 200 : 503, valid: () => ({ url: '/admin/' }) },
  'GET /admin/preview/:locale/:slug': {
    ok: 200,
    valid: async (f) => ({ url: `/admin/preview/ja/${(await f.draft()).slug}` }),
    malformed: () => ({ url: `/admin/preview/xx/${NOT_A_SLUG}` }),
    bad: 404,
  },
  'GET /:locale': {
    ok: 301,
    valid: () => ({ url: '/en' }),
    malformed: () => ({ url: '/xx' }),
    bad: 404,
  },
  'GET /:locale/': { ok: 200, valid: () => ({ url: '/ja/' }) },
  'GET /:locale/about': { ok: 200, valid: () => ({ url: '/ko/about' }) },
  'GET /:locale/search': { ok: 200, valid: (f) => ({ url: `/en/search?q=${f.demo.song}` }) },
  'GET /:locale/feed.xml': { ok: 200, valid: () => ({ url: '/zh-hant/feed.xml' }) },
  'GET /:locale/songs/:slug': {
    ok: 200,
    valid: (f) => ({ url: `/en/songs/${f.demo.song}` }),
    malformed: () => ({ url: '/en/songs/no-such-song' }),
    bad: 404,
  },
  'GET /:locale/artists/:slug': {
    ok: 200,
    valid: (f) => ({ url: `/ja/artists/${f.demo.artist}` }),
  },
  'GET /:locale/works/:slug': { ok: 200, valid: (f) => ({ url: `/en/works/${f.demo.work}` }) },
  'GET /:locale/tags/:slug': { ok: 200, valid: (f) => ({ url: `/en/tags/${f.demo.tag}` }) },
  'GET /:locale/categories/:slug': {
    ok: 200,
    valid: (f) => ({ url: `/en/categories/${f.demo.category}` }),
  },
  'GET /:locale/:slug': {
    ok: 200,
    valid: (f) => ({ url: `/en/${f.demo.feature}` }),
    malformed: (f) => ({ url: `/xx/${f.demo.feature}` }),
    bad: 404,
  },
  'GET /:locale/:slug/:page': {
    ok: 200,
    valid: (f) => ({ url: `/ja/${f.demo.feature}/2` }),
    malformed: (f) => ({ url: `/ja/${f.demo.feature}/0` }),
    bad: 404,
  },
};

function recipeOf(route: RegisteredRoute): Recipe | undefined {
  return (
    RECIPES[routeKey(route)] ?? (route.method === 'HEAD' ? RECIPES[`GET ${route.url}`] : undefined)
  );
}

// ---------------------------------------------------------------------------------------
// What no answer may contain

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery staple' };
const PASSWORDS = {
  writer: 'writer password 123',
  editor: 'editor password 123',
  other: 'another writer password',
};

const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\n\s+at /],
  ['a stack frame', /\bat [\w$.<>]+ \((?:file:|node:|\/)/],
  ['a module path', /node_modules/],
  ['a source file', /\.tsx?:/],
  ['a file path', new RegExp(`file://|${process.cwd().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)],
  ['a password hash', /\$argon2/],
  ['SQL', /\bselect\s+[\w*"`.,\s]+?\s+from\s+["`\w]/i],
  ['SQL', /\binsert\s+into\b/i],
  ['SQL', /\bupdate\s+["`]?\w+["`]?\s+set\b/i],
  ['SQL', /\bdelete\s+from\b/i],
  ['a database error', /SQLITE_|sqlite3|postgres|syntax error at|violates .* constraint/i],
];

/** What a body gives away: secrets in any answer, internals in an error. */
function leaks(res: LightMyRequestResponse, secrets: string[]): string[] {
  const found = secrets
    .filter((s) => res.body.includes(s))
    .map((s) => `a secret (${s.slice(0, 6)}…)`);
  if (res.statusCode >= 400) {
    for (const [what, pattern] of LEAKS) if (pattern.test(res.body)) found.push(what);
  }
  return [...new Set(found)];
}

// ---------------------------------------------------------------------------------------
// The rows

interface Row {
  route: string;
  as: string;
  request: string;
  expected: number;
  actual: number;
  problem?: string;
}

function markdown(rows: Row[]): string {
  const cell = (s: string | number | undefined) => String(s ?? '').replaceAll('|', '\\|');
  return [
    '| route | as | request | expected | actual | problem |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${cell(r.route)} | ${cell(r.as)} | ${cell(r.request)} | ${r.expected} | ${r.actual} | ${cell(r.problem)} |`,
    ),
  ].join('\n');
}

function expectNoFailures(rows: Row[], what: string) {
  const failed = rows.filter((r) => r.problem);
  if (failed.length > 0)
    console.log(`${what}: ${failed.length} of ${rows.length} rows failed\n${markdown(failed)}`);
  expect(failed.length, `${what}:\n${markdown(failed)}`).toBe(0);
}

/**
 * Hears every statement the application runs and keeps those that change data, so a refused
 * request can be shown to have written nothing at all. Using an API token stamps its
 * `last_used_at`, which is bookkeeping of the token, not a change anyone asked for.
 */
function writeRecorder() {
  const WRITES = /\b(insert\s+into|update\s+"?\w+"?\s+set|delete\s+from|replace\s+into)\b/i;
  const TOKEN_STAMP = /^update "api_tokens" set "last_used_at"/i;
  const heard: string[] = [];
  return {
    onQuery(statement: string) {
      if (WRITES.test(statement) && !TOKEN_STAMP.test(statement.trim())) heard.push(statement);
    },
    /** Runs `send` and returns its answer with the writes it made. */
    async during<T>(send: () => Promise<T>): Promise<[T, string[]]> {
      const from = heard.length;
      const result = await send();
      return [result, heard.slice(from)];
    },
  };
}

const isWrite = (method: string) => method !== 'GET' && method !== 'HEAD';

describe.each(DIALECTS)('who may call which route, on %s', (dialect) => {
  const recorder = writeRecorder();
  const { app } = useTestApp(dialect, { onQuery: (statement) => recorder.onQuery(statement) });
  const { tokens } = usePeople(app);
  const http = () => app().http;

  let routes: RegisteredRoute[];
  let f: Fixtures;
  /** Credentials by persona name. */
  const credentials = new Map<
    string,
    { email: string; headers: Record<string, string>; csrf?: string }
  >();
  const secrets: string[] = [];

  async function signIn(email: string, password: string, address = '10.9.0.1') {
    const res = await http().inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress: address,
    });
    expect(res.statusCode, res.body).toBe(200);
    const session = res.cookies.find((c) => c.name === 'tokushu_session')?.value as string;
    const csrfSecret = res.cookies.find((c) => c.name === '_csrf')?.value;
    secrets.push(session, ...(csrfSecret ? [csrfSecret] : []));
    return {
      session,
      cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      csrf: res.json().csrfToken as string,
    };
  }

  beforeAll(async () => {
    const { accounts, editing, catalogEditing } = app().services;
    const db = app().database.db;
    routes = registeredRoutes(http());

    await accounts.addUser({
      email: 'other-writer@example.org',
      displayName: 'Other writer',
      password: PASSWORDS.other,
      role: 'writer',
    });
    const otherToken = await accounts.createToken('other-writer@example.org', 'matrix');
    secrets.push(
      tokens.writer as string,
      tokens.editor as string,
      tokens.admin as string,
      otherToken,
    );
    secrets.push(ADMIN.password, PASSWORDS.writer, PASSWORDS.editor, PASSWORDS.other);

    const emails = {
      writer: 'writer@example.org',
      editor: 'editor@example.org',
      admin: ADMIN.email,
    };
    const passwords = { writer: PASSWORDS.writer, editor: PASSWORDS.editor, admin: ADMIN.password };
    for (const who of PERSONAS) {
      if (who.role === null) {
        credentials.set(who.name, { email: '', headers: {} });
      } else if (who.other) {
        credentials.set(who.name, {
          email: 'other-writer@example.org',
          headers: { authorization: `Bearer ${otherToken}` },
        });
      } else if (who.via === 'token') {
        credentials.set(who.name, {
          email: emails[who.role],
          headers: { authorization: `Bearer ${tokens[who.role]}` },
        });
      } else {
        const { session, cookie, csrf } = await signIn(emails[who.role], passwords[who.role]);
        if (who.expired) {
          // The session ran out a second ago.
          await db
            .updateTable('sessions')
            .set({ expires_at: new Date(Date.parse(TEST_NOW) - 1000).toISOString() })
            .where('token_hash', '=', hashSecret(session))
            .execute();
        }
        credentials.set(who.name, { email: emails[who.role], headers: { cookie }, csrf });
      }
    }

    const admin = (await accounts.actorForToken(tokens.admin as string)) as Actor;
    const writer: Actor = { ...admin, role: 'writer' };
    const first = async (query: Promise<{ slug: string }[]>, what: string) => {
      const [row] = await query;
      if (!row) throw new Error(`The demo content has no ${what}`);
      return row.slug;
    };
    const demo = {
      // A published feature of more than one page.
      feature: await first(
        db
          .selectFrom('features as f')
          .innerJoin('entries as e', 'e.feature_id', 'f.id')
          .select('f.slug')
          .where('f.status', '=', 'published')
          .where('f.kind', '=', 'curated')
          .groupBy('f.slug')
          .having(sql`count(e.id)`, '>', 10)
          .orderBy('f.slug')
          .limit(1)
          .execute(),
        'feature of two pages',
      ),
      song: await first(
        db
          .selectFrom('songs as s')
          .innerJoin('entries as e', 'e.song_id', 's.id')
          .select('s.slug')
          .distinct()
          .orderBy('s.slug')
          .limit(1)
          .execute(),
        'song in a feature',
      ),
      artist: await first(
        db
          .selectFrom('artists as a')
          .innerJoin('song_credits as c', 'c.artist_id', 'a.id')
          .select('a.slug')
          .distinct()
          .orderBy('a.slug')
          .limit(1)
          .execute(),
        'credited artist',
      ),
      work: await first(
        db
          .selectFrom('works as w')
          .innerJoin('tie_ins as t', 't.work_id', 'w.id')
          .select('w.slug')
          .distinct()
          .orderBy('w.slug')
          .limit(1)
          .execute(),
        'work with a song',
      ),
      tag: await first(
        db
          .selectFrom('tags as t')
          .innerJoin('song_tags as st', 'st.tag_id', 't.id')
          .select('t.slug')
          .distinct()
          .orderBy('t.slug')
          .limit(1)
          .execute(),
        'tag on a song',
      ),
      category: await first(
        db
          .selectFrom('categories as c')
          .innerJoin('features as f', 'f.category_id', 'c.id')
          .select('c.slug')
          .distinct()
          .orderBy('c.slug')
          .limit(1)
          .execute(),
        'category with a feature',
      ),
    };
    const [anArtist] = await db
      .selectFrom('artists')
      .select('slug')
      .orderBy('slug')
      .limit(1)
      .execute();

    let n = 0;
    const unique = (what: string) => `${what}-${++n}-m`;
    const featureDocument = (slug: string) => ({
      slug,
      category: demo.category,
      tags: [demo.tag],
      text: {
        en: { title: `Access check ${slug}`, lead: 'A lead.', closing: '', status: 'reviewed' },
        ja: { title: `確認 ${slug}`, lead: '', closing: '', status: 'draft' },
      },
      entries: [{ song: demo.song, commentary: { en: 'Why it is here.' } }],
    });
    const record = (kind: RecordKind, slug = unique(kind.slice(0, -1))): Record<string, unknown> =>
      ({
        songs: {
          slug,
          title: { original: slug },
          credits: [{ artist: anArtist?.slug, role: 'vocals' }],
        },
        artists: { slug, kind: 'person', name: { original: slug } },
        works: { slug, kind: 'tv', title: { original: slug } },
        tags: { slug, kind: 'mood', name: { en: slug } },
      })[kind];
    const draft = async () => {
      const view = await editing.create(admin, featureDocument(unique('draft')) as never);
      return { slug: view.slug, revision: view.revision };
    };
    f = {
      demo,
      unique,
      featureDocument,
      record,
      draft,
      async live() {
        const made = await draft();
        await editing.publish(admin, made.slug);
        return made;
      },
      async twice(live) {
        const made = await draft();
        const saved = await editing.save(admin, made.slug, made.revision, {
          ...featureDocument(made.slug),
          byline: 'Saved twice',
        } as never);
        if (live) await editing.publish(admin, made.slug);
        return { slug: saved.slug, revision: saved.revision };
      },
      async added(kind) {
        const view = await catalogEditing.create(admin, kind, record(kind));
        return { slug: view.slug, version: view.version };
      },
      async drafted(kind) {
        const view = await catalogEditing.create(writer, kind, record(kind));
        return { slug: view.slug };
      },
    };
  }, 60_000);

  const send = (method: string, req: Req, headers: Record<string, string>) =>
    http().inject({
      method: method as InjectOptions['method'],
      url: req.url,
      headers,
      ...(req.payload === undefined ? {} : { payload: req.payload as object }),
    });

  /** The headers `who` sends with `method`; a session write carries its CSRF token. */
  async function headersFor(who: Persona, method: string, recipe: Recipe) {
    const own = credentials.get(who.name);
    if (!own) throw new Error(`no credentials for ${who.name}`);
    if (who.via !== 'session') return own.headers;
    let { headers, csrf } = own;
    if (recipe.ownSession && !who.expired) {
      const password = {
        writer: PASSWORDS.writer,
        editor: PASSWORDS.editor,
        admin: ADMIN.password,
      };
      const fresh = await signIn(own.email, password[who.role as Role]);
      headers = { cookie: fresh.cookie };
      csrf = fresh.csrf;
    }
    return isWrite(method) && csrf ? { ...headers, 'x-csrf-token': csrf } : headers;
  }

  it('classifies every route the application registers, and nothing else', () => {
    const keys = routes.map(routeKey);
    const unclassified = routes.filter((r) => !policyOf(r)).map(routeKey);
    const noRecipe = routes.filter((r) => !recipeOf(r)).map(routeKey);
    expect(unclassified, 'routes missing from POLICY').toEqual([]);
    expect(noRecipe, 'routes missing from RECIPES').toEqual([]);
    const gone = (table: Record<string, unknown>) =>
      Object.keys(table).filter((k) => !keys.includes(k));
    expect(gone(POLICY), 'POLICY entries for routes that no longer exist').toEqual([]);
    expect(gone(RECIPES), 'RECIPES entries for routes that no longer exist').toEqual([]);
    // Sanity: the router was read in full (every documented API route is among them).
    expect(routes.length).toBeGreaterThan(40);
  });

  it('agrees with the OpenAPI document about the API routes', async () => {
    const doc = (await http().inject({ url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.keys(methods).map(
        (m) => `${m.toUpperCase()} /api/v1${p.replace(/\{(\w+)\}/g, ':$1')}`,
      ),
    );
    const keys = routes.map(routeKey);
    expect(documented.filter((k) => !keys.includes(k))).toEqual([]);
    const undocumented = keys.filter(
      (k) => /^(GET|POST|PUT|DELETE|PATCH) \/api\/v1\//.test(k) && !documented.includes(k),
    );
    expect(undocumented).toEqual(['GET /api/v1/openapi.json']);
  });

  // The verdicts come from the HTTP layer and take longer than 20 s to check: the matrix runs
  // on SQLite only. What depends on the database (sessions, their expiry, tokens, CSRF,
  // throttling) is checked below on every database.
  it.runIf(dialect === 'sqlite')(
    'answers every route as its policy says, to everyone, before validation, without leaks',
    async () => {
      const rows: Row[] = [];
      for (const route of routes) {
        const policy = policyOf(route);
        const recipe = recipeOf(route);
        if (!policy || !recipe) continue;
        for (const who of PERSONAS) {
          const own = credentials.get(who.name) as { email: string };
          const kinds = [
            ['valid', await recipe.valid(f, who)] as const,
            ...(recipe.malformed ? [['malformed', recipe.malformed(f)] as const] : []),
          ];
          for (const [kind, req] of kinds) {
            const refused = refusal(policy, who);
            const expected =
              kind === 'valid'
                ? expectedStatus(policy, recipe, who)
                : (refused ?? recipe.bad ?? 400);
            const headers = await headersFor(who, route.method, recipe);
            const watch = isWrite(route.method) && expected !== recipe.ok;
            const [res, wrote] = await recorder.during(() => send(route.method, req, headers));
            const problems: string[] = [];
            if (res.statusCode !== expected) {
              problems.push(`got ${res.statusCode}: ${res.body.slice(0, 160)}`);
            }
            problems.push(...leaks(res, secrets).map((l) => `leaks ${l}`));
            if (watch && wrote.length > 0) problems.push(`wrote to the database: ${wrote[0]}`);
            if (
              res.statusCode === expected &&
              expected >= 400 &&
              route.url.startsWith('/api/') &&
              res.headers['content-type'] !== 'application/problem+json; charset=utf-8'
            ) {
              problems.push(`answered ${String(res.headers['content-type'])}, not problem+json`);
            }
            if (res.statusCode === recipe.ok && kind === 'valid' && route.method !== 'HEAD') {
              const wrong = recipe.check?.(res, { ...who, email: own.email });
              if (wrong) problems.push(wrong);
            }
            rows.push({
              route: routeKey(route),
              as: who.name,
              request: `${kind}: ${route.method} ${req.url}`,
              expected,
              actual: res.statusCode,
              ...(problems.length ? { problem: problems.join('; ') } : {}),
            });
          }
        }
      }
      console.log(`access matrix on ${dialect}: ${routes.length} routes, ${rows.length} rows`);
      expectNoFailures(rows, `access matrix on ${dialect}`);
    },
    180_000,
  );

  it('refuses every cookie-authenticated write without its CSRF token, and changes nothing', async () => {
    const rows: Row[] = [];
    const admin = PERSONAS.find((p) => p.name === 'admin (session)') as Persona;
    const writer = credentials.get('writer (session)') as { csrf: string };
    const writes = routes.filter((r) => isWrite(r.method) && policyOf(r)?.access !== 'public');
    expect(writes.length).toBeGreaterThan(20);
    for (const route of writes) {
      const recipe = recipeOf(route) as Recipe;
      const req = await recipe.valid(f, admin);
      const withToken = (await headersFor(admin, route.method, recipe)) as Record<string, string>;
      const { 'x-csrf-token': _token, ...without } = withToken;
      const attempts: [string, Record<string, string>, number][] = [
        ['no X-CSRF-Token', without, 403],
        // A real token, but minted for another browser's secret.
        ["another browser's token", { ...without, 'x-csrf-token': writer.csrf }, 403],
        [
          'the token without its secret cookie',
          {
            ...withToken,
            cookie: (withToken.cookie as string)
              .split('; ')
              .filter((c) => !c.startsWith('_csrf='))
              .join('; '),
          },
          403,
        ],
        ['its token', withToken, recipe.ok],
      ];
      for (const [what, headers, expected] of attempts) {
        const [res, wrote] = await recorder.during(() => send(route.method, req, headers));
        const problems: string[] = [];
        if (res.statusCode !== expected)
          problems.push(`got ${res.statusCode}: ${res.body.slice(0, 160)}`);
        if (expected === 403) {
          if (!/csrf/i.test(res.body))
            problems.push(`not refused for CSRF: ${res.body.slice(0, 160)}`);
          if (wrote.length > 0) problems.push(`wrote to the database: ${wrote[0]}`);
        } else if (wrote.length === 0 && !recipe.readOnly) {
          // The recorder must hear the writes it is trusted to say did not happen.
          problems.push('accepted, but no write was heard');
        } else if (wrote.length > 0 && recipe.readOnly) {
          problems.push(`a read-only route wrote: ${wrote[0]}`);
        }
        problems.push(...leaks(res, secrets).map((l) => `leaks ${l}`));
        rows.push({
          route: routeKey(route),
          as: 'admin (session)',
          request: `${what}: ${route.method} ${req.url}`,
          expected,
          actual: res.statusCode,
          ...(problems.length ? { problem: problems.join('; ') } : {}),
        });
      }
    }
    console.log(`CSRF on ${dialect}: ${writes.length} write routes, ${rows.length} rows`);
    expectNoFailures(rows, `CSRF on ${dialect}`);
  });

  describe('sessions', () => {
    const cookieOf = (res: LightMyRequestResponse) =>
      res.cookies.find((c) => c.name === 'tokushu_session');
    const sessionRows = async (token: string) =>
      app()
        .database.db.selectFrom('sessions')
        .select('user_id')
        .where('token_hash', '=', hashSecret(token))
        .execute();

    it('refuses a session whose expiry has passed, to reads, writes and pages alike', async () => {
      const expired = credentials.get('expired admin session') as {
        headers: Record<string, string>;
        csrf: string;
      };
      const cookie = expired.headers.cookie as string;
      const read = await http().inject({ url: '/api/v1/users', headers: { cookie } });
      const write = await http().inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { cookie, 'x-csrf-token': expired.csrf },
        payload: {
          email: 'late@example.org',
          displayName: 'Too late',
          role: 'admin',
          password: 'a long enough password',
        },
      });
      const me = await http().inject({ url: '/api/v1/auth/me', headers: { cookie } });
      const preview = await http().inject({
        url: `/admin/preview/en/${f.demo.feature}`,
        headers: { cookie },
      });
      expect([read, write, me, preview].map((r) => r.statusCode)).toEqual([401, 401, 401, 303]);
      const users = await app().database.db.selectFrom('users').select('email').execute();
      expect(users.map((u) => u.email)).not.toContain('late@example.org');
    });

    it('never honours a session token the client chose before signing in', async () => {
      const chosen = randomBytes(32).toString('base64url');
      const res = await http().inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'writer@example.org', password: PASSWORDS.writer },
        headers: { cookie: `tokushu_session=${chosen}` },
        remoteAddress: '10.9.1.1',
      });
      expect(res.statusCode).toBe(200);
      const issued = cookieOf(res)?.value;
      expect(issued).toBeTruthy();
      expect(issued).not.toBe(chosen);
      expect(await sessionRows(chosen)).toEqual([]);
      const withChosen = await http().inject({
        url: '/api/v1/editor/features',
        headers: { cookie: `tokushu_session=${chosen}` },
      });
      expect(withChosen.statusCode).toBe(401);
      const withIssued = await http().inject({
        url: '/api/v1/auth/me',
        headers: { cookie: `tokushu_session=${issued}` },
      });
      expect(withIssued.json().user.email).toBe('writer@example.org');
    });

    it("issues a new token at sign-in even over someone else's live session", async () => {
      // An attacker plants their own signed-in cookie; the victim signs in on top of it.
      const planted = await signIn('editor@example.org', PASSWORDS.editor, '10.9.1.2');
      const res = await http().inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: ADMIN,
        headers: { cookie: planted.cookie },
        remoteAddress: '10.9.1.2',
      });
      const issued = cookieOf(res)?.value as string;
      expect(issued).not.toBe(planted.session);
      const me = await http().inject({
        url: '/api/v1/auth/me',
        headers: { cookie: `tokushu_session=${issued}` },
      });
      expect(me.json().user.email).toBe(ADMIN.email);
      const [row] = await sessionRows(issued);
      const [planter] = await sessionRows(planted.session);
      expect(row?.user_id).not.toBe(planter?.user_id);
    });

    it('ends the session on the server at logout: the old cookie is refused everywhere', async () => {
      const { session, cookie, csrf } = await signIn(ADMIN.email, ADMIN.password, '10.9.1.3');
      const out = await http().inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { cookie, 'x-csrf-token': csrf },
      });
      expect(out.statusCode).toBe(204);
      expect(cookieOf(out)?.value).toBe('');
      expect(await sessionRows(session)).toEqual([]);
      const read = await http().inject({ url: '/api/v1/users', headers: { cookie } });
      expect(read.statusCode).toBe(401);
      const write = await http().inject({
        method: 'POST',
        url: '/api/v1/editor/preview',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: { markdown: 'still here?' },
      });
      expect(write.statusCode).toBe(401);
      const preview = await http().inject({
        url: `/admin/preview/en/${f.demo.feature}`,
        headers: { cookie },
      });
      expect(preview.statusCode).toBe(303);
    });

    it('locks an account and address after 5 failures: the 6th try gets 429 even with the right password, and no session', async () => {
      const { accounts } = app().services;
      const email = 'locked-writer@example.org';
      const password = 'the right password here';
      await accounts.addUser({ email, displayName: 'Locked', password, role: 'writer' });
      const attempt = (pw: string) =>
        http().inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email, password: pw },
          remoteAddress: '10.9.2.1',
        });
      for (let i = 0; i < 5; i++)
        expect((await attempt(`wrong password ${i}`)).statusCode).toBe(401);
      const sessionsBefore = await app()
        .database.db.selectFrom('sessions')
        .select('token_hash')
        .execute();
      const right = await attempt(password);
      const wrong = await attempt('wrong password again');
      for (const res of [right, wrong]) {
        expect(res.statusCode).toBe(429);
        const retryAfter = Number(res.headers['retry-after']);
        expect(Number.isInteger(retryAfter)).toBe(true);
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(15 * 60);
        expect(cookieOf(res)).toBeUndefined();
        expect(leaks(res, [password])).toEqual([]);
      }
      // The right password tells the caller nothing the wrong one does not.
      expect(right.json()).toEqual(wrong.json());
      const sessionsAfter = await app()
        .database.db.selectFrom('sessions')
        .select('token_hash')
        .execute();
      expect(sessionsAfter).toHaveLength(sessionsBefore.length);
    });
  });
});
