import { describe, expect, it } from 'vitest';
import { useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';
import { page, texts } from '#tests/factories/html.ts';
import { usePeople } from '#tests/factories/people.ts';

type Result = { kind: string; slug: string; matched: { field: string } };

describe.each(DIALECTS)('search on %s', (dialect) => {
  const { app, get } = useTestApp(dialect);
  const { call } = usePeople(app);
  const search = async (query: string) => {
    const res = await get(`/api/v1/search?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const slugs = (body: { results: Result[] }) => body.results.map((r) => `${r.kind}:${r.slug}`);

  it('finds a song by its kanji, its romaji in any spelling, its English title and a typo', async () => {
    for (const q of [
      '届かない恋',
      'todokanai koi',
      'TODOKANAI KOI',
      'Unrequited Love',
      'todokanaj koi',
    ])
      expect(slugs(await search(`q=${encodeURIComponent(q)}`))[0]).toBe('song:todokanai-koi');
    const found = await search(`q=${encodeURIComponent('todokanai koi')}&locale=ja`);
    expect(found.results[0]).toMatchObject({
      name: { text: '届かない恋', lang: 'ja' },
      matched: { field: 'romanized', text: 'todokanai koi' },
    });
  });

  it('counts by kind, narrows by kind, and pages', async () => {
    const all = await search('q=sakura');
    expect(all.counts.song).toBeGreaterThan(1);
    const songsOnly = await search('q=sakura&type=song');
    expect(songsOnly.results.every((r: Result) => r.kind === 'song')).toBe(true);
    expect(songsOnly.total).toBe(all.counts.song);
    const many = await search('q=a&type=song');
    expect(many.pageCount).toBeGreaterThan(1);
    const second = await search('q=a&type=song&page=2');
    expect(second.page).toBe(2);
    expect(slugs(second)).not.toEqual(slugs(many));
  });

  it('counts tags, tie-in roles, decades and categories of the matching songs, and filters by them', async () => {
    const found = await search('q=koi&type=song');
    const values = (name: string) =>
      found.facets[name].map((f: { value: string }) => f.value) as string[];
    expect(values('tag')).toContain('heartbreak');
    expect(values('role')).toContain('opening');
    expect(values('decade')).toContain('2000s');
    expect(values('category')).toContain('anime-songs');
    const narrowed = await search('q=koi&tag=heartbreak');
    expect(narrowed.total).toBeLessThanOrEqual(found.total);
    expect(narrowed.results.every((r: Result) => r.kind === 'song')).toBe(true);
    expect(slugs(narrowed)).toContain('song:todokanai-koi');
    const byDecade = await search('q=koi&decade=1990s');
    expect(slugs(byDecade)).not.toContain('song:todokanai-koi');
  });

  it('refuses bad parameters with a problem naming each', async () => {
    const res = await get('/api/v1/search?q=&type=planet&decade=1999&page=0');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['decade', 'page', 'q', 'type']);
    expect((await get(`/api/v1/search?q=${'x'.repeat(201)}`)).statusCode).toBe(400);
  });

  it('suggests as the reader types, optionally of one kind', async () => {
    const res = await get(`/api/v1/suggest?q=${encodeURIComponent('ヨルシ')}&locale=en`);
    expect(res.json().suggestions[0]).toMatchObject({ type: 'artist', slug: 'yorushika' });
    const songs = await get(`/api/v1/suggest?q=${encodeURIComponent('ヨルシ')}&type=song`);
    expect(songs.json().suggestions.length).toBeGreaterThan(0);
    expect(songs.json().suggestions.every((s: { type: string }) => s.type === 'song')).toBe(true);
  });

  it('follows the editors: corrections, new songs, merges and publishing show at once', async () => {
    const { version, record } = (await call('GET', '/api/v1/editor/songs/garnet', 'editor')).json();
    await call('PUT', '/api/v1/editor/songs/garnet', 'editor', {
      baseVersion: version,
      record: { ...record, aliases: ['ざくろいし'] },
    });
    expect(slugs(await search(`q=${encodeURIComponent('ざくろいし')}`))).toContain('song:garnet');

    await call('POST', '/api/v1/editor/artists', 'editor', {
      record: {
        slug: 'hachi-again',
        kind: 'person',
        name: { original: 'ハチ', romanized: 'Hachi Again' },
      },
    });
    expect(slugs(await search('q=hachi%20again'))).toContain('artist:hachi-again');
    await call('POST', '/api/v1/editor/artists/hachi-again/merge', 'editor', { into: 'hachi' });
    const merged = slugs(await search('q=hachi%20again'));
    expect(merged).not.toContain('artist:hachi-again');
    expect(merged).toContain('artist:hachi');

    await call('POST', '/api/v1/editor/features', 'editor', {
      slug: 'zebra-crossing-songs',
      tags: [],
      text: { en: { title: 'Zebra crossing songs', lead: '', closing: '', status: 'reviewed' } },
      entries: [{ song: 'garnet', commentary: {} }],
    });
    expect(slugs(await search('q=zebra'))).toEqual([]);
    await call('POST', '/api/v1/editor/features/zebra-crossing-songs/publish', 'editor', {});
    expect(slugs(await search('q=zebra'))).toEqual(['feature:zebra-crossing-songs']);
    await call('POST', '/api/v1/editor/features/zebra-crossing-songs/unpublish', 'editor', {});
    expect(slugs(await search('q=zebra'))).toEqual([]);
  });

  it('shows grouped results, kind tabs and facets on the search page, without JavaScript', async () => {
    const html = page((await get(`/en/search?q=${encodeURIComponent('sakura')}`)).body);
    expect(texts(html, '.result-group h2')[0]).toBe('Songs');
    expect(html.querySelector('.result-kinds a[aria-current="page"]')?.text).toMatch(/^All/);
    expect(html.querySelectorAll('.facets .facet').length).toBeGreaterThan(0);
    const tagLink = html.querySelector('.facets .facet a')?.getAttribute('href') ?? '';
    expect(tagLink).toMatch(/^\/en\/search\?q=sakura&tag=/);
    const narrowed = page((await get(tagLink.replace(/&amp;/g, '&'))).body);
    expect(narrowed.querySelector('.facets a[aria-current="true"]')).not.toBeNull();
    const junk = await get('/en/search?q=sakura&type=planet&decade=x&page=zz');
    expect(junk.statusCode).toBe(200);
  });
});

// On SQLite a search is done before the next request starts: there is nothing to share.
describe.skipIf(!DIALECTS.includes('postgres'))('the same search asked at once', () => {
  let lookups = 0;
  const { get } = useTestApp('postgres', {
    onQuery: (sql) => {
      if (sql.includes('search_names')) lookups++;
    },
  });

  it('is searched once for all who asked', async () => {
    lookups = 0;
    const one = await get('/api/v1/search?q=lisa&locale=ja');
    const alone = lookups;
    expect(alone).toBeGreaterThan(0);
    lookups = 0;
    const together = await Promise.all(
      Array.from({ length: 10 }, () => get('/api/v1/search?q=lisa&locale=ja')),
    );
    expect(together.map((r) => r.json())).toEqual(Array(10).fill(one.json()));
    expect(lookups).toBe(alone);
  });
});
