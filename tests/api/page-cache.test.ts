import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';
import { usePeople } from '#tests/factories/people.ts';
import { withoutNonce } from '#tests/factories/html.ts';

/** Pages readers keep open while editors work. */
const WATCHED = [
  '/en/',
  '/ja/',
  '/en/anime-heartbreak-songs',
  '/en/anime-heartbreak-songs/3',
  '/en/anime-heartbreak-songs?all=1',
  '/en/songs/shinai',
  '/ja/songs/shinai',
  '/en/artists/nana-mizuki',
  '/en/works/white-album',
  '/en/tags/heartbreak',
  '/en/categories/anime-songs',
  '/en/anime-heartbreak-songs-ranking-2026',
  '/en/vocaloid-songs-to-cry-to',
];

describe.each(DIALECTS)('the page cache on %s', (dialect) => {
  const { app, get } = useTestApp(dialect);
  const { call } = usePeople(app);

  const warm = async () => {
    for (const url of WATCHED) await get(url);
  };
  /** Every watched page as served equals the page rendered afresh, with nothing kept. */
  const expectCurrent = async (after: string) => {
    const served = [];
    for (const url of WATCHED) served.push(withoutNonce((await get(url)).body));
    app().pageCache?.purgeAll();
    for (const [i, url] of WATCHED.entries())
      expect(served[i], `${url} after ${after}`).toBe(withoutNonce((await get(url)).body));
  };
  const edit = async (kind: string, slug: string, change: (record: never) => object) => {
    const { version, record } = (
      await call('GET', `/api/v1/editor/${kind}/${slug}`, 'editor')
    ).json();
    const res = await call('PUT', `/api/v1/editor/${kind}/${slug}`, 'editor', {
      baseVersion: version,
      record: change(record as never),
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('answers a repeat from memory, compressed, with a strong validator and CDN headers', async () => {
    const first = await get('/en/anime-heartbreak-songs/3');
    expect(first.headers['x-cache']).toBe('miss');
    const again = await get('/en/anime-heartbreak-songs/3');
    expect(again.headers['x-cache']).toBe('hit');
    expect(again.body).toBe(first.body);
    expect(again.headers.etag).toMatch(/^"[\w-]{22}"$/);
    expect(again.headers['cache-control']).toMatch(/s-maxage=\d+, stale-while-revalidate=\d+/);
    expect(again.headers.vary).toBe('Accept-Encoding');

    const br = await get('/en/anime-heartbreak-songs/3', { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(first.body);
    const gz = await get('/en/anime-heartbreak-songs/3', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(first.body);
    expect(new Set([first.headers.etag, br.headers.etag, gz.headers.etag]).size).toBe(3);

    const notModified = await get('/en/anime-heartbreak-songs/3', {
      'if-none-match': String(br.headers.etag),
      'accept-encoding': 'br',
    });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    // Query parameters that change nothing on the page share its entry.
    expect((await get('/en/anime-heartbreak-songs/3?utm=x')).headers['x-cache']).toBe('hit');
    expect((await get('/en/anime-heartbreak-songs/3?all=2')).headers['x-cache']).toBe('hit');
  });

  it('never serves a page older than the write that changed it, and keeps the rest', async () => {
    await warm();
    await edit('songs', 'shinai', (r: { title: object }) => ({
      ...(r as object),
      title: { ...r.title, en: 'Deep Love, Corrected' },
    }));
    expect((await get('/en/vocaloid-songs-to-cry-to')).headers['x-cache']).toBe('hit');
    await expectCurrent('a song title correction');
    expect((await get('/en/anime-heartbreak-songs/3')).body).toContain('Deep Love, Corrected');

    await warm();
    const song = await call('POST', '/api/v1/editor/songs', 'editor', {
      record: {
        slug: 'a-new-heartbreak-song',
        title: { original: '新しい失恋', romanized: 'Atarashii Shitsuren' },
        credits: [{ artist: 'nana-mizuki', role: 'vocals' }],
        tie_ins: [{ work: 'white-album', role: 'insert' }],
        tags: ['heartbreak'],
      },
    });
    expect(song.statusCode, song.body).toBe(201);
    await expectCurrent('a new song by a watched artist');
    expect((await get('/en/artists/nana-mizuki')).body).toContain('a-new-heartbreak-song');

    await warm();
    const feature = {
      slug: 'cache-test-feature',
      category: 'anime-songs',
      tags: ['heartbreak'],
      text: { en: { title: 'A Feature Published While Readers Read' } },
      entries: [{ song: 'shinai' }, { song: 'a-new-heartbreak-song' }],
    };
    expect((await call('POST', '/api/v1/editor/features', 'editor', feature)).statusCode).toBe(201);
    const published = await call(
      'POST',
      '/api/v1/editor/features/cache-test-feature/publish',
      'editor',
      {},
    );
    expect(published.statusCode).toBe(200);
    await expectCurrent('publishing a feature');
    expect((await get('/en/')).body).toContain('A Feature Published While Readers Read');
    expect((await get('/en/songs/shinai')).body).toContain('/en/cache-test-feature');

    await warm();
    await call('POST', '/api/v1/editor/features/cache-test-feature/unpublish', 'editor', {});
    await expectCurrent('unpublishing it');

    await warm();
    await edit('tags', 'heartbreak', (r: { name: object }) => ({
      ...(r as object),
      name: { ...r.name, en: 'Broken Hearts' },
    }));
    await expectCurrent('a tag label');

    await warm();
    const duplicate = await call('POST', '/api/v1/editor/artists', 'editor', {
      record: { slug: 'nana-mizuki-2', kind: 'person', name: { original: '水樹 奈々' } },
    });
    expect(duplicate.statusCode, duplicate.body).toBe(201);
    await edit('songs', 'a-new-heartbreak-song', (r: object) => ({
      ...r,
      credits: [{ artist: 'nana-mizuki-2', role: 'vocals' }],
    }));
    await warm();
    const merged = await call('POST', '/api/v1/editor/artists/nana-mizuki-2/merge', 'editor', {
      into: 'nana-mizuki',
    });
    expect(merged.statusCode, merged.body).toBe(200);
    await expectCurrent('an artist merge');

    await warm();
    const songId = (
      await app()
        .database.db.selectFrom('songs')
        .select('id')
        .where('slug', '=', 'sobakasu')
        .executeTakeFirstOrThrow()
    ).id;
    await app()
      .database.db.insertInto('play_rollups')
      .values({ day: '2026-06-01', song_id: songId, feature_id: 0, locale: 'en', plays: 500 })
      .execute();
    await app().services.rankings.refresh('anime-heartbreak-songs-ranking-2026');
    await expectCurrent('a ranking refresh');
    expect((await get('/en/anime-heartbreak-songs-ranking-2026')).body).toContain(
      '/en/songs/sobakasu',
    );
  });
});

describe.each(DIALECTS)('readers asking for a page being rendered, on %s', (dialect) => {
  const { get } = useTestApp(dialect);

  it('wait for that render instead of rendering it again', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => get('/en/anime-graduation-songs')),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    expect(answers.filter((a) => a.headers['x-cache'] === 'miss')).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
  });
});

describe.each(DIALECTS)('the addresses pages are kept under, on %s', (dialect) => {
  const { app, get } = useTestApp(dialect);

  /** The page as it is rendered afresh, with nothing kept. */
  const fresh = async (url: string) => {
    app().pageCache?.purgeAll();
    return withoutNonce((await get(url)).body);
  };

  it.each([
    ['/en/anime-heartbreak-songs?all=1&all=1', '/en/anime-heartbreak-songs?all=1'],
    [
      '/en/anime-heartbreak-songs?view=playlist&view=playlist',
      '/en/anime-heartbreak-songs?view=playlist',
    ],
    [
      '/en/anime-heartbreak-songs/3?view=playlist&view=article',
      '/en/anime-heartbreak-songs/3?view=playlist',
    ],
  ])('renders %s as the page it is kept under, %s', async (repeated, single) => {
    app().pageCache?.purgeAll();
    const first = await get(repeated);
    expect(first.headers['x-cache']).toBe('miss');
    const served = await get(single);
    expect(served.headers['x-cache']).toBe('hit');
    expect(withoutNonce(served.body)).toBe(await fresh(single));
    expect(withoutNonce(first.body)).toBe(await fresh(single));
  });

  it('keeps only the parameters a page reads: others neither skip the cache nor show up on it', async () => {
    app().pageCache?.purgeAll();
    await get('/en/anime-heartbreak-songs');
    await get('/en/anime-heartbreak-songs?all=1');
    await get('/en/songs/shinai');
    for (const url of [
      '/en/anime-heartbreak-songs?q=1',
      '/en/anime-heartbreak-songs?utm_source=x&q=heartbreak&page=2',
      '/en/anime-heartbreak-songs?q=1&all=1',
      '/en/songs/shinai?q=1&all=1&view=playlist',
    ]) {
      const res = await get(url);
      expect(res.headers['x-cache'], url).toBe('hit');
      expect(res.body, url).not.toMatch(/[?&](q|utm_source|page)=/);
    }
    // The search page keeps its own: the language switch carries the search, not the rest.
    const search = (await get('/en/search?q=secret&utm_source=x&all=1')).body;
    expect(search).toContain('href="/ja/search?q=secret"');
    expect(search).not.toContain('utm_source');
  });

  it('sends a percent-encoded address to its one spelling, and keeps nothing for it', async () => {
    app().pageCache?.purgeAll();
    for (const [encoded, plain] of [
      ['/%65n/anime-heartbreak-songs', '/en/anime-heartbreak-songs'],
      ['/en/%61nime-heartbreak-songs/%33', '/en/anime-heartbreak-songs/3'],
      ['/en/%73ongs/shinai?utm_source=x&view=playlist', '/en/songs/shinai'],
      ['/%65n/anime-heartbreak-songs?all=1&q=x', '/en/anime-heartbreak-songs?all=1'],
      ['/%65n/', '/en/'],
    ]) {
      const res = await get(encoded!);
      expect(res.statusCode, encoded).toBe(301);
      expect(res.headers.location, encoded).toBe(plain);
    }
    expect(app().pageCache?.stats().pages).toBe(0);
    expect((await get('/en/%2Fevil.example')).statusCode).toBe(404);
  });
});

describe.each(DIALECTS)('pages asked for under made-up hosts, on %s', (dialect) => {
  // A cache that holds the watched pages a few times over, not 1,500 copies of them.
  const { app, get } = useTestApp(dialect, { env: { PAGE_CACHE_MB: '8' } });

  it('stay the pages everyone is served, and evict none of them', async () => {
    for (const url of WATCHED) await get(url);
    const leaked: string[] = [];
    for (let i = 0; i < 1_500; i++) {
      const host = `h${i}-${Math.random().toString(36).slice(2)}.example`;
      const res = await get(WATCHED[i % WATCHED.length]!, { host });
      if (res.body.includes(host)) leaked.push(host);
    }
    const hits: string[] = [];
    for (const url of WATCHED) if ((await get(url)).headers['x-cache'] === 'hit') hits.push(url);
    console.log(
      `warm pages still kept after 1,500 made-up hosts on ${dialect}: ${hits.length}/${WATCHED.length}`,
    );
    expect(leaked).toEqual([]);
    expect(hits).toEqual(WATCHED);
    expect(app().pageCache?.stats().pages).toBe(WATCHED.length);
  }, 300_000);
});
