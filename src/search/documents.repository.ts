import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';

/**
 * Reads what the search index holds about songs, artists, works, features and tags: their
 * names in every script and how popular they are. Each function takes ids and reads them
 * in a fixed number of queries.
 */

type Db = Kysely<Database>;

export type SearchKind = 'song' | 'artist' | 'work' | 'feature' | 'tag';

export interface RawName {
  field: string;
  value: string;
}

export interface SearchDocument {
  kind: SearchKind;
  entityId: number;
  slug: string;
  popularity: number;
  liveFrom: string | null;
  /** People's names, whose Latin form is written in either order. */
  person: boolean;
  names: RawName[];
}

const NAME_FIELDS = [
  ['original', 'original'],
  ['romanized', 'romanized'],
  ['en', 'en'],
  ['zh_hant', 'zh-hant'],
  ['ko', 'ko'],
] as const;

function namesOf(row: Record<string, unknown>, prefix: string, field?: string): RawName[] {
  return NAME_FIELDS.flatMap(([column, name]) => {
    const value = row[`${prefix}_${column}`];
    return typeof value === 'string' && value ? [{ field: field ?? name, value }] : [];
  });
}

function grouped<T extends Record<K, number>, K extends string>(rows: T[], key: K) {
  const map = new Map<number, T[]>();
  for (const row of rows) map.set(row[key], [...(map.get(row[key]) ?? []), row]);
  return map;
}

const PEOPLE = new Set(['person', 'character']);

/** Readers find a song, artist or work once an editor has let it through, never before. */
const liveFromOf = (row: { reviewed: number }) => (row.reviewed === 1 ? '' : null);

