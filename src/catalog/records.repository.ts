import { sql, type Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { containsPattern } from '#src/shared/sql-like.ts';
import type { ArtistData, NameInput, SongData, TagData, WorkData } from './catalog.schemas.ts';
import { displayName, nameFromRow } from './names.ts';

/** Reads catalog records in the shape they are written in, and finds them for editors. */

type Db = Kysely<Database>;

export const RECORD_KINDS = ['songs', 'artists', 'works', 'tags'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface StoredRecord<T> {
  id: number;
  /** `updated_at` for songs, artists and works; tags carry no version. */
  version: string | null;
  data: T;
}

export interface RecordSummary {
  slug: string;
  label: string;
  detail: string;
  updatedAt: string | null;
}

type NameRow<P extends 'name' | 'title'> = { [K in `${P}_original`]: string } & {
  [K in `${P}_romanized` | `${P}_en` | `${P}_zh_hant` | `${P}_ko`]: string | null;
};

function nameInput<P extends 'name' | 'title'>(row: NameRow<P>, prefix: P): NameInput {
  const name = nameFromRow(row, prefix);
  return {
    original: name.original,
    ...(name.romanized ? { romanized: name.romanized } : {}),
    ...(name.en ? { en: name.en } : {}),
    ...(name.zhHant ? { 'zh-hant': name.zhHant } : {}),
    ...(name.ko ? { ko: name.ko } : {}),
  };
}

function optional<K extends string, V>(key: K, value: V | null): { [P in K]?: V } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: V };
}

export async function readSong(db: Db, slug: string): Promise<StoredRecord<SongData> | null> {
  const row = await db.selectFrom('songs').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!row) return null;
  const [aliases, credits, tieIns, tags, media, original] = await Promise.all([
    db.selectFrom('song_aliases').select('alias').where('song_id', '=', row.id).execute(),
    db
      .selectFrom('song_credits as c')
      .innerJoin('artists as a', 'a.id', 'c.artist_id')
      .leftJoin('artists as ch', 'ch.id', 'c.as_character_id')
      .select(['a.slug as artist', 'c.role', 'ch.slug as as'])
      .where('c.song_id', '=', row.id)
      .orderBy('c.position')
      .execute(),
    db
      .selectFrom('tie_ins as t')
      .innerJoin('works as w', 'w.id', 't.work_id')
      .select(['w.slug as work', 't.role', 't.sequence', 't.season', 't.note'])
      .where('t.song_id', '=', row.id)
      .orderBy('t.id')
      .execute(),
    db
      .selectFrom('song_tags as st')
      .innerJoin('tags as t', 't.id', 'st.tag_id')
      .select('t.slug')
      .where('st.song_id', '=', row.id)
      .orderBy('t.slug')
      .execute(),
    db
      .selectFrom('song_media')
      .select(['provider', 'external_id'])
      .where('song_id', '=', row.id)
      .execute(),
    row.cover_of_id === null
      ? undefined
      : db.selectFrom('songs').select('slug').where('id', '=', row.cover_of_id).executeTakeFirst(),
  ]);
  return {
    id: row.id,
    version: row.updated_at,
    data: {
      slug: row.slug,
      title: nameInput(row, 'title'),
      aliases: aliases.map((a) => a.alias).sort(),
      ...optional('released', row.released_on),
      credits: credits.map((c) => ({
        artist: c.artist,
        role: c.role as SongData['credits'][number]['role'],
        ...optional('as', c.as),
      })),
      ...optional('cover_of', original?.slug ?? null),
      tie_ins: tieIns.map((t) => ({
        work: t.work,
        role: t.role as SongData['tie_ins'][number]['role'],
        ...optional('sequence', t.sequence),
        ...optional('season', t.season),
        ...optional('note', t.note),
      })),
      tags: tags.map((t) => t.slug),
      media: Object.fromEntries(media.map((m) => [m.provider, m.external_id])),
    },
  };
}

export async function readArtist(db: Db, slug: string): Promise<StoredRecord<ArtistData> | null> {
  const row = await db
    .selectFrom('artists')
    .selectAll()
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!row) return null;
  const [aliases, members] = await Promise.all([
    db.selectFrom('artist_aliases').select('alias').where('artist_id', '=', row.id).execute(),
    db
      .selectFrom('artist_members as m')
      .innerJoin('artists as a', 'a.id', 'm.member_id')
      .select('a.slug')
      .where('m.group_id', '=', row.id)
      .orderBy('a.slug')
      .execute(),
  ]);
  return {
    id: row.id,
    version: row.updated_at,
    data: {
      slug: row.slug,
      kind: row.kind as ArtistData['kind'],
      name: nameInput(row, 'name'),
      aliases: aliases.map((a) => a.alias).sort(),
      members: members.map((m) => m.slug),
    },
  };
}

export async function readWork(db: Db, slug: string): Promise<StoredRecord<WorkData> | null> {
  const row = await db.selectFrom('works').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!row) return null;
  const aliases = await db
    .selectFrom('work_aliases')
    .select('alias')
    .where('work_id', '=', row.id)
    .execute();
  return {
    id: row.id,
    version: row.updated_at,
    data: {
      slug: row.slug,
      kind: row.kind as WorkData['kind'],
      title: nameInput(row, 'title'),
      aliases: aliases.map((a) => a.alias).sort(),
      ...optional('year', row.year),
    },
  };
}

