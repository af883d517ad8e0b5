import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '#src/db/schema.ts';

type Db = Kysely<Database>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query selecting song ids
type SongIds = SelectQueryBuilder<any, any, { song_id: number }>;

export interface PlayTotal {
  songId: number;
  slug: string;
  plays: number;
  /** Days with at least one play. */
  days: number;
}

/** Counted plays of days from `from` to `to`: days already folded, and raw ones. */
function playedDays(db: Db, from: string, to: string) {
  return db
    .selectFrom('play_rollups')
    .select(['song_id', 'day', 'plays as n'])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .unionAll(
      db
        .selectFrom('plays')
        .select(['song_id', 'day', sql<number>`1`.as('n')])
        .where('day', '>=', from)
        .where('day', '<=', to)
        // Plays the screening held out (see src/plays/screening.ts) are not counted.
        .where('held', '=', 0),
    );
}

/**
 * Each song with plays in the period, and in every one of `scope` (none: any song): its
 * plays and the days it was played.
 */
export async function playTotals(
  db: Db,
  scope: readonly SongIds[],
  from: string,
  to: string,
): Promise<PlayTotal[]> {
  if (to < from) return [];
  let query = db
    .selectFrom(playedDays(db, from, to).as('p'))
    .innerJoin('songs as s', 's.id', 'p.song_id')
    .select([
      'p.song_id',
      's.slug',
      (eb) => eb.fn.sum<number>('p.n').as('plays'),
      sql<number>`count(distinct p.day)`.as('days'),
    ])
    .groupBy(['p.song_id', 's.slug']);
  for (const songs of scope) query = query.where('p.song_id', 'in', songs);
  const rows = await query.execute();
  return rows.map((r) => ({
    songId: r.song_id,
    slug: r.slug,
    plays: Number(r.plays),
    days: Number(r.days),
  }));
}

/** Plays per song and day for the given songs. */
export async function playsByDay(
  db: Db,
  songIds: readonly number[],
  from: string,
  to: string,
): Promise<{ songId: number; day: string; plays: number }[]> {
  if (songIds.length === 0 || to < from) return [];
  const rows = await db
    .selectFrom(playedDays(db, from, to).as('p'))
    .select(['p.song_id', 'p.day', (eb) => eb.fn.sum<number>('p.n').as('plays')])
    .where('p.song_id', 'in', songIds)
    .groupBy(['p.song_id', 'p.day'])
    .execute();
  return rows.map((r) => ({ songId: r.song_id, day: r.day, plays: Number(r.plays) }));
}
