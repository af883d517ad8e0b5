import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { generateCatalog } from '#src/generator/index.ts';
import { TEST_NOW, useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';
import { usePeople } from '#tests/factories/people.ts';

/** Ten pages in four locales: a few hundred songs fill many files. */
const URLS_PER_FILE = 40;

const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => name === 'url' || name === 'sitemap' || name === 'xhtml:link',
});

interface Url {
  loc: string;
  'xhtml:link': { '@_hreflang': string; '@_href': string }[];
}

describe.each(DIALECTS)('the sitemap of a large catalog on %s', (dialect) => {
  const { app, get } = useTestApp(dialect, { sitemapUrlsPerFile: URLS_PER_FILE });
  const { call } = usePeople(app);

  /** Every file the index names, fetched, with whether it came from memory. */
  const readSitemap = async () => {
    const index = await get('/sitemap.xml');
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toBe('application/xml; charset=utf-8');
    const locations = (
      parser.parse(index.body) as { sitemapindex: { sitemap: { loc: string }[] } }
    ).sitemapindex.sitemap.map((s) => s.loc);
    const files = [];
    for (const loc of locations) {
      const res = await get(new URL(loc).pathname);
      expect(res.statusCode, loc).toBe(200);
      const urls = (parser.parse(res.body) as { urlset: { url?: Url[] } }).urlset.url ?? [];
      files.push({ loc, urls, cache: res.headers['x-cache'] });
    }
    return { index, files };
  };

  const slugsOf = async (table: 'songs' | 'artists' | 'works' | 'tags' | 'categories') =>
    (await app().database.db.selectFrom(table).select('slug').execute()).map((r) => r.slug);

  it('lists every song, artist and work in files of at most the limit, kept until the catalog changes', async () => {
    await generateCatalog(app().database.db, {
      songs: 400,
      seed: 11,
      today: TEST_NOW.slice(0, 10),
    });
    const { index, files } = await readSitemap();
    expect(index.headers['x-cache']).toBe('miss');
    const songCount = (await slugsOf('songs')).length;
    expect(songCount).toBeGreaterThan(400);
    const songFiles = files.filter((f) => f.loc.includes('/sitemaps/songs-'));
    expect(songFiles).toHaveLength(Math.ceil(songCount / (URLS_PER_FILE / 4)));
    for (const file of files) {
      expect(new URL(file.loc).pathname).toMatch(
        /^\/sitemaps\/(pages|songs|artists|works)-\d+\.xml$/,
      );
      expect(file.urls.length, file.loc).toBeGreaterThan(0);
      expect(file.urls.length, file.loc).toBeLessThanOrEqual(URLS_PER_FILE);
      expect(file.cache).toBe('miss');
    }
    const listed = new Set(files.flatMap((f) => f.urls.map((u) => new URL(u.loc).pathname)));
    const missing: string[] = [];
    for (const [table, path] of [
      ['songs', 'songs'],
      ['artists', 'artists'],
      ['works', 'works'],
      ['tags', 'tags'],
      ['categories', 'categories'],
    ] as const) {
      for (const slug of await slugsOf(table))
        for (const locale of ['en', 'ja', 'zh-hant', 'ko'])
          if (!listed.has(`/${locale}/${path}/${slug}`)) missing.push(`/${locale}/${path}/${slug}`);
    }
    expect(missing).toEqual([]);
    expect(listed).toContain('/ja/anime-heartbreak-songs/3');
    // Each address names its language alternates.
    const first = files[0]!.urls[0]!;
    expect(first['xhtml:link'].map((l) => l['@_hreflang'])).toEqual([
      'en',
      'ja',
      'zh-Hant',
      'ko',
      'x-default',
    ]);

    // Asked again, nothing is written again.
    const again = await readSitemap();
    expect(again.index.headers['x-cache']).toBe('hit');
    expect(again.files.map((f) => f.cache)).toEqual(files.map(() => 'hit'));
    expect(again.index.body).toBe(index.body);

    // A new song is in the sitemap as soon as it is saved.
    const song = await call('POST', '/api/v1/editor/songs', 'editor', {
      record: {
        slug: 'zzz-a-song-added-later',
        title: { original: '後から' },
        credits: [{ artist: 'nana-mizuki', role: 'vocals' }],
      },
    });
    expect(song.statusCode, song.body).toBe(201);
    const after = await readSitemap();
    expect(after.index.headers['x-cache']).toBe('miss');
    const now = new Set(after.files.flatMap((f) => f.urls.map((u) => new URL(u.loc).pathname)));
    expect(now).toContain('/ko/songs/zzz-a-song-added-later');
    expect(now.size).toBe(listed.size + 4);
  }, 120_000);

  it('serves each file compressed as the reader accepts, and a 304 for one it holds', async () => {
    const plain = await get('/sitemaps/songs-1.xml');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await get('/sitemaps/songs-1.xml', { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gz = await get('/sitemaps/songs-1.xml', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    expect(gz.headers.vary).toBe('Accept-Encoding');
    const held = await get('/sitemaps/songs-1.xml', { 'if-none-match': String(gz.headers.etag) });
    expect(held.statusCode).toBe(304);
    for (const url of ['/sitemaps/songs-999.xml', '/sitemaps/songs-0.xml', '/sitemaps/other-1.xml'])
      expect((await get(url)).statusCode, url).toBe(404);
  });
});
