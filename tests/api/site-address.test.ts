import { describe, expect, it } from 'vitest';
import { startTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';
import { page } from '#tests/factories/html.ts';

/** What a page, robots.txt, the sitemap and the feed say the site's address is. */
async function addressesIn(
  get: (url: string) => Promise<{ body: string; statusCode: number }>,
): Promise<string[]> {
  const html = page((await get('/en/anime-heartbreak-songs')).body);
  const robots = (await get('/robots.txt')).body;
  const feed = (await get('/en/feed.xml')).body;
  const sitemap = (await get('/sitemap.xml')).body;
  return [
    html.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? '',
    html.querySelector('meta[property="og:url"]')?.getAttribute('content') ?? '',
    ...html.querySelectorAll('link[hreflang]').map((l) => l.getAttribute('href') ?? ''),
    /^Sitemap: (.*)$/m.exec(robots)?.[1] ?? '',
    /<id>([^<]*)<\/id>/.exec(feed)?.[1] ?? '',
    ...[...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!),
  ].map((url) => new URL(url).origin);
}

describe.each(DIALECTS)('the site address on %s', (dialect) => {
  it('is required when a proxy is trusted: the server refuses to start without it', async () => {
    const started = startTestApp(dialect, { env: { TRUST_PROXY: 'true' } }).then(async (site) => {
      // An application that should not have started leaves nothing behind.
      await site.close();
      return site;
    });
    await expect(started).rejects.toThrow(/PUBLIC_URL: must be set when TRUST_PROXY/);
  });

  it('comes from PUBLIC_URL behind a proxy, whatever X-Forwarded-Host says', async () => {
    const site = await startTestApp(dialect, {
      env: { TRUST_PROXY: 'true', PUBLIC_URL: 'https://tokushu.example' },
    });
    try {
      const get = (url: string) =>
        site.app.http.inject({
          url,
          headers: {
            host: 'evil.example',
            'x-forwarded-host': 'evil.example',
            'x-forwarded-proto': 'http',
          },
        });
      const origins = await addressesIn(get);
      expect(origins.length).toBeGreaterThan(8);
      expect(new Set(origins)).toEqual(new Set(['https://tokushu.example']));
    } finally {
      await site.close();
    }
  });

  it('is where the server listens when no PUBLIC_URL is set, never the Host header', async () => {
    const site = await startTestApp(dialect, { env: { HOST: '127.0.0.1', PORT: '3000' } });
    try {
      const get = (url: string) =>
        site.app.http.inject({
          url,
          headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
        });
      const origins = await addressesIn(get);
      expect(new Set(origins)).toEqual(new Set(['http://127.0.0.1:3000']));
    } finally {
      await site.close();
    }
  });
});
