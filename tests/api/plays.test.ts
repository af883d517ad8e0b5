import { describe, expect, it } from 'vitest';
import { TEST_NOW, useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';

const BROWSER =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';
const TODAY = TEST_NOW.slice(0, 10);

describe.each(DIALECTS)('plays on %s', (dialect) => {
  const { app, get } = useTestApp(dialect);
  const play = (
    body: unknown,
    { address = '10.1.0.1', agent = BROWSER, type = 'application/json' } = {},
  ) =>
    app().http.inject({
      method: 'POST',
      url: '/api/v1/plays',
      remoteAddress: address,
      headers: { 'user-agent': agent, 'content-type': type, origin: 'http://localhost' },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const stored = async (slug: string) => {
    const { n } = await app()
      .database.db.selectFrom('plays as p')
      .innerJoin('songs as s', 's.id', 'p.song_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('s.slug', '=', slug)
      .executeTakeFirstOrThrow();
    return Number(n);
  };

  it('counts a reader once per song and day, from a beacon, without keeping who they are', async () => {
    const first = await play({
      song: 'lilium',
      feature: 'anime-ballads-that-make-you-cry',
      locale: 'en',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ status: 'counted' });
    expect((await play({ song: 'lilium', locale: 'ja' })).json()).toEqual({ status: 'repeat' });
    // sendBeacon sends text/plain.
    const beacon = await play(JSON.stringify({ song: 'lilium', locale: 'en' }), {
      address: '10.1.0.2',
      type: 'text/plain;charset=UTF-8',
    });
    expect(beacon.json()).toEqual({ status: 'counted' });
    expect(await stored('lilium')).toBe(2);
    const rows = await app().database.db.selectFrom('plays').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('10.1.0.');
    const salts = await app().database.db.selectFrom('play_salts').select('day').execute();
    expect(salts).toEqual([{ day: TODAY }]);
    expect(first.headers['set-cookie']).toBeUndefined();
  });

  it('ignores known bots and names what is wrong with a bad play', async () => {
    const bot = await play(
      { song: 'garnet', locale: 'en' },
      { agent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
    );
    expect(bot.json()).toEqual({ status: 'ignored' });
    expect(await stored('garnet')).toBe(0);
    const unknown = await play({ song: 'no-such-song', locale: 'en' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { field: 'song', message: 'unknown song "no-such-song"' },
    ]);
    const feature = await play({ song: 'garnet', feature: 'nope', locale: 'en' });
    expect(feature.json().errors).toEqual([
      { field: 'feature', message: 'unknown feature "nope"' },
    ]);
    const malformed = await play({ song: 'Garnet!', locale: 'xx' });
    expect(malformed.statusCode).toBe(400);
    expect(
      malformed
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['locale', 'song']);
    const notJson = await play('{song:', { type: 'text/plain' });
    expect(notJson.statusCode).toBe(400);
  });

  it('acknowledges a burst of concurrent plays only once each is stored', async () => {
    const songs = ['spica', 'calc', 'saihate', 'glow-keeno'];
    const burst = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        play(
          { song: songs[i % songs.length], locale: 'en' },
          { address: `10.2.${Math.floor(i / 50)}.${i % 50}` },
        ),
      ),
    );
    expect(burst.every((r) => r.statusCode === 200)).toBe(true);
    const counted = burst.filter((r) => r.json().status === 'counted').length;
    expect(counted).toBe(200);
    const total = (await Promise.all(songs.map(stored))).reduce((a, b) => a + b, 0);
    expect(total).toBe(counted);
  });

  it('limits one address to the configured plays a minute', async () => {
    const address = '10.3.0.1';
    const answers = [];
    for (let i = 0; i < 121; i++)
      answers.push((await play({ song: 'garnet', locale: 'en' }, { address })).statusCode);
    expect(answers.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(answers[120]).toBe(429);
  });

  it("reports a song's daily counts, folded days and today alike", async () => {
    const db = app().database.db;
    const song = await db
      .selectFrom('songs')
      .select('id')
      .where('slug', '=', 'mushoku')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('plays')
      .values(
        ['a', 'b', 'c'].map((reader) => ({
          day: '2026-09-01',
          at: '2026-09-01T10:00:00.000Z',
          song_id: song.id,
          feature_id: null,
          locale: 'en',
          reader,
        })),
      )
      .execute();
    await play({ song: 'mushoku', locale: 'en' }, { address: '10.4.0.1' });
    expect(await app().services.plays.fold()).toBe(3);
    const res = await get(`/api/v1/songs/mushoku/plays?from=2026-09-01&to=${TODAY}`);
    expect(res.statusCode, res.body).toBe(200);
    const days = res.json().days as { day: string; plays: number }[];
    expect(days[0]).toEqual({ day: '2026-09-01', plays: 3 });
    expect(days.at(-1)).toEqual({ day: TODAY, plays: 1 });
    expect(days).toHaveLength(87);
    expect((await get('/api/v1/songs/mushoku/plays')).json().days).toHaveLength(30);
    expect(
      (await get('/api/v1/songs/mushoku/plays?from=2026-12-01&to=2026-11-01')).statusCode,
    ).toBe(400);
    expect((await get('/api/v1/songs/mushoku/plays?from=2020-01-01')).statusCode).toBe(400);
    expect((await get('/api/v1/songs/nope/plays')).statusCode).toBe(404);
  });
});
