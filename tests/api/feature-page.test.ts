import { describe, expect, it } from 'vitest';
import { SEED_TITLES } from '#tests/factories/seed.ts';
import { useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';
import { texts } from '#tests/factories/html.ts';

describe.each(DIALECTS)('the feature page on %s', (dialect) => {
  const { app, get } = useTestApp(dialect);

  it('loads the content pack and creates the admin on first start', () => {
    expect(app().firstStart.content?.features).toBeGreaterThanOrEqual(4);
    expect(app().firstStart.admin).toEqual({ email: 'admin@example.org', password: null });
  });

  it('shows entries 1–10 under their range heading', async () => {
    const res = await get('/en/anime-heartbreak-songs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(texts(res.body, '.range-heading')).toEqual(['(1–10)']);
    expect(texts(res.body, '.entry-rank')).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    expect(res.body).toContain('<html lang="en" data-locale="en">');
  });

  it('serves the seed page as page 3: entries 21–27 with titles, artists and tie-ins apart', async () => {
    const res = await get('/en/anime-heartbreak-songs/3');
    expect(res.statusCode).toBe(200);
    expect(texts(res.body, '.range-heading')).toEqual(['(21–27)']);
    expect(texts(res.body, '.song-title')).toEqual(SEED_TITLES);
    const artists = texts(res.body, '.entry-artist');
    expect(artists[0]).toBe('Nana Mizuki');
    // Sung in character: each singer after the character they voice.
    const credits = artists[3]?.split(', ');
    expect(credits?.[0]).toBe('Meiko Honma (Ai Kayano)');
    expect(credits?.[1]).toBe('Naruko Anjou (Haruka Tomatsu)');
    expect(credits?.[2]).toBe('Chiriko Tsurumi (Saori Hayami)');
    expect(texts(res.body, '.song-original')[0]).toBe('深愛');
    expect(texts(res.body, '.entry-tie-in')).toContain('Opening theme 1 · WHITE ALBUM (2009)');
    // No video ids are known for these songs, so each offers a search instead of a guessed video.
    expect(res.body.match(/class="play play-search"/g)).toHaveLength(7);
    expect(res.body).toContain('Last updated');
    expect(res.body).toMatch(/<a href="\/en\/anime-heartbreak-songs\/2"[^>]*>\(11–20\)<\/a>/);
  });

  it('shows Japanese text and original names under /ja/', async () => {
    const res = await get('/ja/anime-heartbreak-songs/3');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="ja" data-locale="ja">');
    expect(texts(res.body, '.song-title')[0]).toBe('深愛');
    expect(texts(res.body, '.entry-artist')[0]).toBe('水樹奈々');
    expect(texts(res.body, '.range-heading')).toEqual(['（21〜27）']);
    expect(res.body).toMatch(/<div class="commentary" lang="ja">/);
  });

  it('shows every entry in sections of ten with ?all=1', async () => {
    const res = await get('/en/anime-heartbreak-songs?all=1');
    expect(res.statusCode).toBe(200);
    expect(texts(res.body, '.range-heading')).toEqual(['(1–10)', '(11–20)', '(21–27)']);
    expect(texts(res.body, '.entry-rank')).toHaveLength(27);
  });

  it('marks up alternates for every locale and keeps the page in the language switcher', async () => {
    const res = await get('/en/anime-heartbreak-songs/3');
    for (const [lang, prefix] of [
      ['en', 'en'],
      ['ja', 'ja'],
      ['zh-Hant', 'zh-hant'],
      ['ko', 'ko'],
    ]) {
      expect(res.body).toContain(
        `<link rel="alternate" hreflang="${lang}" href="http://127.0.0.1:3000/${prefix}/anime-heartbreak-songs/3"/>`,
      );
    }
  });

  it.each([
    '/xx/anime-heartbreak-songs',
    '/en/anime-heartbreak-songs/0',
    '/en/anime-heartbreak-songs/4',
    '/en/anime-heartbreak-songs/abc',
    '/en/anime-heartbreak-songs/-1',
    '/en/anime-heartbreak-songs/99999999999999999999',
    '/en/no-such-feature',
    '/en/anime-heartbreak-songs/3/extra',
    '/en/%E0%A4%A',
  ])('answers %s with a helpful 404 page', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<meta name="robots" content="noindex"/>');
  });

  it('sends page 1 to the feature address and / to the reader’s language', async () => {
    expect((await get('/en/anime-heartbreak-songs/1')).headers.location).toBe(
      '/en/anime-heartbreak-songs',
    );
    const root = await get('/', { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/ja/');
  });

  it('lists the features on the home page', async () => {
    const res = await get('/en/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/en/anime-heartbreak-songs"');
  });

  it('answers the health check', async () => {
    const res = await get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'up' });
  });
});
