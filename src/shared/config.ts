import path from 'node:path';
import { z } from 'zod';

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres://, postgresql:// or sqlite:')
    .optional(),
  CONTENT_DIR: z.string().min(1).default('./content'),
  PUBLIC_URL: z
    .url()
    .regex(
      /^https?:\/\/[^/]+$/,
      'must be a scheme and host without a path, like https://tokushu.example',
    )
    .optional(),
  ADMIN_EMAIL: z.email().default('admin@tokushu.local'),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  PLAYS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  PLAYS_RAW_DAYS: z.coerce.number().int().min(1).default(30),
  RANKINGS_REFRESH_MINUTES: z.coerce.number().int().min(0).default(60),
  DEMO_PLAYS: z.enum(['0', '1', 'true', 'false']).default('1'),
  TRUST_PROXY: z.string().min(1).optional(),
  PAGE_CACHE_MB: z.coerce.number().min(0).default(64),
  CDN_MAX_AGE: z.coerce.number().int().min(0).default(60),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/**
 * Behind a proxy the request's host is whatever X-Forwarded-Host says, which anyone can
 * write: canonical links, the sitemap and page-cache keys made from it would name their site.
 */
const CheckedConfigSchema = ConfigSchema.superRefine((e, ctx) => {
  if (e.TRUST_PROXY !== undefined && e.TRUST_PROXY !== 'false' && !e.PUBLIC_URL)
    ctx.addIssue({
      code: 'custom',
      path: ['PUBLIC_URL'],
      message:
        'must be set when TRUST_PROXY is: the site address in links, the sitemap and ' +
        'robots.txt would otherwise come from the X-Forwarded-Host header, which any client ' +
        'can write. Set PUBLIC_URL to the address readers use, like https://tokushu.example',
    });
});

/**
 * The site's address when PUBLIC_URL is not set (and so no proxy is trusted): the address
 * the server listens on, so that links work on this machine; never the request's Host
 * header, which the client writes. A server listening on every interface (0.0.0.0, ::) has
 * no one address: links then name `localhost`. A site others read sets PUBLIC_URL.
 */
function listeningAddress(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `sqlite:<file>` or `postgres://…`; defaults to SQLite in the data directory. */
  databaseUrl: string;
  contentDir: string;
  /**
   * The site's address (scheme and host) for absolute links, the sitemap and page-cache keys:
   * PUBLIC_URL, else the address the server listens on. Never taken from a request.
   */
  publicUrl: string;
  /**
   * PUBLIC_URL as set, or undefined: where the listening address is no answer (a play's
   * Origin is then checked against the host the request was sent to).
   */
  declaredPublicUrl: string | undefined;
  adminEmail: string;
  adminPassword: string | undefined;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  /** Plays one address may send a minute; generous, as many readers can share one address. */
  playsPerMinute: number;
  /** Days raw plays are kept before they are folded into daily counts. */
  playsRawDays: number;
  /**
   * Which proxies in front of the server to believe about the reader's address
   * (X-Forwarded-For): none by default; `true` (the one proxy in front), a hop count, or
   * addresses and CIDR ranges. Requires PUBLIC_URL.
   */
  trustProxy: boolean | string | ((address: string, hop: number) => boolean);
  /** Memory for rendered pages (with their compressed forms); 0 renders every request. */
  pageCacheBytes: number;
  /** Seconds a shared cache (a CDN) may keep a page (`s-maxage`); browsers revalidate. */
  cdnMaxAge: number;
  /** When set, `/metrics` answers only `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** Minutes between ranking refreshes in the server; 0 leaves them to `rankings refresh`. */
  rankingsRefreshMinutes: number;
  /** Whether a new site loaded with the content pack gets a made-up play history. */
  demoPlays: boolean;
}

/** Reads configuration from environment variables; a bad value names the variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = CheckedConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'tokushu.db')}`,
    contentDir: path.resolve(e.CONTENT_DIR),
    publicUrl: e.PUBLIC_URL ?? listeningAddress(e.HOST, e.PORT),
    declaredPublicUrl: e.PUBLIC_URL,
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    logLevel: e.LOG_LEVEL,
    playsPerMinute: e.PLAYS_PER_MINUTE,
    playsRawDays: e.PLAYS_RAW_DAYS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    pageCacheBytes: Math.round(e.PAGE_CACHE_MB * 1024 * 1024),
    cdnMaxAge: e.CDN_MAX_AGE,
    metricsToken: e.METRICS_TOKEN,
    rankingsRefreshMinutes: e.RANKINGS_REFRESH_MINUTES,
    demoPlays: e.DEMO_PLAYS === '1' || e.DEMO_PLAYS === 'true',
  };
}

/**
 * Only the hops the setting names are believed. Each proxy appends the address it was
 * reached from to X-Forwarded-For, so the right-most entries are the ones our own proxies
 * wrote and everything to their left is whatever the client sent. `true` therefore means
 * the one proxy in front of us (believing every hop, as a bare `true` does in Fastify, would
 * take the client's own left-most entry as its address).
 */
function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  if (value === undefined || value === 'false') return false;
  const hops = value === 'true' ? 1 : /^\d+$/.test(value) ? Number(value) : null;
  if (hops !== null) return (_address, hop) => hop < hops;
  return value;
}