export async function readTag(db: Db, slug: string): Promise<StoredRecord<TagData> | null> {
  const row = await db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    version: null,
    data: {
      slug: row.slug,
      kind: row.kind as TagData['kind'],
      name: {
        en: row.label_en,
        ...optional('ja', row.label_ja),
        ...optional('zh-hant', row.label_zh_hant),
        ...optional('ko', row.label_ko),
      },
    },
  };
}

/** How much refers to a record: what a merge or a rename would touch. */
export async function countUses(
  db: Db,
  kind: RecordKind,
  id: number,
): Promise<Record<string, number>> {
  const count = async (
    table: 'entries' | 'song_credits' | 'tie_ins' | 'song_tags' | 'feature_tags',
    column: 'song_id' | 'artist_id' | 'work_id' | 'tag_id',
  ) => {
    const { n } = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(sql.ref(column), '=', id)
      .executeTakeFirstOrThrow();
    return Number(n);
  };
  switch (kind) {
    case 'songs':
      return { entries: await count('entries', 'song_id') };
    case 'artists':
      return { credits: await count('song_credits', 'artist_id') };
    case 'works':
      return { tieIns: await count('tie_ins', 'work_id') };
    case 'tags':
      return {
        songs: await count('song_tags', 'tag_id'),
        features: await count('feature_tags', 'tag_id'),
      };
  }
}

const NAME_COLUMNS = ['original', 'romanized', 'en', 'zh_hant', 'ko'] as const;

/**
 * Records whose slug, names or aliases contain `text` (all records without it), the most
 * recently changed first, labelled in English for the editors' lists.
 */
export async function findRecords(
  db: Db,
  kind: RecordKind,
  text: string,
  limit: number,
): Promise<RecordSummary[]> {
  const pattern = containsPattern(text);
  const like = (column: string) =>
    sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
  if (kind === 'tags') {
    const rows = await db
      .selectFrom('tags')
      .selectAll()
      .$if(text !== '', (q) =>
        q.where((eb) =>
          eb.or(['slug', 'label_en', 'label_ja', 'label_zh_hant', 'label_ko'].map((c) => like(c))),
        ),
      )
      .orderBy('slug')
      .limit(limit)
      .execute();
    return rows.map((t) => ({ slug: t.slug, label: t.label_en, detail: t.kind, updatedAt: null }));
  }
  const [table, prefix, aliases, owner] = {
    songs: ['songs', 'title', 'song_aliases', 'song_id'],
    artists: ['artists', 'name', 'artist_aliases', 'artist_id'],
    works: ['works', 'title', 'work_aliases', 'work_id'],
  }[kind] as ['songs' | 'artists' | 'works', 'title' | 'name', string, string];
  const rows = (await db
    .selectFrom(table)
    .selectAll()
    .$if(text !== '', (q) =>
      q.where((eb) =>
        eb.or([
          like('slug'),
          ...NAME_COLUMNS.map((c) => like(`${prefix}_${c}`)),
          sql<boolean>`exists (select 1 from ${sql.table(aliases)} where ${sql.ref(owner)} = ${sql.ref(`${table}.id`)} and lower(alias) like ${pattern} escape '\\')`,
        ]),
      ),
    )
    .orderBy('updated_at', 'desc')
    .orderBy('slug')
    .limit(limit)
    .execute()) as unknown as ({ id: number; slug: string; updated_at: string } & Record<
    string,
    string | number | null
  >)[];
  const details =
    kind === 'songs'
      ? await firstArtists(
          db,
          rows.map((r) => r.id),
        )
      : new Map();
  return rows.map((r) => ({
    slug: r.slug,
    label: displayName(nameFromRow(r as unknown as NameRow<typeof prefix>, prefix), 'en').text,
    detail:
      kind === 'songs'
        ? (details.get(r.id) ?? '')
        : kind === 'works'
          ? [r.year, r.kind].filter(Boolean).join(' · ')
          : String(r.kind),
    updatedAt: r.updated_at,
  }));
}

async function firstArtists(db: Db, songIds: number[]): Promise<Map<number, string>> {
  if (songIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('song_credits as c')
    .innerJoin('artists as a', 'a.id', 'c.artist_id')
    .selectAll('a')
    .select(['c.song_id', 'c.position'])
    .where('c.song_id', 'in', songIds)
    .orderBy('c.position')
    .execute();
  const first = new Map<number, string>();
  for (const row of rows) {
    if (!first.has(row.song_id))
      first.set(row.song_id, displayName(nameFromRow(row, 'name'), 'en').text);
  }
  return first;
}

export interface RecordLabels {
  artists: Record<string, string>;
  works: Record<string, string>;
  songs: Record<string, string>;
}

/** English display names for the records another record refers to, keyed by slug. */
export async function labelsFor(
  db: Db,
  refs: { artists: string[]; works: string[]; songs: string[] },
): Promise<RecordLabels> {
  const load = async (table: 'artists' | 'works' | 'songs', prefix: 'name' | 'title') => {
    const slugs = [...new Set(refs[table])];
    if (slugs.length === 0) return {};
    const rows = await db.selectFrom(table).selectAll().where('slug', 'in', slugs).execute();
    return Object.fromEntries(
      rows.map((r) => [
        r.slug,
        displayName(nameFromRow(r as unknown as NameRow<typeof prefix>, prefix), 'en').text,
      ]),
    );
  };
  const [artists, works, songs] = await Promise.all([
    load('artists', 'name'),
    load('works', 'title'),
    load('songs', 'title'),
  ]);
  return { artists, works, songs };
}
