import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { batches } from '#src/db/batches.ts';
import type { Database } from '#src/db/schema.ts';

type Db = Kysely<Database>;

const CANDIDATES = 60;

/**
 * Songs that share a row of `table` (the same work, artist or feature) with `songId`, with
 * how many they share, most first. Only curated features that readers can see count: editors
 * put those songs together (a ranking's songs only share their plays), and a draft is not
 * yet a choice anyone has made public. Songs waiting for an editor are never candidates.
 */
async function sharing(db: Db, songId: number, table: string, key: string, now: string) {
  const curated =
    table === 'entries'
      ? sql`join features f on f.id = a.feature_id and f.kind = 'curated'
          and (f.status = 'published' or (f.status = 'scheduled' and f.published_at <= ${now}))`
      : sql``;
  const { rows } = await sql<{ song_id: number; n: number }>`
    select b.song_id, count(*) as n
    from ${sql.table(table)} a
    join ${sql.table(table)} b on b.${sql.ref(key)} = a.${sql.ref(key)}
    join songs s on s.id = b.song_id and s.reviewed = 1
    ${curated}
    where a.song_id = ${songId} and b.song_id <> ${songId}
    group by b.song_id
    order by n desc, b.song_id
    limit ${CANDIDATES}`.execute(db);
  return rows;
}

/** Songs looked at per tag: a common tag is on a tenth of a large catalog. */
const PER_TAG = 400;

/**
 * Songs sharing tags with `songId`, with how many, most first. A tag counts for its
 * best-weighted songs only (read in order through an index), so a tag carried by 100,000
 * songs costs what a rare one does.
 */
async function sharingTags(db: Db, songId: number) {
  const tags = await db
    .selectFrom('song_tags')
    .select('tag_id')
    .where('song_id', '=', songId)
    .execute();
  const shared = new Map<number, number>();
  for (const { tag_id } of tags) {
    const songs = await db
      .selectFrom('song_tags')
      .select('song_id')
      .where('tag_id', '=', tag_id)
      .where('song_id', '!=', songId)
      .orderBy('weight', 'desc')
      .orderBy('song_id')
      .limit(PER_TAG)
      .execute();
    for (const { song_id } of songs) shared.set(song_id, (shared.get(song_id) ?? 0) + 1);
  }
  return [...shared]
    .map(([song_id, n]) => ({ song_id, n }))
    .sort((a, b) => b.n - a.n || a.song_id - b.song_id)
    .slice(0, CANDIDATES);
}

/**
 * Songs related to `songId` and why: shared tags, the same work, the same artist, and
 * appearing together in features. Each signal is a bounded, indexed query.
 */
export async function relatedSongSignals(db: Db, songId: number, now: string) {
  const [tags, works, artists, features] = await Promise.all([
    sharingTags(db, songId).then((rows) => reviewedOnly(db, rows)),
    sharing(db, songId, 'tie_ins', 'work_id', now),
    sharing(db, songId, 'song_credits', 'artist_id', now),
    sharing(db, songId, 'entries', 'feature_id', now),
  ]);
  return { tags, works, artists, features };
}

/**
 * The rows whose song readers may see. Tags are read in weight order through their index,
 * so the songs waiting for an editor (a few) are dropped after, not joined in.
 */
async function reviewedOnly<T extends { song_id: number }>(db: Db, rows: T[]): Promise<T[]> {
  if (rows.length === 0) return rows;
  const waiting = await db
    .selectFrom('songs')
    .select('id')
    .where(
      'id',
      'in',
      rows.map((r) => r.song_id),
    )
    .where('reviewed', '=', 0)
    .execute();
  const skip = new Set(waiting.map((r) => r.id));
  return rows.filter((r) => !skip.has(r.song_id));
}

/** Readers' features, as in features.repository: published, or scheduled and due. */
function liveFeature(now: string) {
  return (eb: ExpressionBuilder<{ f: Database['features'] }, 'f'>) =>
    eb.or([
      eb('f.status', '=', 'published'),
      eb.and([eb('f.status', '=', 'scheduled'), eb('f.published_at', '<=', now)]),
    ]);
}

