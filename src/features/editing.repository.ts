import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, FeaturesTable } from '#src/db/schema.ts';
import { live } from './features.repository.ts';

type Db = Kysely<Database>;

/** A feature in any status. */
export async function findBySlug(db: Db, slug: string) {
  return db.selectFrom('features').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function updateFeature(
  db: Db,
  id: number,
  values: Updateable<FeaturesTable>,
): Promise<void> {
  await db.updateTable('features').set(values).where('id', '=', id).execute();
}

/** The songs a feature lists. */
export async function songIdsOf(db: Db, featureId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('entries')
    .select('song_id')
    .distinct()
    .where('feature_id', '=', featureId)
    .execute();
  return rows.map((r) => r.song_id);
}

/**
 * Takes the next revision number if `revision` is still the latest; false when another save
 * took it first. Concurrent saves on PostgreSQL wait here for each other, so only one wins.
 */
export async function claimRevision(db: Db, id: number, revision: number): Promise<boolean> {
  const result = await db
    .updateTable('features')
    .set({ revision: revision + 1 })
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Everything an editor edits, as written (Markdown, not HTML), every language and status. */
export async function getEditableContent(db: Db, featureId: number) {
  const [texts, tags, related, category, entries] = await Promise.all([
    db
      .selectFrom('feature_texts')
      .select(['locale', 'title', 'lead_md', 'closing_md', 'status'])
      .where('feature_id', '=', featureId)
      .execute(),
    db
      .selectFrom('feature_tags as ft')
      .innerJoin('tags as t', 't.id', 'ft.tag_id')
      .select('t.slug')
      .where('ft.feature_id', '=', featureId)
      .orderBy('t.slug')
      .execute(),
    db
      .selectFrom('feature_related as r')
      .innerJoin('features as f', 'f.id', 'r.related_id')
      .select('f.slug')
      .where('r.feature_id', '=', featureId)
      .orderBy('r.position')
      .execute(),
    db
      .selectFrom('features as f')
      .innerJoin('categories as c', 'c.id', 'f.category_id')
      .select('c.slug')
      .where('f.id', '=', featureId)
      .executeTakeFirst(),
    db
      .selectFrom('entries as e')
      .innerJoin('songs as s', 's.id', 'e.song_id')
      .select(['e.id', 'e.song_id', 's.slug', 'e.added_at'])
      .where('e.feature_id', '=', featureId)
      .orderBy('e.position')
      .execute(),
  ]);
  const commentary =
    entries.length === 0
      ? []
      : await db
          .selectFrom('entry_texts')
          .select(['entry_id', 'locale', 'commentary_md'])
          .where(
            'entry_id',
            'in',
            entries.map((e) => e.id),
          )
          .execute();
  return {
    texts,
    tags: tags.map((t) => t.slug),
    related: related.map((r) => r.slug),
    category: category?.slug,
    entries,
    commentary,
  };
}

export async function insertRevision(
  db: Db,
  row: Insertable<Database['feature_revisions']>,
): Promise<void> {
  await db.insertInto('feature_revisions').values(row).execute();
}

export async function listRevisions(db: Db, featureId: number) {
  return db
    .selectFrom('feature_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.revision', 'r.created_at', 'u.display_name', 'u.email'])
    .where('r.feature_id', '=', featureId)
    .orderBy('r.revision', 'desc')
    .execute();
}

export async function getRevision(db: Db, featureId: number, revision: number) {
  return db
    .selectFrom('feature_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.revision', 'r.created_at', 'r.snapshot', 'u.display_name', 'u.email'])
    .where('r.feature_id', '=', featureId)
    .where('r.revision', '=', revision)
    .executeTakeFirst();
}

/** Keeps an old address working after a published feature is renamed. */
export async function addRedirect(db: Db, oldSlug: string, featureId: number): Promise<void> {
  await db.deleteFrom('feature_redirects').where('old_slug', '=', oldSlug).execute();
  await db
    .insertInto('feature_redirects')
    .values({ old_slug: oldSlug, feature_id: featureId })
    .execute();
}

/** The old slugs that lead to a feature. */
export async function redirectsTo(db: Db, featureId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('feature_redirects')
    .select('old_slug')
    .where('feature_id', '=', featureId)
    .execute();
  return rows.map((r) => r.old_slug);
}

export async function removeRedirect(db: Db, slug: string): Promise<void> {
  await db.deleteFrom('feature_redirects').where('old_slug', '=', slug).execute();
}

/**
 * The current slug of a feature once known as `oldSlug`, while readers may see it: an
 * unpublished feature has no address at all, old ones included.
 */
export async function findRedirect(
  db: Db,
  oldSlug: string,
  now: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('feature_redirects as r')
    .innerJoin('features as f', 'f.id', 'r.feature_id')
    .select('f.slug')
    .where('r.old_slug', '=', oldSlug)
    .where(live(now))
    .executeTakeFirst();
  return row?.slug;
}

/** The newest features for the editors' list, with every language's title and status. */
export async function listForEditors(db: Db, limit: number) {
  const features = await db
    .selectFrom('features')
    .select(['id', 'slug', 'kind', 'status', 'revision', 'published_at', 'updated_at'])
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const texts =
    features.length === 0
      ? []
      : await db
          .selectFrom('feature_texts')
          .select(['feature_id', 'locale', 'title', 'status'])
          .where(
            'feature_id',
            'in',
            features.map((f) => f.id),
          )
          .execute();
  return { features, texts };
}
