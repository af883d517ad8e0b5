import { sql, type Kysely } from 'kysely';
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
      await trx
        .insertInto('play_rollups')
        .values(
          groups.slice(i, i + 500).map((g) => ({
            day: g.day,
            song_id: g.song_id,
            feature_id: Number(g.feature_id),
            locale: g.locale,
            plays: Number(g.n),
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['song_id', 'day', 'feature_id', 'locale'])
            .doUpdateSet({ plays: sql`play_rollups.plays + excluded.plays` }),
        )
        .execute();
    }
    const deleted = await trx.deleteFrom('plays').where('day', '<', before).executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });
}