/** Live features sharing tags or songs with `featureId`, with how many, most first. */
export async function overlappingFeatures(db: Db, featureId: number, limit: number, now: string) {
  const [byTags, bySongs] = await Promise.all([
    db
      .selectFrom('feature_tags as a')
      .innerJoin('feature_tags as b', 'b.tag_id', 'a.tag_id')
      .innerJoin('features as f', 'f.id', 'b.feature_id')
      .select(['b.feature_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('a.feature_id', '=', featureId)
      .where('b.feature_id', '!=', featureId)
      .where(liveFeature(now))
      .groupBy('b.feature_id')
      .orderBy('n', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('entries as a')
      .innerJoin('entries as b', 'b.song_id', 'a.song_id')
      .innerJoin('features as f', 'f.id', 'b.feature_id')
      .select(['b.feature_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('a.feature_id', '=', featureId)
      .where('b.feature_id', '!=', featureId)
      .where(liveFeature(now))
      .groupBy('b.feature_id')
      .orderBy('n', 'desc')
      .limit(limit)
      .execute(),
  ]);
  return { byTags, bySongs };
}

/** The first credited artist of each song: the unit of the "at most two by one artist" rule. */
export async function leadArtists(
  db: Db,
  songIds: readonly number[],
): Promise<Map<number, number>> {
  if (songIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('song_credits')
    .select(['song_id', 'artist_id'])
    .where('song_id', 'in', songIds)
    .where('position', '=', 0)
    .execute();
  return new Map(rows.map((r) => [r.song_id, r.artist_id]));
}

/** The songs of these features. */
/** The songs of these features that are curated: a ranking's songs share nothing but plays. */
export async function songsIn(db: Db, featureIds: readonly number[]): Promise<number[]> {
  if (featureIds.length === 0) return [];
  const rows = await db
    .selectFrom('entries as e')
    .innerJoin('features as f', 'f.id', 'e.feature_id')
    .select('e.song_id')
    .distinct()
    .where('e.feature_id', 'in', featureIds)
    .where('f.kind', '=', 'curated')
    .execute();
  return rows.map((r) => r.song_id);
}

/** The songs credited to these artists, tied in to these works, or carrying these tags. */
export async function songsOf(
  db: Db,
  kind: 'artist' | 'work' | 'tag',
  ids: readonly number[],
): Promise<number[]> {
  if (ids.length === 0) return [];
  const [table, column] = {
    artist: ['song_credits', 'artist_id'],
    work: ['tie_ins', 'work_id'],
    tag: ['song_tags', 'tag_id'],
  }[kind] as ['song_credits' | 'tie_ins' | 'song_tags', 'artist_id' | 'work_id' | 'tag_id'];
  const rows = await db
    .selectFrom(table)
    .select('song_id')
    .distinct()
    .where(sql.ref(column), 'in', ids)
    .execute();
  return rows.map((r) => r.song_id);
}

/** Each song's or feature's neighbour ids in order, comma-joined, to tell whether they moved. */
export async function neighbourLists(
  db: Db,
  table: 'song_neighbours' | 'feature_neighbours',
  key: 'song_id' | 'feature_id',
  ids: readonly number[],
): Promise<Map<number, string>> {
  const { rows } = await sql<{ id: number; neighbour_id: number }>`
    select ${sql.ref(key)} as id, neighbour_id from ${sql.table(table)}
    where ${sql.ref(key)} in (${sql.join(ids)})
    order by ${sql.ref(key)}, position`.execute(db);
  const lists = new Map<number, number[]>();
  for (const row of rows) lists.set(row.id, [...(lists.get(row.id) ?? []), row.neighbour_id]);
  return new Map([...lists].map(([id, list]) => [id, list.join(',')]));
}

/** The slugs of these songs and features; a change can move the lists of any number of them. */
export async function slugsOf(db: Db, songIds: readonly number[], featureIds: readonly number[]) {
  const songs: string[] = [];
  const features: string[] = [];
  for (const batch of batches(songIds))
    for (const r of await db.selectFrom('songs').select('slug').where('id', 'in', batch).execute())
      songs.push(r.slug);
  for (const batch of batches(featureIds))
    for (const r of await db
      .selectFrom('features')
      .select('slug')
      .where('id', 'in', batch)
      .execute())
      features.push(r.slug);
  return { songs, features };
}
