import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase, type TestDatabase } from '#tests/factories/databases.ts';
import { dailyCounts, foldPlays } from './plays.repository.ts';

const DAYS = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'];
const LOCALES = ['en', 'ja', 'zh-hant', 'ko'];

/** A play as a reader's browser would send it: duplicates of (day, reader, song) included. */
const playArb = fc.record({
  day: fc.constantFrom(...DAYS),
  reader: fc.integer({ min: 0, max: 5 }),
  song: fc.integer({ min: 0, max: 2 }),
  feature: fc.constantFrom<number | null>(null, 0),
  locale: fc.constantFrom(...LOCALES),
});

describe.each(DIALECTS)('folding plays into daily counts on %s', (dialect) => {
  let database: TestDatabase;
  const songIds: number[] = [];
  let featureId = 0;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    const now = '2026-11-26T00:00:00.000Z';
    for (const slug of ['song-a', 'song-b', 'song-c']) {
      const { id } = await database.db
        .insertInto('songs')
        .values({
          slug,
          title_original: slug,
          title_romanized: null,
          title_en: null,
          title_zh_hant: null,
          title_ko: null,
          released_on: null,
          cover_of_id: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      songIds.push(id);
    }
    ({ id: featureId } = await database.db
      .insertInto('features')
      .values({
        slug: 'f',
        kind: 'curated',
        status: 'published',
        revision: 1,
        updated_at: now,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  }, 30_000);
  afterAll(() => database?.drop());

  it('keeps every counted play, raw or folded, whatever the stream and the cut-offs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(playArb, { maxLength: 80 }),
        fc.array(fc.constantFrom(...DAYS, '2026-11-07'), { minLength: 1, maxLength: 3 }),
        async (stream, cuts) => {
          const { db } = database;
          await db.deleteFrom('plays').execute();
          await db.deleteFrom('play_rollups').execute();
          // What the recorder keeps: a reader's first play of a song on a day.
          const kept = new Map<string, (typeof stream)[number]>();
          for (const p of stream) {
            const key = `${p.day}|${p.reader}|${p.song}`;
            if (!kept.has(key)) kept.set(key, p);
          }
          for (const p of stream)
            await db
              .insertInto('plays')
              .values({
                day: p.day,
                at: `${p.day}T12:00:00.000Z`,
                song_id: songIds[p.song] as number,
                feature_id: p.feature === null ? null : featureId,
                locale: p.locale,
                reader: `reader-${p.reader}`,
              })
              .onConflict((oc) => oc.doNothing())
              .execute();

          for (const cut of cuts) await foldPlays(db, cut);

          const last = cuts.reduce((a, b) => (a > b ? a : b));
          for (const [song, id] of songIds.entries()) {
            const expected = new Map<string, number>();
            for (const p of kept.values())
              if (p.song === song) expected.set(p.day, (expected.get(p.day) ?? 0) + 1);
            expect(await dailyCounts(db, id, DAYS[0] as string, '2026-11-07')).toEqual(expected);
          }
          // Folded days are counts only; later days are still raw plays.
          const raw = await db.selectFrom('plays').select('day').execute();
          expect(raw.every((r) => r.day >= last)).toBe(true);
          expect(raw).toHaveLength([...kept.values()].filter((p) => p.day >= last).length);
          // Each count is the plays of its song, day, feature and locale.
          const rollups = await db.selectFrom('play_rollups').selectAll().execute();
          const groups = new Map<string, number>();
          for (const p of kept.values())
            if (p.day < last) {
              const key = `${songIds[p.song]}|${p.day}|${p.feature === null ? 0 : featureId}|${p.locale}`;
              groups.set(key, (groups.get(key) ?? 0) + 1);
            }
          expect(
            new Map(
              rollups.map((r) => [`${r.song_id}|${r.day}|${r.feature_id}|${r.locale}`, r.plays]),
            ),
          ).toEqual(groups);
        },
      ),
      { numRuns: dialect === 'sqlite' ? 60 : 25 },
    );
  }, 120_000);
});
