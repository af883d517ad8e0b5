import { sql, type Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';

type Db = Kysely<Database>;

/**
 * Gives `into` the other catalogs' ids of `from` for every source it has none from, so the
 * next import from those catalogs finds the record that stayed.
 */
async function moveExternalIds(
  db: Db,
  owner: 'work' | 'artist' | 'song',
  from: number,
  into: number,
): Promise<void> {
  // One shape under three names: the owner's column is the only difference.
  const table = `${owner}_external_ids` as 'work_external_ids';
  const column = `${owner}_id` as 'work_id';
  const sources = new Set(
    (await db.selectFrom(table).select('source').where(column, '=', into).execute()).map(
      (e) => e.source,
    ),
  );
  const moving = (await db.selectFrom(table).selectAll().where(column, '=', from).execute()).filter(
    (e) => !sources.has(e.source),
  );
  await db.deleteFrom(table).where(column, '=', from).execute();
  if (moving.length > 0)
    await db
      .insertInto(table)
      .values(moving.map((e) => ({ ...e, [column]: into })))
      .execute();
}

/** Positions are unique per feature: shift the tail out of the way, then back down by one. */
async function closeGap(db: Db, featureId: number, position: number): Promise<void> {
  const far = 1_000_000;
  await db
    .updateTable('entries')
    .set({ position: sql`position + ${far}` })
    .where('feature_id', '=', featureId)
    .where('position', '>', position)
    .execute();
  await db
    .updateTable('entries')
    .set({ position: sql`position - ${far + 1}` })
    .where('feature_id', '=', featureId)
    .where('position', '>', far)
    .execute();
}

/**
 * Moves everything that refers to song `from` over to song `into`, then deletes `from`.
 * Where a feature lists both, the entry of `into` stays and the other goes.
 */
export async function mergeSongs(
  db: Db,
  from: number,
  into: number,
  names: string[],
): Promise<number[]> {
  const entries = await db
    .selectFrom('entries')
    .select(['id', 'feature_id', 'position'])
    .where('song_id', '=', from)
    .execute();
  const shared = new Set(
    (await db.selectFrom('entries').select('feature_id').where('song_id', '=', into).execute()).map(
      (e) => e.feature_id,
    ),
  );
  for (const entry of entries) {
    if (shared.has(entry.feature_id)) {
      await db.deleteFrom('entry_texts').where('entry_id', '=', entry.id).execute();
      await db.deleteFrom('entries').where('id', '=', entry.id).execute();
      await closeGap(db, entry.feature_id, entry.position);
    } else {
      await db.updateTable('entries').set({ song_id: into }).where('id', '=', entry.id).execute();
    }
  }
  await db
    .updateTable('songs')
    .set({ cover_of_id: into })
    .where('cover_of_id', '=', from)
    .where('id', '!=', into)
    .execute();
  await db
    .updateTable('songs')
    .set({ cover_of_id: null })
    .where('id', '=', into)
    .where('cover_of_id', '=', from)
    .execute();

  const moveUnique = async (
    table: 'song_tags' | 'song_aliases' | 'song_media',
    key: 'tag_id' | 'alias' | 'external_id',
  ) => {
    const existing = new Set(
      (
        await db
          .selectFrom(table)
          .select(key as never)
          .where('song_id', '=', into)
          .execute()
      ).map((r) => String((r as Record<string, unknown>)[key])),
    );
    const rows = (await db
      .selectFrom(table)
      .selectAll()
      .where('song_id', '=', from)
      .execute()) as Record<string, unknown>[];
    const moving = rows.filter((r) => !existing.has(String(r[key])));
    await db.deleteFrom(table).where('song_id', '=', from).execute();
    if (moving.length > 0)
      await db
        .insertInto(table)
        .values(moving.map((r) => ({ ...r, song_id: into })) as never)
        .execute();
  };
  await moveUnique('song_tags', 'tag_id');
  await moveUnique('song_aliases', 'alias');
  await moveUnique('song_media', 'external_id');
  // The merged song's titles stay findable as aliases.
  const aliases = new Set(
    (await db.selectFrom('song_aliases').select('alias').where('song_id', '=', into).execute()).map(
      (a) => a.alias,
    ),
  );
  const fresh = [...new Set(names)].filter((n) => !aliases.has(n));
  if (fresh.length > 0)
    await db
      .insertInto('song_aliases')
      .values(fresh.map((alias) => ({ song_id: into, alias })))
      .execute();

  // A tie-in both songs have (same work, same role) is kept once.
  const intoKeys = new Set(
    (
      await db
        .selectFrom('tie_ins')
        .select(['work_id', 'role'])
        .where('song_id', '=', into)
        .execute()
    ).map((t) => `${t.work_id}/${t.role}`),
  );
  for (const t of await db
    .selectFrom('tie_ins')
    .select(['id', 'work_id', 'role'])
    .where('song_id', '=', from)
    .execute()) {
    if (intoKeys.has(`${t.work_id}/${t.role}`))
      await db.deleteFrom('tie_ins').where('id', '=', t.id).execute();
    else await db.updateTable('tie_ins').set({ song_id: into }).where('id', '=', t.id).execute();
  }
  await moveExternalIds(db, 'song', from, into);
  await db.deleteFrom('song_credits').where('song_id', '=', from).execute();
  await db.deleteFrom('songs').where('id', '=', from).execute();
  return [...new Set(entries.map((e) => e.feature_id))];
}

/**
 * Moves every credit, membership and alias of artist `from` to `into`, then deletes `from`.
 * The merged artist's names stay findable as aliases.
 */
export async function mergeArtists(
  db: Db,
  from: number,
  into: number,
  names: string[],
): Promise<void> {
  await db
    .updateTable('song_credits')
    .set({ artist_id: into })
    .where('artist_id', '=', from)
    .execute();
  await db
    .updateTable('song_credits')
    .set({ as_character_id: into })
    .where('as_character_id', '=', from)
    .execute();
  for (const [mine, other] of [
    ['group_id', 'member_id'] as const,
    ['member_id', 'group_id'] as const,
  ]) {
    const rows = await db.selectFrom('artist_members').selectAll().where(mine, '=', from).execute();
    await db.deleteFrom('artist_members').where(mine, '=', from).execute();
    for (const row of rows) {
      if (row[other] === into) continue;
      const exists = await db
        .selectFrom('artist_members')
        .select('group_id')
        .where(mine, '=', into)
        .where(other, '=', row[other])
        .executeTakeFirst();
      if (!exists)
        await db
          .insertInto('artist_members')
          .values({ ...row, [mine]: into })
          .execute();
    }
  }
  const existing = new Set(
    (
      await db.selectFrom('artist_aliases').select('alias').where('artist_id', '=', into).execute()
    ).map((a) => a.alias),
  );
  const moving = [
    ...(
      await db.selectFrom('artist_aliases').select('alias').where('artist_id', '=', from).execute()
    ).map((a) => a.alias),
    ...names,
  ].filter((alias, i, all) => !existing.has(alias) && all.indexOf(alias) === i);
  await db.deleteFrom('artist_aliases').where('artist_id', '=', from).execute();
  await moveExternalIds(db, 'artist', from, into);
  if (moving.length > 0)
    await db
      .insertInto('artist_aliases')
      .values(moving.map((alias) => ({ artist_id: into, alias })))
      .execute();
  await db.deleteFrom('artists').where('id', '=', from).execute();
}

/** Adds `names` to a record's aliases, skipping any it already has. */
async function addAliases(
  db: Db,
  owner: { table: 'work_aliases'; column: 'work_id' },
  id: number,
  names: readonly string[],
): Promise<void> {
  const existing = new Set(
    (await db.selectFrom(owner.table).select('alias').where(owner.column, '=', id).execute()).map(
      (a) => a.alias,
    ),
  );
  const fresh = [...new Set(names)].filter((n) => !existing.has(n));
  if (fresh.length > 0)
    await db
      .insertInto(owner.table)
      .values(fresh.map((alias) => ({ [owner.column]: id, alias }) as never))
      .execute();
}

/**
 * Moves every tie-in, where-to-watch link, external id and alias of work `from` to `into`,
 * then deletes `from`. A tie-in both works have (same song, same role) is kept once.
 */
export async function mergeWorks(
  db: Db,
  from: number,
  into: number,
  names: string[],
): Promise<void> {
  const intoKeys = new Set(
    (
      await db
        .selectFrom('tie_ins')
        .select(['song_id', 'role'])
        .where('work_id', '=', into)
        .execute()
    ).map((t) => `${t.song_id}/${t.role}`),
  );
  for (const t of await db
    .selectFrom('tie_ins')
    .select(['id', 'song_id', 'role'])
    .where('work_id', '=', from)
    .execute()) {
    if (intoKeys.has(`${t.song_id}/${t.role}`))
      await db.deleteFrom('tie_ins').where('id', '=', t.id).execute();
    else await db.updateTable('tie_ins').set({ work_id: into }).where('id', '=', t.id).execute();
  }

  const links = await db.selectFrom('work_links').selectAll().where('work_id', '=', into).execute();
  const urls = new Set(links.map((l) => l.url));
  let position = Math.max(-1, ...links.map((l) => l.position));
  for (const link of await db
    .selectFrom('work_links')
    .selectAll()
    .where('work_id', '=', from)
    .orderBy('position')
    .execute()) {
    if (urls.has(link.url)) continue;
    position += 1;
    await db
      .insertInto('work_links')
      .values({ ...link, work_id: into, position })
      .execute();
  }

  await moveExternalIds(db, 'work', from, into);

  const aliases = await db
    .selectFrom('work_aliases')
    .select('alias')
    .where('work_id', '=', from)
    .execute();
  await addAliases(db, { table: 'work_aliases', column: 'work_id' }, into, [
    ...aliases.map((a) => a.alias),
    ...names,
  ]);
  // Its links and aliases go with it (on delete cascade).
  await db.deleteFrom('works').where('id', '=', from).execute();
}

/** Moves every song and feature tagged `from` to `into`, then deletes `from`. */
export async function mergeTags(db: Db, from: number, into: number): Promise<number[]> {
  const songs = await db.selectFrom('song_tags').selectAll().where('tag_id', '=', from).execute();
  const tagged = new Set(
    (await db.selectFrom('song_tags').select('song_id').where('tag_id', '=', into).execute()).map(
      (r) => r.song_id,
    ),
  );
  const movingSongs = songs.filter((r) => !tagged.has(r.song_id));
  if (movingSongs.length > 0)
    await db
      .insertInto('song_tags')
      .values(movingSongs.map((r) => ({ ...r, tag_id: into })))
      .execute();

  const features = await db
    .selectFrom('feature_tags')
    .selectAll()
    .where('tag_id', '=', from)
    .execute();
  const featured = new Set(
    (
      await db.selectFrom('feature_tags').select('feature_id').where('tag_id', '=', into).execute()
    ).map((r) => r.feature_id),
  );
  const movingFeatures = features.filter((r) => !featured.has(r.feature_id));
  if (movingFeatures.length > 0)
    await db
      .insertInto('feature_tags')
      .values(movingFeatures.map((r) => ({ ...r, tag_id: into })))
      .execute();
  // Its song and feature tags go with it (on delete cascade).
  await db.deleteFrom('tags').where('id', '=', from).execute();
  return features.map((f) => f.feature_id);
}
