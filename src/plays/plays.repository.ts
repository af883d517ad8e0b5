import { sql, type Insertable, type Kysely } from 'kysely';
import { isPostgres } from '#src/db/migrations/dialect-columns.ts';
import type { Database } from '#src/db/schema.ts';

type Db = Kysely<Database>;

/** A song's counted plays per day from `from` to `to` (inclusive): folded days and raw ones. */
export async function dailyCounts(
  db: Db,
  songId: number,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const [folded, raw] = await Promise.all([
    db
      .selectFrom('play_rollups')
      .select(['day', (eb) => eb.fn.sum<number>('plays').as('n')])
      .where('song_id', '=', songId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy('day')
      .execute(),
    db
      .selectFrom('plays')
      .select(['day', (eb) => eb.fn.countAll<number>().as('n')])
      .where('song_id', '=', songId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy('day')
      .execute(),
  ]);
  const counts = new Map<string, number>();
  for (const row of [...folded, ...raw])
    counts.set(row.day, (counts.get(row.day) ?? 0) + Number(row.n));
  return counts;
}

/**
 * Folds raw plays of days before `before` into daily counts per song, feature and locale,
 * then deletes them, in one transaction: a count is never both raw and folded.
 */
export async function foldPlays(db: Db, before: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const groups = await trx
      .selectFrom('plays')
      .select([
        'day',
        'song_id',
        sql<number>`coalesce(feature_id, 0)`.as('feature_id'),
        'locale',
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('day', '<', before)
      .groupBy(['day', 'song_id', sql`coalesce(feature_id, 0)`, 'locale'])
      .execute();
    for (let i = 0; i < groups.length; i += 500) {
      await insertRollups(
        trx,
        groups.slice(i, i + 500).map((g) => ({
          day: g.day,
          song_id: g.song_id,
          feature_id: Number(g.feature_id),
          locale: g.locale,
          plays: Number(g.n),
        })),
      );
    }
    const deleted = await trx.deleteFrom('plays').where('day', '<', before).executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });
}

/** Whether any play has been counted, raw or folded. */
export async function hasHistory(db: Db): Promise<boolean> {
  const [raw, folded] = await Promise.all([
    db.selectFrom('plays').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('play_rollups').select('song_id').limit(1).executeTakeFirst(),
  ]);
  return raw !== undefined || folded !== undefined;
}

export async function clearHistory(db: Db): Promise<void> {
  await db.deleteFrom('plays').execute();
  await db.deleteFrom('play_rollups').execute();
}

/** Adds to daily counts. */
export async function insertRollups(
  db: Db,
  rows: Insertable<Database['play_rollups']>[],
): Promise<void> {
  if (rows.length === 0) return;
  if (isPostgres(db as unknown as Kysely<unknown>)) {
    // One array per column: a handful of parameters however many rows, several times faster.
    await sql`
      insert into play_rollups (day, song_id, feature_id, locale, plays)
      select * from unnest(
        ${rows.map((r) => r.day)}::text[], ${rows.map((r) => r.song_id)}::int[],
        ${rows.map((r) => r.feature_id)}::int[], ${rows.map((r) => r.locale)}::text[],
        ${rows.map((r) => r.plays)}::int[])
      on conflict (song_id, day, feature_id, locale)
      do update set plays = play_rollups.plays + excluded.plays`.execute(db);
    return;
  }
  await db
    .insertInto('play_rollups')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['song_id', 'day', 'feature_id', 'locale'])
        .doUpdateSet({ plays: sql`play_rollups.plays + excluded.plays` }),
    )
    .execute();
}

/**
 * Songs readers can come across in a feature, with the first curated feature that has
 * each, the tags of those features and the release date.
 */
export async function songsToPlay(db: Db) {
  const rows = await db
    .selectFrom('entries as e')
    .innerJoin('features as f', 'f.id', 'e.feature_id')
    .innerJoin('songs as s', 's.id', 'e.song_id')
    .leftJoin('feature_tags as ft', 'ft.feature_id', 'f.id')
    .leftJoin('tags as t', 't.id', 'ft.tag_id')
    .select(['s.id', 's.slug', 's.released_on', 'f.id as feature_id', 't.slug as tag'])
    .where('f.kind', '=', 'curated')
    .orderBy('s.slug')
    .orderBy('f.id')
    .execute();
  const songs = new Map<
    number,
    { id: number; slug: string; releasedOn: string | null; featureId: number; tags: string[] }
  >();
  for (const r of rows) {
    const song = songs.get(r.id) ?? {
      id: r.id,
      slug: r.slug,
      releasedOn: r.released_on,
      featureId: r.feature_id,
      tags: [],
    };
    if (r.tag) song.tags.push(r.tag);
    songs.set(r.id, song);
  }
  return [...songs.values()];
}
