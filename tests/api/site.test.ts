import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';
import { page, texts } from '#tests/factories/html.ts';

describe.each(DIALECTS)('the public site on %s', (dialect) => {
  const { get } = useTestApp(dialect);

  it('answers every address the sitemap lists, in every locale', async () => {
    const res = await get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'url' });
    const index = parser.parse(res.body) as { sitemapindex: { sitemap: { loc: string }[] } };
    const urls: { loc: string; 'xhtml:link': unknown[] }[] = [];
    for (const { loc } of [index.sitemapindex.sitemap].flat()) {
      const file = await get(new URL(loc).pathname);
      expect(file.statusCode, loc).toBe(200);
      urls.push(...(parser.parse(file.body) as { urlset: { url: typeof urls } }).urlset.url);
    }
    const kinds = new Set(urls.map((u) => new URL(u.loc).pathname.split('/')[2]));
    for (const kind of [
      'songs',
      'artists',
      'works',
      'tags',
      'categories',
      'about',
      'anime-heartbreak-songs',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    expect(urls[0]?.['xhtml:link']).toHaveLength(5);
    const failures: string[] = [];
    for (const { loc } of urls) {
      const { pathname } = new URL(loc);
      const answer = await get(pathname);
      if (answer.statusCode !== 200) failures.push(`${answer.statusCode} ${pathname}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('shows a song in every script, with credits, tie-ins, features and songs like it', async () => {
    const html = page((await get('/en/songs/shinai')).body);
    expect(html.querySelector('h1')?.text).toBe('Deep love');
    expect(texts(html, '.facts dd').slice(0, 4)).toEqual([
      '深愛',
      "Shin'ai",
      'Deep love',
      '2009-01-21',
    ]);
    expect(html.querySelector('a[href="/en/works/white-album"]')?.text).toBe('WHITE ALBUM (2009)');
    expect(texts(html, '.feature-card-title')[0]).toMatch(
      /^No\. 21 in Anime Songs for a Broken Heart/,
    );
    expect(texts(html, '#similar-heading')).toEqual(['Songs like this']);
    const jsonLd = JSON.parse(
      html.querySelector('script[type="application/ld+json"]')?.text ?? '{}',
    );
    expect(jsonLd).toMatchObject({
      '@type': 'MusicRecording',
      name: 'Deep love',
      datePublished: '2009-01-21',
    });
  });

  it('credits singers in character on the song page', async () => {
    const html = page((await get('/en/songs/secret-base-10-years-after')).body);
    const vocals = texts(html, '#credits-heading + .facts dd');
    expect(vocals[0]).toBe('Ai Kayano (Character: Meiko Honma)');
    expect(html.querySelector('a[href="/en/songs/secret-base"]')).not.toBeNull();
  });

  it('lists an artist’s songs, members and groups', async () => {
    const yorushika = page((await get('/en/artists/yorushika')).body);
    expect(yorushika.querySelector('h1')?.text).toBe('Yorushika');
    expect(texts(yorushika, '.song-title')).toContain('Liar Moon');
    const members = (await get('/en/artists/n-buna')).body;
    expect(members).toContain('href="/en/artists/yorushika"');
  });

  it('lists a work’s songs by role and where to watch it', async () => {
    const html = page((await get('/en/works/white-album')).body);
    expect(texts(html, '.role-label')).toContain('Opening theme 1');
    const watch = html.querySelectorAll('#where-to-watch a.watch-link');
    expect(watch.length).toBeGreaterThan(0);
    for (const link of watch) expect(link.getAttribute('href')).toMatch(/^https:\/\//);
    expect(html.querySelector('.detail-dates')?.text).toMatch(/^Aired .*2009/);
  });

  it('shows tag and category pages with their features', async () => {
    const tag = page((await get('/en/tags/heartbreak')).body);
    expect(tag.querySelector('h1')?.text).toBe('Heartbreak');
    expect(texts(tag, '.feature-card-title').length).toBeGreaterThan(0);
    const category = page((await get('/ja/categories/anime-songs')).body);
    expect(category.querySelector('h1')?.text).toBe('アニソン');
    expect(category.querySelector('a[href="/ja/anime-heartbreak-songs"]')).not.toBeNull();
  });

  it.each([
    ['secret', 'secret base ~What You Gave Me~'],
    ['todokanai', 'Unrequited Love'],
    ['深愛', 'Deep love'],
  ])('finds %s on the search page', async (query, title) => {
    const html = page((await get(`/en/search?q=${encodeURIComponent(query)}`)).body);
    expect(texts(html, '.song-title')).toContain(title);
  });

  it('finds features by their title in any language', async () => {
    const en = page((await get('/en/search?q=broken%20heart')).body);
    expect(en.querySelector('.feature-card-title')?.getAttribute('href')).toBe(
      '/en/anime-heartbreak-songs',
    );
    const ja = page((await get(`/ja/search?q=${encodeURIComponent('失恋')}`)).body);
    const hrefs = ja.querySelectorAll('.feature-card-title').map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('/ja/anime-heartbreak-songs');
  });

  it('finds artists in either script and says so when nothing matches', async () => {
    expect((await get(`/en/search?q=${encodeURIComponent('水樹')}`)).body).toContain(
      'href="/en/artists/nana-mizuki"',
    );
    const none = page((await get('/en/search?q=zzzzqqq')).body);
    expect(none.querySelector('.empty')?.text).toMatch(/Nothing matches/);
  });

  it('shows one line per entry in the playlist view', async () => {
    const html = page((await get('/en/anime-heartbreak-songs/3?view=playlist')).body);
    expect(html.querySelectorAll('.playlist-row')).toHaveLength(7);
    expect(texts(html, '.playlist-rank')[0]).toBe('21');
    expect(html.querySelector('.playlist-row .playlist-play')?.getAttribute('href')).toMatch(
      /^https:\/\/www\.youtube\.com\//,
    );
  });

  it('suggests features like this by shared songs and tags', async () => {
    const html = page((await get('/en/anime-heartbreak-songs')).body);
    expect(html.querySelector('#similar-heading')?.text).toBe('More features like this');
  });

  it('serves Chinese and Korean pages with their own UI and marked fallback text', async () => {
    const html = page((await get('/zh-hant/anime-heartbreak-songs')).body);
    expect(html.querySelector('html')?.getAttribute('lang')).toBe('zh-Hant');
    expect(html.querySelector('.site-search button')?.text).toBe('搜尋');
    expect(html.querySelector('h1')?.getAttribute('lang')).toBe('en');
    expect(html.querySelector('.commentary')?.getAttribute('lang')).toBe('en');
  });

  it('publishes an Atom feed, robots.txt and the data credit', async () => {
    const feed = await get('/ja/feed.xml');
    expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(feed.body) as {
      feed: { entry: unknown[] };
    };
    expect(parsed.feed.entry.length).toBeGreaterThanOrEqual(8);
    expect((await get('/robots.txt')).body).toContain('Sitemap: http://127.0.0.1:3000/sitemap.xml');
    expect((await get('/en/about')).body).toContain('https://creativecommons.org/licenses/by/4.0/');
    const privacy = page((await get('/ja/about')).body).querySelector('#privacy');
    expect(privacy?.querySelector('h2')?.text).toBe('プライバシー：再生時に記録されること');
    expect(privacy?.querySelectorAll('p').length).toBe(3);
  });

  it.each([
    '/en/songs/no-such-song',
    '/en/artists/NOPE',
    '/en/works/x--y',
    '/en/tags/none',
    '/en/categories/none',
    '/xx/feed.xml',
  ])('answers %s with the 404 page', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });
});
