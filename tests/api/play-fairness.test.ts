import { describe, expect, it } from 'vitest';
import { TEST_NOW, useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';
import { READERS_PER_ADDRESS } from '#src/plays/index.ts';

const OURS = 'http://localhost';
const agent = (i: number) => `Mozilla/5.0 (X11; Linux x86_64; reader ${i}) Firefox/128.0`;

/** "Now" that a test can move on by a day. */
function movableClock(start: string) {
  let at = Date.parse(start);
  return {
    now: () => new Date(at),
    nextDay: () => void (at += 86_400_000),
  };
}

describe.each(DIALECTS)('what one machine can add to a ranking, on %s', (dialect) => {
  const clock = movableClock(TEST_NOW);
  const { app, get } = useTestApp(dialect, { clock });
  const play = (
    body: Record<string, string>,
    {
      address = '10.1.0.1',
      userAgent = agent(0),
      headers = { origin: OURS } as Record<string, string>,
    } = {},
  ) =>
    app().http.inject({
      method: 'POST',
      url: '/api/v1/plays',
      remoteAddress: address,
      headers: { 'user-agent': userAgent, 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body),
    });
  const statuses = async (plays: Promise<{ json(): { status: string } }>[]) =>
    (await Promise.all(plays)).map((r) => r.json().status);
  const count = (list: string[], status: string) => list.filter((s) => s === status).length;

  it(`counts at most ${READERS_PER_ADDRESS} readers of a song a day from one address, whatever browser they claim`, async () => {
    const fromOne = await statuses(
      Array.from({ length: 40 }, (_, i) =>
        play({ song: 'lilium', locale: 'en' }, { address: '10.20.0.1', userAgent: agent(i) }),
      ),
    );
    expect(count(fromOne, 'counted')).toBe(READERS_PER_ADDRESS);
    expect(count(fromOne, 'limited')).toBe(40 - READERS_PER_ADDRESS);
    // Another song from the same address has readers of its own.
    expect(
      (
        await play({ song: 'garnet', locale: 'en' }, { address: '10.20.0.1', userAgent: agent(99) })
      ).json(),
    ).toEqual({ status: 'counted' });
    // Every address of an IPv6 /64 is one address; the next /64 is another.
    const fromSixtyFour = await statuses(
      Array.from({ length: 12 }, (_, i) =>
        play(
          { song: 'lilium', locale: 'en' },
          { address: `2001:db8:5:6::${(i + 1).toString(16)}`, userAgent: agent(i) },
        ),
      ),
    );
    expect(count(fromSixtyFour, 'counted')).toBe(READERS_PER_ADDRESS);
    expect(
      (await play({ song: 'lilium', locale: 'en' }, { address: '2001:db8:5:7::1' })).json(),
    ).toEqual({ status: 'counted' });
  });

  it("refuses a play sent by another site's page, and counts none without an Origin", async () => {
    const foreign = await play(
      { song: 'saihate', locale: 'en' },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(foreign.statusCode).toBe(403);
    expect(foreign.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(foreign.json().detail).toMatch(/Origin/);
    const opaque = await play({ song: 'saihate', locale: 'en' }, { headers: { origin: 'null' } });
    expect(opaque.statusCode).toBe(403);
    const script = await play({ song: 'saihate', locale: 'en' }, { headers: {} });
    expect(script.json()).toEqual({ status: 'ignored' });
    const stored = await app()
      .database.db.selectFrom('plays as p')
      .innerJoin('songs as s', 's.id', 'p.song_id')
      .select('p.id')
      .where('s.slug', '=', 'saihate')
      .execute();
    expect(stored).toHaveLength(0);
    expect((await play({ song: 'saihate', locale: 'en' })).json()).toEqual({ status: 'counted' });
  });

  it('refuses a play under a feature that does not list the song, naming the field', async () => {
    const notListed = await play(
      { song: 'spica', feature: 'anime-heartbreak-songs', locale: 'en' },
      { address: '10.21.0.1' },
    );
    expect(notListed.statusCode).toBe(400);
    expect(notListed.json().errors).toEqual([
      {
        field: 'feature',
        message: 'the feature "anime-heartbreak-songs" does not list the song "spica"',
      },
    ]);
    const listed = await play(
      { song: 'mushoku', feature: 'anime-heartbreak-songs', locale: 'en' },
      { address: '10.21.0.1' },
    );
    expect(listed.json()).toEqual({ status: 'counted' });
  });

  it('holds a song’s sudden rise from a few networks out of the ranking, and says so at the recount', async () => {
    // A machine with forty addresses in one /24 plays one song as five browsers each.
    const bought = await statuses(
      Array.from({ length: 200 }, (_, i) =>
        play(
          { song: 'calc', locale: 'en' },
          { address: `10.66.0.${Math.floor(i / 5) + 1}`, userAgent: agent(i) },
        ),
      ),
    );
    expect(count(bought, 'counted')).toBe(40 * READERS_PER_ADDRESS);
    // A real rise: thirty readers in thirty places.
    const real = await statuses(
      Array.from({ length: 30 }, (_, i) =>
        play({ song: 'glow-keeno', locale: 'en' }, { address: `10.${100 + i}.7.9` }),
      ),
    );
    expect(count(real, 'counted')).toBe(30);

    clock.nextDay();
    const { held } = await app().services.rankings.recount('trending-songs-last-30-days');
    expect(held).toEqual([
      expect.objectContaining({
        song: 'calc',
        held: 40 * READERS_PER_ADDRESS,
        of: 40 * READERS_PER_ADDRESS,
        networks: 1,
      }),
    ]);
    const ranking = (await get('/api/v1/features/trending-songs-last-30-days?locale=en')).json();
    const slugs = (ranking.entries as { song: { slug: string } }[]).map((e) => e.song.slug);
    expect(slugs).toContain('glow-keeno');
    expect(slugs).not.toContain('calc');
    // Held plays are not counted anywhere, and a second screening holds nothing more.
    const day = new Date(Date.parse(TEST_NOW)).toISOString().slice(0, 10);
    const daily = (await get(`/api/v1/songs/calc/plays?from=${day}&to=${day}`)).json();
    expect(daily.days).toEqual([{ day, plays: 0 }]);
    expect((await app().services.rankings.recount()).held).toEqual([]);
  });
});

describe.each(DIALECTS)('plays behind a proxy, on %s', (dialect) => {
  const { app } = useTestApp(dialect, {
    env: { TRUST_PROXY: 'true', PUBLIC_URL: 'https://tokushu.example' },
  });
  const viaProxy = (forwardedFor: string, userAgent: string, origin = 'https://tokushu.example') =>
    app().http.inject({
      method: 'POST',
      url: '/api/v1/plays',
      remoteAddress: '127.0.0.1',
      headers: {
        'user-agent': userAgent,
        'content-type': 'application/json',
        'x-forwarded-for': forwardedFor,
        origin,
      },
      payload: JSON.stringify({ song: 'lilium', locale: 'en' }),
    });

  it('believes only the hop the proxy wrote, not the addresses a client sends itself', async () => {
    // The client writes an address of its choosing; the proxy appends the one it saw.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => viaProxy(`198.51.100.${i + 1}, 203.0.113.9`, agent(i))),
    );
    const statuses = answers.map((r) => r.json().status);
    expect(statuses.filter((s) => s === 'counted')).toHaveLength(READERS_PER_ADDRESS);
    // Another reader behind the same proxy is counted by their own address.
    expect((await viaProxy('203.0.113.10', agent(1))).json()).toEqual({ status: 'counted' });
  });

  it('takes the public address as the only origin of our pages', async () => {
    expect((await viaProxy('203.0.113.20', agent(1), 'http://localhost')).statusCode).toBe(403);
  });
});