export async function songDocuments(db: Db, ids: readonly number[]): Promise<SearchDocument[]> {
  if (ids.length === 0) return [];
  const [songs, aliases, credits, appearances] = await Promise.all([
    db.selectFrom('songs').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('song_aliases').selectAll().where('song_id', 'in', ids).execute(),
    db
      .selectFrom('song_credits as c')
      .innerJoin('artists as a', 'a.id', 'c.artist_id')
      .select(['c.song_id', 'a.name_original', 'a.name_romanized', 'a.name_en', 'a.kind'])
      .where('c.song_id', 'in', ids)
      .execute(),
    db
      .selectFrom('entries as e')
      .innerJoin('features as f', 'f.id', 'e.feature_id')
      .select(['e.song_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('e.song_id', 'in', ids)
      // Chosen by editors: a ranking lists what readers played, not a choice.
      .where('f.kind', '=', 'curated')
      .where('f.status', 'in', ['published', 'scheduled'])
      .groupBy('e.song_id')
      .execute(),
  ]);
  const aliasesOf = grouped(aliases, 'song_id');
  const creditsOf = grouped(credits, 'song_id');
  const count = new Map(appearances.map((a) => [a.song_id, Number(a.n)]));
  return songs.map((s) => ({
    kind: 'song',
    entityId: s.id,
    slug: s.slug,
    popularity: count.get(s.id) ?? 0,
    liveFrom: liveFromOf(s),
    person: false,
    names: [
      ...namesOf(s, 'title'),
      ...(aliasesOf.get(s.id) ?? []).map((a) => ({ field: 'alias', value: a.alias })),
      ...(creditsOf.get(s.id) ?? []).flatMap((c) => namesOf(c, 'name', 'artist')),
    ],
  }));
}

export async function artistDocuments(db: Db, ids: readonly number[]): Promise<SearchDocument[]> {
  if (ids.length === 0) return [];
  const [artists, aliases, credits] = await Promise.all([
    db.selectFrom('artists').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('artist_aliases').selectAll().where('artist_id', 'in', ids).execute(),
    db
      .selectFrom('song_credits')
      .select(['artist_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('artist_id', 'in', ids)
      .groupBy('artist_id')
      .execute(),
  ]);
  const aliasesOf = grouped(aliases, 'artist_id');
  const count = new Map(credits.map((c) => [c.artist_id, Number(c.n)]));
  return artists.map((a) => ({
    kind: 'artist',
    entityId: a.id,
    slug: a.slug,
    popularity: count.get(a.id) ?? 0,
    liveFrom: liveFromOf(a),
    person: PEOPLE.has(a.kind),
    names: [
      ...namesOf(a, 'name'),
      ...(aliasesOf.get(a.id) ?? []).map((x) => ({ field: 'alias', value: x.alias })),
    ],
  }));
}

export async function workDocuments(db: Db, ids: readonly number[]): Promise<SearchDocument[]> {
  if (ids.length === 0) return [];
  const [works, aliases, tieIns] = await Promise.all([
    db.selectFrom('works').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('work_aliases').selectAll().where('work_id', 'in', ids).execute(),
    db
      .selectFrom('tie_ins')
      .select(['work_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('work_id', 'in', ids)
      .groupBy('work_id')
      .execute(),
  ]);
  const aliasesOf = grouped(aliases, 'work_id');
  const count = new Map(tieIns.map((t) => [t.work_id, Number(t.n)]));
  return works.map((w) => ({
    kind: 'work',
    entityId: w.id,
    slug: w.slug,
    popularity: count.get(w.id) ?? 0,
    liveFrom: liveFromOf(w),
    person: false,
    names: [
      ...namesOf(w, 'title'),
      ...(aliasesOf.get(w.id) ?? []).map((x) => ({ field: 'alias', value: x.alias })),
    ],
  }));
}

/** Features are found only once live, and only by the titles of their reviewed languages. */
export async function featureDocuments(db: Db, ids: readonly number[]): Promise<SearchDocument[]> {
  if (ids.length === 0) return [];
  const [features, texts, entries] = await Promise.all([
    db.selectFrom('features').selectAll().where('id', 'in', ids).execute(),
    db
      .selectFrom('feature_texts')
      .select(['feature_id', 'locale', 'title'])
      .where('feature_id', 'in', ids)
      .where('status', '=', 'reviewed')
      .execute(),
    db
      .selectFrom('entries')
      .select(['feature_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('feature_id', 'in', ids)
      .groupBy('feature_id')
      .execute(),
  ]);
  const textsOf = grouped(texts, 'feature_id');
  const count = new Map(entries.map((e) => [e.feature_id, Number(e.n)]));
  return features.map((f) => ({
    kind: 'feature',
    entityId: f.id,
    slug: f.slug,
    popularity: count.get(f.id) ?? 0,
    liveFrom:
      f.status === 'published' ? '' : f.status === 'scheduled' ? (f.published_at ?? null) : null,
    person: false,
    names: (textsOf.get(f.id) ?? []).map((t) => ({ field: t.locale, value: t.title })),
  }));
}

export async function tagDocuments(db: Db, ids: readonly number[]): Promise<SearchDocument[]> {
  if (ids.length === 0) return [];
  const [tags, songs] = await Promise.all([
    db.selectFrom('tags').selectAll().where('id', 'in', ids).execute(),
    db
      .selectFrom('song_tags')
      .select(['tag_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tag_id', 'in', ids)
      .groupBy('tag_id')
      .execute(),
  ]);
  const count = new Map(songs.map((s) => [s.tag_id, Number(s.n)]));
  return tags.map((t) => ({
    kind: 'tag',
    entityId: t.id,
    slug: t.slug,
    popularity: count.get(t.id) ?? 0,
    liveFrom: '',
    person: false,
    names: (['en', 'ja', 'zh_hant', 'ko'] as const).flatMap((l) => {
      const value = t[`label_${l}`];
      return value ? [{ field: l.replace('_', '-'), value }] : [];
    }),
  }));
}

export const DOCUMENTS = {
  song: songDocuments,
  artist: artistDocuments,
  work: workDocuments,
  feature: featureDocuments,
  tag: tagDocuments,
} as const;

const TABLES = {
  song: 'songs',
  artist: 'artists',
  work: 'works',
  feature: 'features',
  tag: 'tags',
} as const;

/** Ids by slug for one kind; slugs that no longer exist are absent. */
export async function idsOf(
  db: Db,
  kind: SearchKind,
  slugs: readonly string[],
): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const rows = await db
    .selectFrom(TABLES[kind])
    .select(['id', 'slug'])
    .where('slug', 'in', [...new Set(slugs)])
    .execute();
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/** Every id of one kind, in pages, for a full rebuild. */
export async function allIds(db: Db, kind: SearchKind, after: number, limit: number) {
  const rows = await db
    .selectFrom(TABLES[kind])
    .select('id')
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Songs whose documents carry these artists' names, or count these features. */
export async function songsAffectedBy(
  db: Db,
  kind: 'artist' | 'feature',
  ids: readonly number[],
): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows =
    kind === 'artist'
      ? await db
          .selectFrom('song_credits')
          .select('song_id')
          .distinct()
          .where('artist_id', 'in', ids)
          .execute()
      : await db
          .selectFrom('entries')
          .select('song_id')
          .distinct()
          .where('feature_id', 'in', ids)
          .execute();
  return rows.map((r) => r.song_id);
}

/**
 * Removes the entries (and their names) of things by slug or by id: before they are written
 * again, or once they no longer exist (merged away, deleted).
 */
export async function removeEntries(
  db: Db,
  kind: SearchKind,
  by: 'slug' | 'entity_id',
  keys: readonly (string | number)[],
) {
  if (keys.length === 0) return;
  const entries = db
    .selectFrom('search_entries')
    .select('id')
    .where('kind', '=', kind)
    .where(by, 'in', keys as never);
  await db.deleteFrom('search_names').where('entry_id', 'in', entries).execute();
  await db
    .deleteFrom('search_entries')
    .where('kind', '=', kind)
    .where(by, 'in', keys as never)
    .execute();
}
