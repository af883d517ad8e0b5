import { sql, type Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { nameFromRow, type Labels, type Name } from './names.ts';
import type { ArtistRef } from './catalog.repository.ts';

type Db = Kysely<Database>;

export interface TagRef {
  slug: string;
  kind: string;
  labels: Labels;
}

export interface SongDetailsRow {
  id: number;
  slug: string;
  aliases: string[];
  tags: TagRef[];
  tieInNotes: (string | null)[];
  covers: { id: number }[];
}

/*
 * These reads are for readers: songs, artists and works still waiting for an editor
 * (`reviewed` 0) are left out everywhere, as if they did not exist yet.
 */

export async function findSongId(db: Db, slug: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('songs')
    .select('id')
    .where('slug', '=', slug)
    .where('reviewed', '=', 1)
    .executeTakeFirst();
  return row?.id;
}

export async function getAliases(
  db: Db,
  owner: 'song' | 'artist' | 'work',
  id: number,
): Promise<string[]> {
  const rows =
    owner === 'song'
      ? await db.selectFrom('song_aliases').select('alias').where('song_id', '=', id).execute()
      : owner === 'artist'
        ? await db
            .selectFrom('artist_aliases')
            .select('alias')
            .where('artist_id', '=', id)
            .execute()
        : await db.selectFrom('work_aliases').select('alias').where('work_id', '=', id).execute();
  return rows.map((r) => r.alias);
}

export async function getSongTags(db: Db, songId: number): Promise<TagRef[]> {
  const rows = await db
    .selectFrom('song_tags as st')
    .innerJoin('tags as t', 't.id', 'st.tag_id')
    .select(['t.slug', 't.kind', 't.label_en', 't.label_ja', 't.label_zh_hant', 't.label_ko'])
    .where('st.song_id', '=', songId)
    .orderBy('st.weight', 'desc')
    .orderBy('t.slug')
    .execute();
  return rows.map((t) => ({
    slug: t.slug,
    kind: t.kind,
    labels: { en: t.label_en, ja: t.label_ja, zhHant: t.label_zh_hant, ko: t.label_ko },
  }));
}

/** Songs that are covers of `songId`. */
export async function getCoverIds(db: Db, songId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('songs')
    .select('id')
    .where('cover_of_id', '=', songId)
    .where('reviewed', '=', 1)
    .orderBy('released_on')
    .limit(50)
    .execute();
  return rows.map((r) => r.id);
}

export async function findArtist(db: Db, slug: string) {
  return db
    .selectFrom('artists')
    .selectAll()
    .where('slug', '=', slug)
    .where('reviewed', '=', 1)
    .executeTakeFirst();
}

function toRef(row: {
  slug: string;
  kind: string;
  name_original: string;
  name_romanized: string | null;
  name_en: string | null;
  name_zh_hant: string | null;
  name_ko: string | null;
}): ArtistRef {
  return { slug: row.slug, kind: row.kind, name: nameFromRow(row, 'name') };
}

/** Members of a group, and the groups an artist belongs to. */
export async function getMembership(
  db: Db,
  artistId: number,
): Promise<{ members: ArtistRef[]; memberOf: ArtistRef[] }> {
  const [members, memberOf] = await Promise.all([
    db
      .selectFrom('artist_members as m')
      .innerJoin('artists as a', 'a.id', 'm.member_id')
      .selectAll('a')
      .where('m.group_id', '=', artistId)
      .where('a.reviewed', '=', 1)
      .orderBy('a.name_original')
      .execute(),
    db
      .selectFrom('artist_members as m')
      .innerJoin('artists as a', 'a.id', 'm.group_id')
      .selectAll('a')
      .where('m.member_id', '=', artistId)
      .where('a.reviewed', '=', 1)
      .orderBy('a.name_original')
      .execute(),
  ]);
  return { members: members.map(toRef), memberOf: memberOf.map(toRef) };
}

/** Songs an artist is credited on (in any role, or sung as this character), newest first. */
export async function getArtistSongIds(db: Db, artistId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('song_credits as c')
    .innerJoin('songs as s', 's.id', 'c.song_id')
    .select(['s.id', 's.released_on'])
    .where((eb) =>
      eb.or([eb('c.artist_id', '=', artistId), eb('c.as_character_id', '=', artistId)]),
    )
    .where('s.reviewed', '=', 1)
    .groupBy(['s.id', 's.released_on'])
    .orderBy(sql`coalesce(s.released_on, '')`, 'desc')
    .orderBy('s.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function findWork(db: Db, slug: string) {
  return db
    .selectFrom('works')
    .selectAll()
    .where('slug', '=', slug)
    .where('reviewed', '=', 1)
    .executeTakeFirst();
}

export async function getWorkLinks(db: Db, workId: number) {
  return db
    .selectFrom('work_links')
    .selectAll()
    .where('work_id', '=', workId)
    .orderBy('position')
    .execute();
}

export async function getWorkExternalIds(db: Db, workId: number) {
  return db
    .selectFrom('work_external_ids')
    .select(['source', 'external_id'])
    .where('work_id', '=', workId)
    .execute();
}

const ROLE_ORDER = sql<number>`case t.role when 'opening' then 0 when 'ending' then 1 when 'insert' then 2 when 'theme' then 3 else 4 end`;

/** A work's songs by role (openings first) and sequence. */
export async function getWorkTieIns(db: Db, workId: number, limit: number) {
  return db
    .selectFrom('tie_ins as t')
    .innerJoin('songs as s', 's.id', 't.song_id')
    .select(['t.song_id', 't.role', 't.sequence', 't.season', 't.note'])
    .where('t.work_id', '=', workId)
    .where('s.reviewed', '=', 1)
    .orderBy(ROLE_ORDER)
    .orderBy(sql`coalesce(t.sequence, 999)`)
    .orderBy('t.id')
    .limit(limit)
    .execute();
}

export async function findTag(db: Db, slug: string) {
  return db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** The songs carrying a tag, heaviest weight first. */
export async function getTaggedSongIds(db: Db, tagId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('song_tags as st')
    .innerJoin('songs as s', 's.id', 'st.song_id')
    .select('st.song_id')
    .where('st.tag_id', '=', tagId)
    .where('s.reviewed', '=', 1)
    .orderBy('st.weight', 'desc')
    .orderBy('st.song_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.song_id);
}

export async function listTags(db: Db) {
  return db.selectFrom('tags').selectAll().orderBy('kind').orderBy('slug').execute();
}

export async function listCategories(db: Db) {
  return db.selectFrom('categories').selectAll().orderBy('position').orderBy('slug').execute();
}

export async function findCategory(db: Db, slug: string) {
  return db.selectFrom('categories').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export type { Name };

type SlugTable = 'songs' | 'artists' | 'works';

/**
 * Up to `limit` slugs of songs, artists or works from `from` on (all when null), in slug
 * order: a large catalog is read a slice at a time, each slice starting where the last ended.
 */
export async function slugsFrom(
  db: Db,
  table: SlugTable,
  from: string | null,
  limit: number,
): Promise<string[]> {
  // A writer's record is public once an editor has accepted it.
  let query = db.selectFrom(table).select('slug').where('reviewed', '=', 1);
  if (from !== null) query = query.where('slug', '>=', from);
  const rows = await query.orderBy('slug').limit(limit).execute();
  return rows.map((r) => r.slug);
}

/**
 * The slug `skip` places after `from` (the first slug when null) in slug order, if there is
 * one: where each sitemap file starts, found through the slug index without reading the slugs
 * in between.
 */
export async function slugAfter(
  db: Db,
  table: SlugTable,
  from: string | null,
  skip: number,
): Promise<string | undefined> {
  let query = db.selectFrom(table).select('slug').where('reviewed', '=', 1);
  if (from !== null) query = query.where('slug', '>=', from);
  const row = await query.orderBy('slug').limit(1).offset(skip).executeTakeFirst();
  return row?.slug;
}
