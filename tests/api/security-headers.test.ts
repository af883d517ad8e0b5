import { describe, expect, it } from 'vitest';
import { useTestApp } from '#tests/factories/app.ts';
import { page } from '#tests/factories/html.ts';

/** One address of every kind of response the site gives. */
const ADDRESSES = [
  '/en/',
  '/en/anime-heartbreak-songs',
  '/ja/anime-heartbreak-songs/2',
  '/en/songs/brave-song',
  '/en/search?q=lisa',
  '/en/no-such-page',
  '/en/feed.xml',
  '/sitemap.xml',
  '/sitemaps/pages-1.xml',
  '/robots.txt',
  '/api/v1/features/anime-heartbreak-songs',
  '/api/v1/nothing-here',
  '/api/docs',
  '/admin/',
  '/healthz',
];

describe('security headers', () => {
  const { app, get } = useTestApp('sqlite');

  it.each(ADDRESSES)('%s carries a strict policy and the other security headers', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBeLessThan(500);
    const policy = String(res.headers['content-security-policy']);
    const directives = new Map(
      policy.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name as string, values];
      }),
    );
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    // Without a script-src, default-src governs scripts: it must not allow inline either.
    expect(directives.has('script-src') || directives.get('default-src')?.includes("'none'")).toBe(
      true,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('lets a page run its own script and structured data, by the nonce it was rendered with', async () => {
    for (const round of ['rendered', 'kept']) {
      const res = await get('/ko/anime-heartbreak-songs');
      expect(res.headers['x-cache'], round).toBe(round === 'rendered' ? 'miss' : 'hit');
      const nonce = /'nonce-([^']+)'/.exec(String(res.headers['content-security-policy']))?.[1];
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      const scripts = page(res.body).querySelectorAll('script');
      expect(scripts.length).toBeGreaterThanOrEqual(2);
      for (const script of scripts) expect(script.getAttribute('nonce')).toBe(nonce);
      // No inline handlers anywhere: the policy would block them, so none may be relied on.
      expect(res.body).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it('gives each rendering its own nonce', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await get(`/en/search?q=aimer${i}`);
      nonces.add(String(res.headers['content-security-policy']));
    }
    expect(nonces.size).toBe(3);
  });

  it('keeps the back office policy on a revalidation (304), which the browser applies', async () => {
    const first = await get('/admin/');
    const etag = String(first.headers.etag);
    const again = await get('/admin/', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    expect(String(again.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('takes text/plain only on the play beacon: a cross-site form cannot sign anyone in', async () => {
    const post = (url: string, payload: string) =>
      app().http.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 (X11; Linux)' },
        payload,
      });
    const login = await post(
      '/api/v1/auth/login',
      JSON.stringify({ email: 'admin@example.org', password: 'correct horse battery staple' }),
    );
    // Read as the string it is, which no sign-in accepts.
    expect(login.statusCode, login.body).toBe(400);
    expect(login.headers['set-cookie']).toBeUndefined();
    const play = await app().http.inject({
      method: 'POST',
      url: '/api/v1/plays',
      headers: {
        'content-type': 'text/plain',
        'user-agent': 'Mozilla/5.0 (X11; Linux)',
        origin: 'http://localhost',
      },
      payload: JSON.stringify({ song: 'brave-song', locale: 'en' }),
    });
    expect(play.json()).toEqual({ status: 'counted' });
  });
});
