import { sql, type Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';

type Db = Kysely<Database>;

const CANDIDATES = 60;

/**
 * Songs that share a row of `table` (the same tag, work, artist or feature) with `songId`,
 * with how many they share, most first.
 */
async function sharing(db: Db, songId: number, table: string, key: string) {
  const { rows } = await sql<{ song_id: number; n: number }>`
    select b.song_id, count(*) as n
    from ${sql.table(table)} a
    join ${sql.table(table)} b on b.${sql.ref(key)} = a.${sql.ref(key)}
    where a.song_id = ${songId} and b.song_id <> ${songId}
    group by b.song_id
    order by n desc, b.song_id
    limit ${CANDIDATES}`.execute(db);
  return rows;
}

/**
 * Songs related to `songId` and why: shared tags, the same work, the same artist, and
 * appearing together in features. Each signal is a bounded, indexed query.
 */
export async function relatedSongSignals(db: Db, songId: number) {
  const [tags, works, artists, features] = await Promise.all([
    sharing(db, songId, 'song_tags', 'tag_id'),
    sharing(db, songId, 'tie_ins', 'work_id'),
    sharing(db, songId, 'song_credits', 'artist_id'),
    sharing(db, songId, 'entries', 'feature_id'),
  ]);
  return { tags, works, artists, features };
}
