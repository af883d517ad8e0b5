import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RenderCache } from '#src/cache/index.ts';

export interface MetricsSources {
  /** Required as a bearer token when set; otherwise the figures are open to all. */
  token: string | undefined;
  pageCache: RenderCache | null;
  /** Plays received and not yet written. */
  playQueueDepth: () => number;
}

/**
 * Request counts and latencies by route, the page cache's hits and misses, the play queue
 * and the process's own figures, in Prometheus's text format at `/metrics`. Each
 * application has its own registry, so two in one process (tests) count apart.
 */
export async function metricsRoutes(app: FastifyInstance, sources: MetricsSources): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tokushu_' });
  const requests = new Counter({
    name: 'tokushu_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'tokushu_http_request_duration_seconds',
    help: 'Time to answer, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'tokushu_page_cache_hits_total',
    help: 'Pages served from the page cache since start',
    registers: [registry],
    collect() {
      this.set(sources.pageCache?.stats().hits ?? 0);
    },
  });
  new Gauge({
    name: 'tokushu_page_cache_misses_total',
    help: 'Pages rendered because the page cache did not have them',
    registers: [registry],
    collect() {
      this.set(sources.pageCache?.stats().misses ?? 0);
    },
  });
  new Gauge({
    name: 'tokushu_page_cache_hit_ratio',
    help: 'Share of cacheable page requests served from the page cache since start',
    registers: [registry],
    collect() {
      const { hits = 0, misses = 0 } = sources.pageCache?.stats() ?? {};
      this.set(hits + misses === 0 ? 0 : hits / (hits + misses));
    },
  });
  new Gauge({
    name: 'tokushu_page_cache_bytes',
    help: 'Bytes of pages the page cache holds',
    registers: [registry],
    collect() {
      this.set(sources.pageCache?.stats().bytes ?? 0);
    },
  });
  new Gauge({
    name: 'tokushu_play_queue_depth',
    help: 'Plays received and waiting for their batch to be written',
    registers: [registry],
    collect() {
      this.set(sources.playQueueDepth());
    },
  });

  app.addHook('onResponse', (request, reply, done) => {
    // The pattern, not the address: one series per route however many slugs there are.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    done();
  });

  const expected = sources.token ? Buffer.from(`Bearer ${sources.token}`) : null;
  const allowed = (header: string | undefined) => {
    if (!expected) return true;
    const given = Buffer.from(header ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  app.get('/metrics', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (!allowed(request.headers.authorization))
      return reply.code(401).header('www-authenticate', 'Bearer').send();
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
