import { sql, type Insertable, type Kysely } from 'kysely';
import type {
  ArtistsTable,
  CategoriesTable,
  Database,
  SongCreditsTable,
  SongsTable,
  TagsTable,
  TieInsTable,
  WorksTable,
} from '#src/db/schema.ts';
import { batches } from '#src/db/batches.ts';
import { nameFromRow, type Labels, type Name } from './names.ts';

type Db = Kysely<Database>;
type SluggedTable = 'artists' | 'works' | 'songs' | 'tags' | 'categories';

export async function insertArtist(db: Db, row: Insertable<ArtistsTable>): Promise<number> {
  const { id } = await db
    .insertInto('artists')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertWork(db: Db, row: Insertable<WorksTable>): Promise<number> {
  const { id } = await db.insertInto('works').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertSong(db: Db, row: Insertable<SongsTable>): Promise<number> {
  const { id } = await db.insertInto('songs').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertTag(db: Db, row: Insertable<TagsTable>): Promise<number> {
  const { id } = await db.insertInto('tags').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertCategory(db: Db, row: Insertable<CategoriesTable>): Promise<number> {
  const { id } = await db
    .insertInto('categories')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertAliases(
  db: Db,
  owner:
    | { table: 'artist_aliases'; column: 'artist_id' }
    | { table: 'work_aliases'; column: 'work_id' }
    | {
        table: 'song_aliases';
        column: 'song_id';
      },
  id: number,
  aliases: readonly string[],
): Promise<void> {
  const unique = [...new Set(aliases)];
  if (unique.length === 0) return;
  await db
    .insertInto(owner.table)
    .values(unique.map((alias) => ({ [owner.column]: id, alias }) as never))
    .execute();
}

/** Replaces a record's aliases with `aliases`. */
export async function replaceAliases(
  db: Db,
  owner: Parameters<typeof insertAliases>[1],
  id: number,
  aliases: readonly string[],
): Promise<void> {
  await db.deleteFrom(owner.table).where(sql.ref(owner.column), '=', id).execute();
  await insertAliases(db, owner, id, aliases);
}

export async function insertMembers(
  db: Db,
  groupId: number,
  memberIds: readonly number[],
): Promise<void> {
  if (memberIds.length === 0) return;
  await db
    .insertInto('artist_members')
    .values(memberIds.map((member_id) => ({ group_id: groupId, member_id })))
    .execute();
}

export async function insertCredits(db: Db, rows: Insertable<SongCreditsTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('song_credits').values(rows).execute();
}

export async function insertTieIns(db: Db, rows: Insertable<TieInsTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('tie_ins').values(rows).execute();
}

export async function insertSongTags(
  db: Db,
  songId: number,
  tagIds: readonly number[],
): Promise<void> {
  if (tagIds.length === 0) return;
  await db
    .insertInto('song_tags')
    .values(tagIds.map((tag_id) => ({ song_id: songId, tag_id, weight: 1 })))
    .execute();
}

export async function insertSongMedia(
  db: Db,
  songId: number,
  media: readonly { provider: string; externalId: string }[],
): Promise<void> {
  if (media.length === 0) return;
  await db
    .insertInto('song_media')
    .values(
      media.map((m) => ({ song_id: songId, provider: m.provider, external_id: m.externalId })),
    )
    .execute();
}

export async function setCoverOf(db: Db, songId: number, originalId: number): Promise<void> {
  await db.updateTable('songs').set({ cover_of_id: originalId }).where('id', '=', songId).execute();
}

/** Looks up ids by slug; slugs that do not exist are absent from the map. */
export async function idsBySlug(
  db: Db,
  table: SluggedTable,
  slugs: readonly string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const batch of batches([...new Set(slugs)])) {
    const rows = await db
      .selectFrom(table)
      .select(['id', 'slug'])
      .where('slug', 'in', batch)
      .execute();
    for (const r of rows) found.set(r.slug, r.id);
  }
  return found;
}

export async function countRows(db: Db, table: SluggedTable): Promise<number> {
  const { n } = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export interface ArtistRef {
  slug: string;
  kind: string;
  name: Name;
}

export interface Credit {
  role: string;
  artist: ArtistRef;
  asCharacter: ArtistRef | null;
}

export interface TieIn {
  role: string;
  sequence: number | null;
  season: string | null;
  note: string | null;
  work: { slug: string; kind: string; title: Name; year: number | null };
}

/** Everything a page needs to show one song in a list. */
export interface SongCard {
  id: number;
  slug: string;
  title: Name;
  releasedOn: string | null;
  credits: Credit[];
  tieIns: TieIn[];
  media: Record<string, string>;
  coverOf: { slug: string; title: Name } | null;
}

/** Loads song cards for many songs in a fixed number of queries, in the order of `ids`. */
export async function getSongCards(db: Db, ids: readonly number[]): Promise<SongCard[]> {
  if (ids.length === 0) return [];
  const [songs, credits, tieIns, media] = await Promise.all([
    db
      .selectFrom('songs as s')
      .leftJoin('songs as o', 'o.id', 's.cover_of_id')
      .select([
        's.id',
        's.slug',
        's.title_original',
        's.title_romanized',
        's.title_en',
        's.title_zh_hant',
        's.title_ko',
        's.released_on',
        'o.slug as cover_slug',
        'o.title_original as cover_title_original',
        'o.title_romanized as cover_title_romanized',
        'o.title_en as cover_title_en',
        'o.title_zh_hant as cover_title_zh_hant',
        'o.title_ko as cover_title_ko',
      ])
      .where('s.id', 'in', ids)
      .execute(),
    db
      .selectFrom('song_credits as c')
      .innerJoin('artists as a', 'a.id', 'c.artist_id')
      .leftJoin('artists as ch', 'ch.id', 'c.as_character_id')
      .select([
        'c.song_id',
        'c.role',
        'a.slug',
        'a.kind',
        'a.name_original',
        'a.name_romanized',
        'a.name_en',
        'a.name_zh_hant',
        'a.name_ko',
        'ch.slug as ch_slug',
        'ch.kind as ch_kind',
        'ch.name_original as ch_name_original',
        'ch.name_romanized as ch_name_romanized',
        'ch.name_en as ch_name_en',
        'ch.name_zh_hant as ch_name_zh_hant',
        'ch.name_ko as ch_name_ko',
      ])
      .where('c.song_id', 'in', ids)
      .orderBy('c.song_id')
      .orderBy('c.position')
      .execute(),
    db
      .selectFrom('tie_ins as t')
      .innerJoin('works as w', 'w.id', 't.work_id')
      .select([
        't.song_id',
        't.role',
        't.sequence',
        't.season',
        't.note',
        'w.slug',
        'w.kind',
        'w.year',
        'w.title_original',
        'w.title_romanized',
        'w.title_en',
        'w.title_zh_hant',
        'w.title_ko',
      ])
      .where('t.song_id', 'in', ids)
      .orderBy('t.song_id')
      .orderBy('w.year')
      .orderBy('t.id')
      .execute(),
    db.selectFrom('song_media').selectAll().where('song_id', 'in', ids).execute(),
  ]);

  const cards = new Map<number, SongCard>();
  for (const s of songs) {
    cards.set(s.id, {
      id: s.id,
      slug: s.slug,
      title: nameFromRow(s, 'title'),
      releasedOn: s.released_on,
      credits: [],
      tieIns: [],
      media: {},
      coverOf:
        s.cover_slug && s.cover_title_original
          ? {
              slug: s.cover_slug,
              title: nameFromRow(
                { ...s, cover_title_original: s.cover_title_original },
                'cover_title',
              ),
            }
          : null,
    });
  }
  for (const c of credits) {
    cards.get(c.song_id)?.credits.push({
      role: c.role,
      artist: { slug: c.slug, kind: c.kind, name: nameFromRow(c, 'name') },
      asCharacter:
        c.ch_slug && c.ch_kind && c.ch_name_original
          ? {
              slug: c.ch_slug,
              kind: c.ch_kind,
              name: nameFromRow({ ...c, ch_name_original: c.ch_name_original }, 'ch_name'),
            }
          : null,
    });
  }
  for (const t of tieIns) {
    cards.get(t.song_id)?.tieIns.push({
      role: t.role,
      sequence: t.sequence,
      season: t.season,
      note: t.note,
      work: { slug: t.slug, kind: t.kind, title: nameFromRow(t, 'title'), year: t.year },
    });
  }
  for (const m of media) {
    const card = cards.get(m.song_id);
    if (card) card.media[m.provider] = m.external_id;
  }
  return ids.flatMap((id) => cards.get(id) ?? []);
}

export async function getTagLabels(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, { slug: string; kind: string; labels: Labels }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('tags').selectAll().where('id', 'in', ids).execute();
  return new Map(
    rows.map((t) => [
      t.id,
      {
        slug: t.slug,
        kind: t.kind,
        labels: { en: t.label_en, ja: t.label_ja, zhHant: t.label_zh_hant, ko: t.label_ko },
      },
    ]),
  );
}
