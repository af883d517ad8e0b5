import { sql, type Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { containsPattern } from '#src/shared/sql-like.ts';

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

/**
 * Songs, artists and works whose name in any script or any alias contains `text`. A plain
 * substring scan: the search service (issue-sized work of its own) replaces it with an index.
 */
export async function searchNames(db: Db, text: string, limit: number) {
  const p = containsPattern(text);
  const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${p} escape '\\'`;
  const anyName = (alias: string, prefix: 'title' | 'name') =>
    sql<boolean>`(${sql.join(
      ['original', 'romanized', 'en', 'zh_hant', 'ko'].map((k) => like(`${alias}.${prefix}_${k}`)),
      sql` or `,
    )})`;
  const [songs, artists, works] = await Promise.all([
    db
      .selectFrom('songs as s')
      .select('s.id')
      .where((eb) =>
        eb.or([
          anyName('s', 'title'),
          eb.exists(
            eb
              .selectFrom('song_aliases as a')
              .select('a.song_id')
              .whereRef('a.song_id', '=', 's.id')
              .where(like('a.alias')),
          ),
        ]),
      )
      .orderBy('s.title_original')
      .limit(limit)
      .execute(),
    db
      .selectFrom('artists as r')
      .select([
        'r.slug',
        'r.kind',
        'r.name_original',
        'r.name_romanized',
        'r.name_en',
        'r.name_zh_hant',
        'r.name_ko',
      ])
      .where((eb) =>
        eb.or([
          anyName('r', 'name'),
          eb.exists(
            eb
              .selectFrom('artist_aliases as a')
              .select('a.artist_id')
              .whereRef('a.artist_id', '=', 'r.id')
              .where(like('a.alias')),
          ),
        ]),
      )
      .orderBy('r.name_original')
      .limit(limit)
      .execute(),
    db
      .selectFrom('works as w')
      .select([
        'w.slug',
        'w.kind',
        'w.year',
        'w.title_original',
        'w.title_romanized',
        'w.title_en',
        'w.title_zh_hant',
        'w.title_ko',
      ])
      .where((eb) =>
        eb.or([
          anyName('w', 'title'),
          eb.exists(
            eb
              .selectFrom('work_aliases as a')
              .select('a.work_id')
              .whereRef('a.work_id', '=', 'w.id')
              .where(like('a.alias')),
          ),
        ]),
      )
      .orderBy('w.title_original')
      .limit(limit)
      .execute(),
  ]);
  return { songIds: songs.map((s) => s.id), artists, works };
}
