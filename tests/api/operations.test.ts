import { describe, expect, it } from 'vitest';
import { useTestApp } from '#tests/factories/app.ts';

describe('health, readiness and metrics', () => {
  const { app, get } = useTestApp('sqlite');

  it('reports the process alive and ready while the database answers', async () => {
    const health = await get('/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok', database: 'up' });
    const ready = await get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: 'up' });
    expect(ready.headers['cache-control']).toBe('no-store');
  });

  it('counts requests by route pattern and status, and the page cache and play queue', async () => {
    await get('/en/anime-heartbreak-songs');
    await get('/en/anime-heartbreak-songs');
    await get('/en/songs/no-such-song');
    await app().http.inject({
      method: 'POST',
      url: '/api/v1/plays',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Mozilla/5.0 (X11; Linux)',
        origin: 'http://localhost',
      },
      payload: JSON.stringify({ song: 'brave-song', locale: 'en' }),
    });
    const res = await get('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const metrics = res.body;
    expect(metrics).toMatch(
      /^tokushu_http_requests_total\{method="GET",route="\/:locale\/:slug",status="200"\} 2$/m,
    );
    expect(metrics).toMatch(
      /^tokushu_http_requests_total\{method="GET",route="\/:locale\/songs\/:slug",status="404"\} 1$/m,
    );
    expect(metrics).toMatch(
      /^tokushu_http_requests_total\{method="POST",route="\/api\/v1\/plays",status="200"\} 1$/m,
    );
    expect(metrics).toMatch(
      /^tokushu_http_request_duration_seconds_count\{method="GET",route="\/:locale\/:slug"\} 2$/m,
    );
    expect(metrics).toMatch(/^tokushu_page_cache_hits_total [1-9]\d*$/m);
    expect(metrics).toMatch(/^tokushu_page_cache_hit_ratio 0\.\d+$/m);
    expect(metrics).toMatch(/^tokushu_play_queue_depth 0$/m);
    expect(metrics).toMatch(/^tokushu_process_resident_memory_bytes \d+$/m);
  });

  it('asks for the token when one is configured', async () => {
    const { startTestApp } = await import('#tests/factories/app.ts');
    const token = 'a metrics token of some length';
    const guarded = await startTestApp('sqlite', { env: { METRICS_TOKEN: token } });
    try {
      const get = (authorization?: string) =>
        guarded.app.http.inject({
          url: '/metrics',
          headers: authorization ? { authorization } : {},
        });
      expect((await get()).statusCode).toBe(401);
      expect((await get('Bearer not the token')).statusCode).toBe(401);
      const res = await get(`Bearer ${token}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('tokushu_http_requests_total');
    } finally {
      await guarded.close();
    }
  });
});
