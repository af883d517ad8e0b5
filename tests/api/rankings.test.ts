import { describe, expect, it } from 'vitest';
import { TEST_NOW, useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';
import { page, texts } from '#tests/factories/html.ts';
import { usePeople } from '#tests/factories/people.ts';

const TODAY = TEST_NOW.slice(0, 10);
const YESTERDAY = '2026-11-25';

function ranking(slug: string, ranking: object, entries: object[] = []) {
  return {
    slug,
    kind: 'ranking',
    text: { en: { title: `Ranking ${slug}` }, ja: { title: `ランキング ${slug}` } },
    ranking,
    entries,
  };
}

describe.each(DIALECTS)('rankings on %s', (dialect) => {
  const { app, get } = useTestApp(dialect);
  const { call } = usePeople(app);

  const songId = async (slug: string) =>
    (
      await app()
        .database.db.selectFrom('songs')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow()
    ).id;
  /** Folded plays of a song: `counts` maps days to plays. */
  const played = async (slug: string, counts: Record<string, number>) => {
    const id = await songId(slug);
    await app()
      .database.db.insertInto('play_rollups')
      .values(
        Object.entries(counts).map(([day, plays]) => ({
          day,
          song_id: id,
          feature_id: 0,
          locale: 'en',
          plays,
        })),
      )
      .execute();
  };
  /** Raw plays by `readers` different readers of a song on `day`. */
  const playedRaw = async (slug: string, day: string, readers: number) => {
    const id = await songId(slug);
    await app()
      .database.db.insertInto('plays')
      .values(
        Array.from({ length: readers }, (_, i) => ({
          day,
          at: `${day}T10:00:00.000Z`,
          song_id: id,
          feature_id: null,
          locale: 'ja',
          reader: `${slug}-${day}-${i}`,
        })),
      )
      .execute();
  };
  const create = async (document: object) => {
    const created = await call('POST', '/api/v1/editor/features', 'editor', document);
    expect(created.statusCode, created.body).toBe(201);
    const published = await call(
      'POST',
      `/api/v1/editor/features/${(document as { slug: string }).slug}/publish`,
      'editor',
      {},
    );
    expect(published.statusCode, published.body).toBe(200);
  };
  const standings = async (slug: string) =>
    (await get(`/api/v1/features/${slug}?locale=en`)).json().entries as {
      position: number;
      song: { slug: string };
      commentary: { html: string } | null;
      standing: { plays: number; previousRank: number | null; movement: string; trend: number[] };
    }[];

  it('ranks by plays over the period, breaks ties as the page says, and moves against last year', async () => {
    // In scope: anime-songs features tagged heartbreak. 2026 so far (to yesterday):
    await played('sekai-ga-owaru-made-wa', { '2026-03-01': 60, '2026-04-01': 40 });
    await played('sobakasu', { '2026-05-01': 100 }); // as many plays, on fewer days
    await played('shinai', { '2026-06-01': 25, '2026-06-02': 25 });
    await played('the-real-folk-blues', { '2026-06-01': 30, '2026-06-03': 20 }); // tie: by slug
    await playedRaw('my-will', YESTERDAY, 3);
    await playedRaw('my-will', TODAY, 5); // today is not over: not counted yet
    await played('ichiban-no-takaramono', { '2026-05-01': 1000 }); // not a heartbreak song
    // 2025:
    await played('sobakasu', { '2025-05-01': 500 });
    await played('sekai-ga-owaru-made-wa', { '2025-05-01': 300 });
    await played('the-real-folk-blues', { '2025-05-01': 100 });
    await played('secret-of-my-heart', { '2025-05-01': 50 });
    await played('my-will', { '2025-05-01': 10 });

    await create(
      ranking('heartbreak-2026', { category: 'anime-songs', tags: ['heartbreak'], period: 2026 }),
    );
    const entries = await standings('heartbreak-2026');
    expect(
      entries.map((e) => [
        e.song.slug,
        e.standing.plays,
        e.standing.previousRank,
        e.standing.movement,
      ]),
    ).toEqual([
      ['sekai-ga-owaru-made-wa', 100, 2, 'up'],
      ['sobakasu', 100, 1, 'down'],
      ['shinai', 50, null, 'new'],
      ['the-real-folk-blues', 50, 3, 'down'],
      ['my-will', 3, 5, 'same'],
    ]);
    // Plays a day, month by month from January to November.
    expect(entries[0]?.standing.trend).toEqual([0, 0, 1.9, 1.3, 0, 0, 0, 0, 0, 0, 0]);

    const html = (await get('/en/heartbreak-2026')).body;
    expect(texts(html, '.standing-rank')).toEqual([
      'Rank 1',
      'Rank 2',
      'Rank 3',
      'Rank 4',
      'Rank 5',
    ]);
    expect(texts(html, '.movement')).toEqual([
      '▲ Up 1',
      '▼ Down 1',
      '★ New',
      '▼ Down 1',
      '– No change',
    ]);
    expect(page(html).querySelectorAll('svg.trend[role=img]')).toHaveLength(5);
    const method = texts(html, '.ranking-method li').join(' ');
    expect(method).toContain('1 January 2026 to 25 November 2026');
    expect(method).toContain('Songs from our Anime songs features, tagged Heartbreak.');
    expect(method).toContain('Arrows compare with 1 January 2025 to 31 December 2025.');
    expect(method).toContain('the song played on more days ranks higher');
    expect(texts(await get('/ja/heartbreak-2026').then((r) => r.body), '.standing-rank')[0]).toBe(
      '1位',
    );
  });

  it("keeps editors' notes on songs through every refresh, including songs that drop out", async () => {
    await played('just-be-friends', { '2026-07-01': 30 });
    await played('kokoronashi', { '2026-07-01': 20 });
    await played('saihate', { '2026-07-01': 10 });
    await create(
      ranking('vocaloid-top-two', { category: 'vocaloid', period: 2026, size: 2 }, [
        { song: 'just-be-friends', commentary: { en: 'Sprinting away from a goodbye.' } },
        { song: 'saihate', commentary: { en: 'A farewell at the far shore.' } },
      ]),
    );
    let entries = await standings('vocaloid-top-two');
    expect(entries.map((e) => [e.song.slug, e.commentary?.html ?? null])).toEqual([
      ['just-be-friends', '<p>Sprinting away from a goodbye.</p>'],
      ['kokoronashi', null],
    ]);
    // The editor sees the ranked songs, then the notes on songs not ranked today.
    const view = (await call('GET', '/api/v1/editor/features/vocaloid-top-two', 'editor')).json();
    expect(view.document.entries.map((e: { song: string }) => e.song)).toEqual([
      'just-be-friends',
      'kokoronashi',
      'saihate',
    ]);
    expect(view.document.ranking).toEqual({
      tags: [],
      period: 2026,
      size: 2,
      category: 'vocaloid',
    });

    await played('saihate', { '2026-08-01': 50 });
    await app().services.rankings.refresh('vocaloid-top-two');
    entries = await standings('vocaloid-top-two');
    expect(entries.map((e) => [e.song.slug, e.commentary?.html ?? null])).toEqual([
      ['saihate', '<p>A farewell at the far shore.</p>'],
      ['just-be-friends', '<p>Sprinting away from a goodbye.</p>'],
    ]);

    // A save rewrites the notes; the next refresh keeps them.
    const document = {
      ...view.document,
      entries: view.document.entries.map((e: { song: string }) =>
        e.song === 'kokoronashi' ? { ...e, commentary: { en: 'Quiet, then not.' } } : e,
      ),
    };
    const saved = await call('PUT', '/api/v1/editor/features/vocaloid-top-two', 'editor', {
      baseRevision: view.revision,
      document,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await played('kokoronashi', { '2026-09-01': 100 });
    await app().services.rankings.refresh();
    entries = await standings('vocaloid-top-two');
    expect(entries.map((e) => [e.song.slug, e.commentary?.html ?? null])).toEqual([
      ['kokoronashi', '<p>Quiet, then not.</p>'],
      ['saihate', '<p>A farewell at the far shore.</p>'],
    ]);
  });

  it('pages a ranking in tens like every feature', async () => {
    const songs = [
      'lilium',
      'garnet',
      'homura',
      'michishirube',
      'brave-song',
      'nandemonaiya',
      'hikaru-nara',
      'megumeru',
      'sakura-kiss',
      'harukaze',
      'merou',
      'haru-no-hi',
    ];
    for (const [i, slug] of songs.entries()) await played(slug, { '2026-11-20': 40 - i });
    await create(ranking('trending-test', { period: 'last-30-days', size: 12 }));
    const first = await get('/en/trending-test');
    expect(texts(first.body, '.range-heading')).toEqual(['(1–10)']);
    expect(first.body).toContain('Plays on Tokushu from 27 October 2026 to 25 November 2026.');
    expect(first.body).toContain('Every song in our features.');
    const second = await get('/en/trending-test/2');
    expect(texts(second.body, '.range-heading')).toEqual(['(11–12)']);
    expect(texts(second.body, '.standing-rank')).toEqual(['Rank 11', 'Rank 12']);
    expect((await get('/en/trending-test/3')).statusCode).toBe(404);
    // Daily steps over the 30 days; the play on 20 November is the 25th day.
    const [top] = await standings('trending-test');
    expect(top?.standing.trend).toHaveLength(30);
    expect(top?.standing.trend[24]).toBe(40);
  });

  it('names what is wrong with a ranking definition, and writes nothing', async () => {
    const problems = async (document: object) => {
      const response = await call('POST', '/api/v1/editor/features', 'editor', document);
      expect(response.statusCode).toBe(400);
      return (response.json().errors as { field: string; message: string }[]).map(
        (e) => `${e.field}: ${e.message}`,
      );
    };
    expect(await problems({ ...ranking('no-def', {}), ranking: undefined })).toEqual([
      expect.stringMatching(/ranking.*needs its scope and period/),
    ]);
    expect(
      await problems(
        ranking('bad-def', { tags: ['no-such-tag'], category: 'nope', period: 'last-week' }),
      ),
    ).toEqual([expect.stringMatching(/ranking.period.*year.*last-30-days/)]);
    expect(
      await problems(
        ranking('bad-refs', { tags: ['no-such-tag'], category: 'nope', period: 2026 }),
      ),
    ).toEqual([
      expect.stringMatching(/ranking.tags.0.*unknown tag "no-such-tag"/),
      expect.stringMatching(/ranking.category.*unknown category "nope"/),
    ]);
    const curated = await problems({
      slug: 'curated-with-def',
      text: { en: { title: 'x' } },
      ranking: { period: 2026 },
    });
    expect(curated).toEqual([expect.stringMatching(/ranking.*only a feature of kind "ranking"/)]);
    expect((await get('/api/v1/features/bad-refs?locale=en')).statusCode).toBe(404);
  });
});

describe.each(DIALECTS)('the demo rankings on %s', (dialect) => {
  const { app, get } = useTestApp(dialect, { demoPlays: true });

  it('fills every seeded ranking from the made-up history, in pages of ten', async () => {
    for (const slug of [
      'anime-heartbreak-songs-ranking-2026',
      'vocaloid-songs-ranking-2026',
      'trending-songs-last-30-days',
    ]) {
      const second = await get(`/en/${slug}/2`);
      expect(second.statusCode, slug).toBe(200);
      expect(texts(second.body, '.range-heading')[0], slug).toMatch(/^\(11–/);
      expect(texts(second.body, '.standing-rank')[0], slug).toBe('Rank 11');
    }
    const home = await get('/en/');
    expect(home.body).toContain('href="/en/anime-heartbreak-songs-ranking-2026"');
  });

  it('writes the same history for the same seed, and only over no counted plays', async () => {
    const { plays, rankings } = app().services;
    const top = async () =>
      (await get('/api/v1/features/trending-songs-last-30-days?locale=en'))
        .json()
        .entries.map((e: { song: { slug: string }; standing: { plays: number } }) => [
          e.song.slug,
          e.standing.plays,
        ]);
    const before = await top();
    expect(await plays.generateDemoHistory()).toBeNull();
    const again = await plays.generateDemoHistory({ replace: true });
    expect(again?.songs).toBeGreaterThan(100);
    await rankings.refresh();
    expect(await top()).toEqual(before);
    await plays.generateDemoHistory({ replace: true, seed: 2 });
    await rankings.refresh();
    expect(await top()).not.toEqual(before);
  });
});
