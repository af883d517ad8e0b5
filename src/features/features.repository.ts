import type { ExpressionBuilder, Insertable, Kysely } from 'kysely';
import type { Database, EntriesTable, FeaturesTable } from '#src/db/schema.ts';

type Db = Kysely<Database>;

/**
 * Readers see published features, and scheduled ones once their time has come; `now` is
 * passed in (not the database clock) so both databases and the tests agree on it.
 */
export function live(now: string) {
  return (eb: ExpressionBuilder<{ f: Database['features'] }, 'f'>) =>
    eb.or([
      eb('f.status', '=', 'published'),
      eb.and([eb('f.status', '=', 'scheduled'), eb('f.published_at', '<=', now)]),
    ]);
}

export async function insertFeature(db: Db, row: Insertable<FeaturesTable>): Promise<number> {
  const { id } = await db
    .insertInto('features')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertFeatureTexts(
  db: Db,
  rows: Insertable<Database['feature_texts']>[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto('feature_texts').values(rows).execute();
}

export async function insertFeatureTags(
  db: Db,
  featureId: number,
  tagIds: readonly number[],
): Promise<void> {
  if (tagIds.length === 0) return;
  await db
    .insertInto('feature_tags')
    .values(tagIds.map((tag_id) => ({ feature_id: featureId, tag_id })))
    .execute();
}

export async function insertRelated(
  db: Db,
  featureId: number,
  relatedIds: readonly number[],
): Promise<void> {
  if (relatedIds.length === 0) return;
  await db
    .insertInto('feature_related')
    .values(
      relatedIds.map((related_id, position) => ({ feature_id: featureId, related_id, position })),
    )
    .execute();
}

export async function insertEntry(db: Db, row: Insertable<EntriesTable>): Promise<number> {
  const { id } = await db
    .insertInto('entries')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertEntryTexts(
  db: Db,
  rows: Insertable<Database['entry_texts']>[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto('entry_texts').values(rows).execute();
}

export async function idsBySlug(db: Db, slugs: readonly string[]): Promise<Map<string, number>> {
  const unique = [...new Set(slugs)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('features')
    .select(['id', 'slug'])
    .where('slug', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.slug, r.id]));
}

export async function countFeatures(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('features')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * A published feature by slug, with its category, or undefined. With `now` null (an
 * editor's preview), any feature, whatever its status.
 */
export async function findPublished(db: Db, slug: string, now: string | null) {
  return db
    .selectFrom('features as f')
    .leftJoin('categories as c', 'c.id', 'f.category_id')
    .select([
      'f.id',
      'f.slug',
      'f.kind',
      'f.byline',
      'f.published_at',
      'f.updated_at',
      'c.slug as category_slug',
      'c.name_en as category_name_en',
      'c.name_ja as category_name_ja',
      'c.name_zh_hant as category_name_zh_hant',
      'c.name_ko as category_name_ko',
    ])
    .where('f.slug', '=', slug)
    .$if(now !== null, (q) => q.where(live(now as string)))
    .executeTakeFirst();
}

/** The texts readers may see: reviewed languages only, unless an editor previews drafts. */
export async function getTexts(db: Db, featureIds: readonly number[], drafts = false) {
  if (featureIds.length === 0) return [];
  return db
    .selectFrom('feature_texts')
    .selectAll()
    .where('feature_id', 'in', featureIds)
    .$if(!drafts, (q) => q.where('status', '=', 'reviewed'))
    .execute();
}

export async function countEntries(db: Db, featureId: number): Promise<number> {
  const { n } = await db
    .selectFrom('entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('feature_id', '=', featureId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Entries with positions in [from, to], with their commentary in every locale. */
export async function getEntries(db: Db, featureId: number, from: number, to: number) {
  const entries = await db
    .selectFrom('entries')
    .select(['id', 'position', 'song_id', 'added_at'])
    .where('feature_id', '=', featureId)
    .where('position', '>=', from)
    .where('position', '<=', to)
    .orderBy('position')
    .execute();
  const texts =
    entries.length === 0
      ? []
      : await db
          .selectFrom('entry_texts')
          .select(['entry_id', 'locale', 'commentary_html'])
          .where(
            'entry_id',
            'in',
            entries.map((e) => e.id),
          )
          .execute();
  const byEntry = new Map<number, Record<string, string>>();
  for (const t of texts)
    byEntry.set(t.entry_id, { ...byEntry.get(t.entry_id), [t.locale]: t.commentary_html });
  return entries.map((e) => ({ ...e, commentary: byEntry.get(e.id) ?? {} }));
}

export async function getTagIds(db: Db, featureId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('feature_tags')
    .select('tag_id')
    .where('feature_id', '=', featureId)
    .execute();
  return rows.map((r) => r.tag_id);
}

/** Published features the editors linked to this one, in their order. */
export async function getRelated(db: Db, featureId: number, now: string) {
  return db
    .selectFrom('feature_related as r')
    .innerJoin('features as f', 'f.id', 'r.related_id')
    .select(['f.id', 'f.slug'])
    .where('r.feature_id', '=', featureId)
    .where(live(now))
    .orderBy('r.position')
    .execute();
}

export interface FeatureFilter {
  ids?: readonly number[];
  kind?: 'curated' | 'ranking';
  categoryId?: number;
  tagId?: number;
  songId?: number;
}

/** Published features, newest first, optionally only those in a category, with a tag or a song. */
export async function listPublished(db: Db, limit: number, filter: FeatureFilter, now: string) {
  let query = db
    .selectFrom('features as f')
    .select(['f.id', 'f.slug', 'f.kind', 'f.published_at', 'f.updated_at'])
    .where(live(now));
  if (filter.ids !== undefined) {
    if (filter.ids.length === 0) return [];
    query = query.where('f.id', 'in', filter.ids);
  }
  if (filter.kind !== undefined) query = query.where('f.kind', '=', filter.kind);
  if (filter.categoryId !== undefined) query = query.where('f.category_id', '=', filter.categoryId);
  if (filter.tagId !== undefined) {
    const tagId = filter.tagId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('feature_tags as ft')
          .select('ft.feature_id')
          .whereRef('ft.feature_id', '=', 'f.id')
          .where('ft.tag_id', '=', tagId),
      ),
    );
  }
  if (filter.songId !== undefined) {
    const songId = filter.songId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('entries as e')
          .select('e.feature_id')
          .whereRef('e.feature_id', '=', 'f.id')
          .where('e.song_id', '=', songId),
      ),
    );
  }
  return query.orderBy('f.published_at', 'desc').orderBy('f.id', 'desc').limit(limit).execute();
}

/**
 * Up to `limit` published features readers can read (with a reviewed text) after the slug
 * `after` (from the first when null), in slug order, with their entry counts: every feature,
 * a slice at a time, for the sitemap.
 */
export async function listPublishedSlugs(db: Db, after: string | null, limit: number, now: string) {
  let query = db
    .selectFrom('features as f')
    .select([
      'f.slug',
      'f.updated_at',
      (eb) =>
        eb
          .selectFrom('entries as e')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('e.feature_id', '=', 'f.id')
          .as('entry_count'),
    ])
    .where(live(now))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('feature_texts as t')
          .select('t.feature_id')
          .whereRef('t.feature_id', '=', 'f.id')
          .where('t.status', '=', 'reviewed'),
      ),
    );
  if (after !== null) query = query.where('f.slug', '>', after);
  return query.orderBy('f.slug').limit(limit).execute();
}

/** Where a song stands in each published feature that has it. */
export async function positionsOfSong(db: Db, songId: number, now: string) {
  return db
    .selectFrom('entries as e')
    .innerJoin('features as f', 'f.id', 'e.feature_id')
    .select(['e.feature_id', 'e.position'])
    .where('e.song_id', '=', songId)
    .where(live(now))
    .execute();
}

export async function countEntriesFor(
  db: Db,
  featureIds: readonly number[],
): Promise<Map<number, number>> {
  if (featureIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('entries')
    .select(['feature_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('feature_id', 'in', featureIds)
    .groupBy('feature_id')
    .execute();
  return new Map(rows.map((r) => [r.feature_id, Number(r.n)]));
}

export async function clearEntries(db: Db, featureId: number): Promise<void> {
  await db
    .deleteFrom('entry_texts')
    .where(
      'entry_id',
      'in',
      db.selectFrom('entries').select('id').where('feature_id', '=', featureId),
    )
    .execute();
  await db.deleteFrom('entries').where('feature_id', '=', featureId).execute();
}

/** Removes a feature's texts, tags, related links and entries, before they are written anew. */
export async function clearContent(db: Db, featureId: number): Promise<void> {
  await clearEntries(db, featureId);
  await db.deleteFrom('feature_texts').where('feature_id', '=', featureId).execute();
  await db.deleteFrom('feature_tags').where('feature_id', '=', featureId).execute();
  await db.deleteFrom('feature_related').where('feature_id', '=', featureId).execute();
}

/** A feature's precomputed neighbours, best first. */
export async function neighboursOf(db: Db, featureId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('feature_neighbours')
    .select('neighbour_id')
    .where('feature_id', '=', featureId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.neighbour_id);
}

/** Scheduled features that go live after `after`, soonest first. */
export async function scheduledAfter(db: Db, after: string, limit: number) {
  return db
    .selectFrom('features')
    .select(['slug', 'published_at'])
    .where('status', '=', 'scheduled')
    .where('published_at', '>', after)
    .orderBy('published_at')
    .limit(limit)
    .execute();
}
