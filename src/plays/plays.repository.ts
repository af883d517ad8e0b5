import { sql, type Insertable, type Kysely } from 'kysely';
import { isPostgres } from '#src/db/migrations/dialect-columns.ts';
import type { Database } from '#src/db/schema.ts';

type Db = Kysely<Database>;

/**
 * A song's counted plays per day from `from` to `to` (inclusive): folded days and raw ones,
 * without plays held out of the rankings.
 */
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
      .where('held', '=', 0)
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
 * then deletes them, in one transaction: a count is never both raw and folded. Plays held
 * out of the rankings are deleted without being counted.
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
      .where('held', '=', 0)
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

const keyOf = (...parts: (string | number)[]) => parts.join('\n');
/** Rows per insert: ten columns each, well under either database's parameter limit. */
const INSERT_CHUNK = 500;

/** Ids of the public songs with these slugs (a writer's new song is not, until accepted). */
export async function songIdsBySlug(db: Db, slugs: string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const rows = await db
    .selectFrom('songs')
    .select(['id', 'slug'])
    .where('slug', 'in', slugs)
    .where('reviewed', '=', 1)
    .execute();
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/** Ids of the published features with these slugs: plays count from what readers can see. */
export async function publishedFeatureIdsBySlug(
  db: Db,
  slugs: string[],
): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const rows = await db
    .selectFrom('features')
    .select(['id', 'slug'])
    .where('slug', 'in', slugs)
    .where('status', '=', 'published')
    .execute();
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/** Which of these features list which of these songs, as `feature\nsong` keys. */
export async function featureSongPairs(
  db: Db,
  featureIds: number[],
  songIds: number[],
): Promise<Set<string>> {
  if (featureIds.length === 0 || songIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('entries')
    .select(['feature_id', 'song_id'])
    .where('feature_id', 'in', featureIds)
    .where('song_id', 'in', songIds)
    .execute();
  return new Set(rows.map((r) => keyOf(r.feature_id, r.song_id)));
}

/** Of these readers, who played which song on these days, as `day\nreader\nsong` keys. */
export async function readersWhoPlayed(
  db: Db,
  days: string[],
  readers: string[],
): Promise<Set<string>> {
  if (days.length === 0 || readers.length === 0) return new Set();
  const rows = await db
    .selectFrom('plays')
    .select(['day', 'reader', 'song_id'])
    .where('day', 'in', days)
    .where('reader', 'in', [...new Set(readers)])
    .execute();
  return new Set(rows.map((r) => keyOf(r.day, r.reader, r.song_id)));
}

/**
 * The next free reader slot of each of these addresses for each song on these days, as
 * `day\nsong\naddress` keys (an address with none taken is absent).
 */
export async function addressSlotsTaken(
  db: Db,
  days: string[],
  addresses: string[],
): Promise<Map<string, number>> {
  if (days.length === 0 || addresses.length === 0) return new Map();
  const rows = await db
    .selectFrom('plays')
    .select(['day', 'song_id', 'address', (eb) => eb.fn.max('address_slot').as('slot')])
    .where('day', 'in', days)
    .where('address', 'in', [...new Set(addresses)])
    .groupBy(['day', 'song_id', 'address'])
    .execute();
  return new Map(
    rows.map((r) => [keyOf(r.day, r.song_id, r.address as string), Number(r.slot) + 1]),
  );
}

/**
 * Stores plays, skipping any that another writer got in first (the same reader, or the same
 * address slot); returns the indexes of the rows stored.
 */
export async function insertPlays(
  db: Db,
  rows: Insertable<Database['plays']>[],
): Promise<Set<number>> {
  const index = new Map(rows.map((r, i) => [keyOf(r.day, r.reader, r.song_id), i]));
  const stored = new Set<number>();
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const inserted = await db
      .insertInto('plays')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.doNothing())
      .returning(['day', 'reader', 'song_id'])
      .execute();
    for (const r of inserted) stored.add(index.get(keyOf(r.day, r.reader, r.song_id)) as number);
  }
  return stored;
}

/** Songs with at least `min` counted plays on a day from `from` on: the days worth screening. */
export async function busySongDays(
  db: Db,
  from: string,
  min: number,
): Promise<{ songId: number; day: string; plays: number }[]> {
  const rows = await db
    .selectFrom('plays')
    .select(['song_id', 'day', (eb) => eb.fn.countAll<number>().as('n')])
    .where('day', '>=', from)
    .where('held', '=', 0)
    .groupBy(['song_id', 'day'])
    .having((eb) => eb.fn.countAll(), '>=', min)
    .execute();
  return rows.map((r) => ({ songId: r.song_id, day: r.day, plays: Number(r.n) }));
}

/** A song's counted plays on a day by network and by address, each with its count. */
export async function playSources(db: Db, songId: number, day: string) {
  const [networks, addresses] = await Promise.all([
    db
      .selectFrom('plays')
      .select(['network', (eb) => eb.fn.countAll<number>().as('n')])
      .where('song_id', '=', songId)
      .where('day', '=', day)
      .where('held', '=', 0)
      .where('network', 'is not', null)
      .groupBy('network')
      .execute(),
    db
      .selectFrom('plays')
      .select(['address', (eb) => eb.fn.countAll<number>().as('n')])
      .where('song_id', '=', songId)
      .where('day', '=', day)
      .where('held', '=', 0)
      .where('address', 'is not', null)
      .groupBy('address')
      .execute(),
  ]);
  return {
    networks: networks.map((r) => ({ key: r.network as string, plays: Number(r.n) })),
    addresses: addresses.map((r) => ({ key: r.address as string, plays: Number(r.n) })),
  };
}

/** Holds a song's plays of a day from these networks or addresses out of the rankings. */
export async function holdPlays(
  db: Db,
  songId: number,
  day: string,
  { networks, addresses }: { networks: string[]; addresses: string[] },
): Promise<number> {
  if (networks.length === 0 && addresses.length === 0) return 0;
  const result = await db
    .updateTable('plays')
    .set({ held: 1 })
    .where('song_id', '=', songId)
    .where('day', '=', day)
    .where('held', '=', 0)
    .where((eb) =>
      eb.or([
        ...(networks.length > 0 ? [eb('network', 'in', networks)] : []),
        ...(addresses.length > 0 ? [eb('address', 'in', addresses)] : []),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Slugs of these songs. */
export async function songSlugs(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('songs').select(['id', 'slug']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.slug]));
}
