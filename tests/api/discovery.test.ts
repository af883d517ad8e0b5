import { describe, expect, it } from 'vitest';
import { useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';
import { page } from '#tests/factories/html.ts';
import { usePeople } from '#tests/factories/people.ts';

describe.each(DIALECTS)('discovery on %s', (dialect) => {
  const { app, get } = useTestApp(dialect);
  const { call } = usePeople(app);

  const neighbours = async (slug: string) => {
    const db = app().database.db;
    const rows = await db
      .selectFrom('song_neighbours as n')
      .innerJoin('songs as s', 's.id', 'n.song_id')
      .innerJoin('songs as t', 't.id', 'n.neighbour_id')
      .select(['t.slug', 'n.reasons'])
      .where('s.slug', '=', slug)
      .orderBy('n.position')
      .execute();
    return rows;
  };

  it('computes songs like this ahead of readers, at most two by one artist', async () => {
    const rows = await neighbours('lilium');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]?.reasons).toMatch(/tags|features|work|artist/);
    const db = app().database.db;
    const byArtist = await db
      .selectFrom('song_neighbours as n')
      .innerJoin('song_credits as c', (j) =>
        j.onRef('c.song_id', '=', 'n.neighbour_id').on('c.position', '=', 0),
      )
      .select(['n.song_id', 'c.artist_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['n.song_id', 'c.artist_id'])
      .execute();
    expect(Math.max(...byArtist.map((r) => Number(r.n)))).toBeLessThanOrEqual(2);
    const html = page((await get('/en/songs/lilium')).body);
    const shown = html
      .querySelectorAll('section[aria-labelledby="similar-heading"] a.song-title')
      .map((a) => a.getAttribute('href'));
    expect(shown[0]).toBe(`/en/songs/${rows[0]?.slug}`);
  });

  it('recomputes when an editor publishes a feature that puts two songs together', async () => {
    const before = (await neighbours('calc')).map((r) => r.slug);
    expect(before).not.toContain('mushoku');
    await call('POST', '/api/v1/editor/features', 'editor', {
      slug: 'unlikely-pair',
      tags: [],
      text: { en: { title: 'An unlikely pair', lead: '', closing: '', status: 'reviewed' } },
      entries: [
        { song: 'calc', commentary: {} },
        { song: 'mushoku', commentary: {} },
      ],
    });
    await call('POST', '/api/v1/editor/features/unlikely-pair/publish', 'editor', {});
    const after = await neighbours('calc');
    expect(after.find((r) => r.slug === 'mushoku')?.reasons).toContain('features');

    const feature = page((await get('/en/unlikely-pair')).body);
    const similar = feature.querySelectorAll('.similar a').map((a) => a.getAttribute('href') ?? '');
    expect(similar.some((href) => /vocaloid|heartbreak/.test(href))).toBe(true);
  });

  it('proposes songs for a theme with reasons, leaving out the feature songs and crowding no artist', async () => {
    const res = await call('POST', '/api/v1/editor/assistant', 'writer', {
      words: 'ending themes 2010s',
      exclude: ['brave-song'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const { candidates } = res.json() as {
      candidates: { song: string; label: string; reasons: string[] }[];
    };
    expect(candidates.length).toBeGreaterThan(3);
    expect(candidates.map((c) => c.song)).not.toContain('brave-song');
    for (const c of candidates) {
      expect(c.reasons).toContain('released in the 2010s');
      expect(c.reasons, c.song).toContain('ending theme');
    }
    const db = app().database.db;
    const leads = await db
      .selectFrom('song_credits as c')
      .innerJoin('songs as s', 's.id', 'c.song_id')
      .select(['c.artist_id'])
      .where('c.position', '=', 0)
      .where(
        's.slug',
        'in',
        candidates.map((c) => c.song),
      )
      .execute();
    const perArtist = new Map<number, number>();
    for (const l of leads) perArtist.set(l.artist_id, (perArtist.get(l.artist_id) ?? 0) + 1);
    expect(Math.max(...perArtist.values())).toBeLessThanOrEqual(2);

    const japanese = await call('POST', '/api/v1/editor/assistant', 'writer', { words: '卒業' });
    expect(japanese.json().candidates[0].reasons).toContain('tagged Graduation');
    const nothing = await call('POST', '/api/v1/editor/assistant', 'writer', {});
    expect(nothing.json()).toEqual({ candidates: [] });
    const anonymous = await call('POST', '/api/v1/editor/assistant', undefined, { words: 'rain' });
    expect(anonymous.statusCode).toBe(401);
  });
});
