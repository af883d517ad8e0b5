import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, normalizedLength, SEARCH_KINDS } from '#src/search/index.ts';
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

/** What a lookup inside names looked for: `%…%` (like, both databases) or `"…"` (FTS5). */
function fragmentOf(parameters: readonly unknown[]): string {
  const pattern = parameters.find((p): p is string => typeof p === 'string') ?? '';
  return pattern.startsWith('%')
    ? pattern.slice(1, -1).replace(/\\(.)/g, '$1')
    : pattern.slice(1, -1).replace(/""/g, '"');
}

describe.each(DIALECTS)('the work one search does on %s', (dialect) => {
  let statements: { sql: string; parameters: readonly unknown[] }[] = [];
  const { app, get } = useTestApp(dialect, {
    onQuery: (sql, parameters) => statements.push({ sql, parameters }),
  });
  const service = () => app().services.search;
  /** Runs `ask` and returns the words it looked for inside names, in order, repeats kept. */
  const lookedUp = async (ask: () => Promise<unknown>) => {
    statements = [];
    await ask();
    return statements
      .filter((s) => s.sql.includes('search_names') && /\b(like|match)\b/.test(s.sql))
      .map((s) => fragmentOf(s.parameters));
  };
  const chars = (text: string) => [...text].length;

  it('looks each word up once, never scans for a word under three letters, and looks up a few words at most', async () => {
    // NFKC writes ℀ as "a/c": 200 of them were 200 scans, for "a" and for "ca" again and again.
    for (const q of ['℀'.repeat(200), 'x '.repeat(100), `${'ab '.repeat(60)}sakura`]) {
      for (const ask of [() => service().search(q, 'en'), () => service().suggest(q, 'en')]) {
        const words = await lookedUp(ask);
        expect(
          words.filter((w) => chars(w) < 3),
          q.slice(0, 20),
        ).toEqual([]);
        expect(new Set(words).size).toBeLessThanOrEqual(4);
      }
      for (const ask of [() => service().search(q, 'en'), () => service().suggest(q, 'en')]) {
        const once = await lookedUp(ask);
        expect(once).toEqual([...new Set(once)]);
      }
    }
    // Nine words that are each in some name (so none ends the lookups early), in no one name.
    const many = 'sakura koi kimi hatsune miku todokanai monogatari shiranai yoru';
    for (const word of many.split(' '))
      expect((await service().search(word, 'en')).total, word).toBeGreaterThan(0);
    const words = await lookedUp(() => service().search(many, 'en'));
    expect(words).toEqual([...new Set(words)]);
    // The typo lane may try near spellings too, but only of the four longest words.
    const asTyped = words.filter((w) => many.split(' ').includes(w));
    expect(asTyped.length).toBeGreaterThan(0);
    expect(asTyped.length).toBeLessThanOrEqual(4);
    // The longest words are the ones kept: they narrow the most.
    expect(asTyped).toContain('monogatari');
    expect(asTyped).not.toContain('koi');
    expect(words.length).toBeLessThanOrEqual(12);
  });

  it('finds nothing, without asking the database, for a query that normalizes to nothing', async () => {
    for (const q of ['\u0301'.repeat(200), '\u0301 \u0308\u0301 \u20dd', '\u3099\u309a']) {
      statements = [];
      const found = await service().search(q, 'en');
      expect(found.total).toBe(0);
      expect(found.results).toEqual([]);
      expect(Object.values(found.counts).every((n) => n === 0)).toBe(true);
      expect(await service().suggest(q, 'en')).toEqual([]);
      expect(statements.map((s) => s.sql)).toEqual([]);

      const encoded = encodeURIComponent(q);
      const api = await get(`/api/v1/search?q=${encoded}`);
      expect(api.statusCode, api.body).toBe(200);
      expect(api.json()).toMatchObject({ total: 0, results: [] });
      const suggest = await get(`/api/v1/suggest?q=${encoded}`);
      expect(suggest.statusCode, suggest.body).toBe(200);
      expect(suggest.json().suggestions).toEqual([]);
      const html = page((await get(`/en/search?q=${encoded}`)).body);
      expect(html.querySelectorAll('.result-group')).toHaveLength(0);
      expect(html.querySelector('.empty')).not.toBeNull();
    }
  });

  it('holds the query to 200 characters once normalized: the API names q, the page searches the first 200', async () => {
    // 100 characters as typed, 300 once written out ("a ca ca …"); ﷺ is eighteen.
    for (const q of ['℀'.repeat(100), '\ufdfa'.repeat(12)]) {
      expect(normalizedLength(q)).toBeGreaterThan(MAX_QUERY_LENGTH);
      for (const endpoint of ['search', 'suggest']) {
        const res = await get(`/api/v1/${endpoint}?q=${encodeURIComponent(q)}`);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
        expect(res.json().errors).toEqual([
          expect.objectContaining({ field: 'q', message: expect.stringMatching(/200 characters/) }),
        ]);
      }
      expect((await get(`/en/search?q=${encodeURIComponent(q)}`)).statusCode).toBe(200);
    }
    const fits = '℀'.repeat(50);
    expect(normalizedLength(fits)).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect((await get(`/api/v1/search?q=${encodeURIComponent(fits)}`)).statusCode).toBe(200);
  });
});

/** Text a reader or an attacker might type: any script, marks, characters that expand. */
const anyQuery = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: MAX_QUERY_LENGTH }),
    fc.string({ unit: 'binary', maxLength: MAX_QUERY_LENGTH }),
    fc
      .tuple(
        fc.constantFrom('℀', 'x ', '\u0301', '\ufdfa', 'ア', '恋 ', 'ab ', '%_\\', '"*', '㍻', 'ō'),
        fc.integer({ min: 1, max: MAX_QUERY_LENGTH }),
      )
      .map(([piece, n]) => piece.repeat(n)),
  )
  .map((q) => q.slice(0, MAX_QUERY_LENGTH))
  // Well-formed text: a lone surrogate is the hostile-input suite's concern.
  .filter((q) => !/[\uD800-\uDFFF]/u.test(q));

describe.each(DIALECTS)('any query on %s', (dialect) => {
  const { get } = useTestApp(dialect);

  it('answers search and suggest with well-formed results or a problem naming q, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(anyQuery, async (q) => {
        const encoded = encodeURIComponent(q);
        const refused = q.trim() === '' || normalizedLength(q.trim()) > MAX_QUERY_LENGTH;
        const api = await get(`/api/v1/search?q=${encoded}`);
        const suggest = await get(`/api/v1/suggest?q=${encoded}`);
        for (const res of [api, suggest]) {
          expect(res.statusCode, res.body.slice(0, 300)).toBe(refused ? 400 : 200);
          if (refused) expect(res.json().errors[0].field).toBe('q');
        }
        if (!refused) {
          const found = api.json();
          expect(found.results.length).toBeLessThanOrEqual(found.total);
          expect(found.page).toBeLessThanOrEqual(found.pageCount);
          for (const r of found.results) {
            expect(SEARCH_KINDS).toContain(r.kind);
            expect(r.slug).toMatch(/^[a-z0-9-]+$/);
            expect(r.name.text).not.toBe('');
          }
          const { suggestions } = suggest.json();
          expect(suggestions.length).toBeLessThanOrEqual(8);
          for (const s of suggestions) expect(SEARCH_KINDS).toContain(s.type);
        }
        const html = await get(`/en/search?q=${encoded}`);
        expect(html.statusCode).toBe(200);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
