import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';

/**
 * Which songs, artists and works readers may see. A writer's addition waits (`reviewed` 0)
 * until an editor accepts it, saves it, or publishes a feature that uses it; everything else
 * is public from the start.
 */

type Db = Kysely<Database>;

export type ReviewedTable = 'songs' | 'artists' | 'works';

/** Keeps a new record from readers until an editor lets it through. */
export async function holdForReview(db: Db, table: ReviewedTable, slug: string): Promise<void> {
  await db.updateTable(table).set({ reviewed: 0 }).where('slug', '=', slug).execute();
}

/** Lets records through to readers; returns the slugs of those that were waiting. */
export async function accept(
  db: Db,
  table: ReviewedTable,
  ids: readonly number[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const waiting = await db
    .selectFrom(table)
    .select(['id', 'slug'])
    .where('id', 'in', [...new Set(ids)])
    .where('reviewed', '=', 0)
    .execute();
  if (waiting.length === 0) return [];
  await db
    .updateTable(table)
    .set({ reviewed: 1 })
    .where(
      'id',
      'in',
      waiting.map((r) => r.id),
    )
    .execute();
  return waiting.map((r) => r.slug);
}

/** What the cards of these songs link to: their credited artists and characters, and works. */
export async function shownWithSongs(
  db: Db,
  songIds: readonly number[],
): Promise<{ artists: number[]; works: number[] }> {
  if (songIds.length === 0) return { artists: [], works: [] };
  const [credits, tieIns] = await Promise.all([
    db
      .selectFrom('song_credits')
      .select(['artist_id', 'as_character_id'])
      .where('song_id', 'in', songIds)
      .execute(),
    db.selectFrom('tie_ins').select('work_id').where('song_id', 'in', songIds).execute(),
  ]);
  return {
    artists: credits.flatMap((c) =>
      c.as_character_id === null ? [c.artist_id] : [c.artist_id, c.as_character_id],
    ),
    works: tieIns.map((t) => t.work_id),
  };
}

/** Of these songs, those still waiting for an editor. */
export async function waitingSongs(db: Db, songIds: readonly number[]): Promise<Set<number>> {
  if (songIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('songs')
    .select('id')
    .where('id', 'in', songIds)
    .where('reviewed', '=', 0)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Whether a record is waiting for an editor; undefined when there is no such record. */
export async function isWaiting(
  db: Db,
  table: ReviewedTable,
  slug: string,
): Promise<boolean | undefined> {
  const row = await db
    .selectFrom(table)
    .select('reviewed')
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row === undefined ? undefined : row.reviewed === 0;
}
