import type { Insertable, Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { live } from './features.repository.ts';

type Db = Kysely<Database>;

export interface RankingDefinition {
  featureId: number;
  slug: string;
  categoryId: number | null;
  tagIds: number[];
  period: string;
  size: number;
}

export async function writeDefinition(
  db: Db,
  featureId: number,
  definition: {
    categoryId: number | null;
    tagIds: readonly number[];
    period: string;
    size: number;
  },
): Promise<void> {
  await db
    .insertInto('feature_rankings')
    .values({
      feature_id: featureId,
      category_id: definition.categoryId,
      period: definition.period,
      size: definition.size,
    })
    .onConflict((oc) =>
      oc.column('feature_id').doUpdateSet({
        category_id: definition.categoryId,
        period: definition.period,
        size: definition.size,
      }),
    )
    .execute();
  await db.deleteFrom('feature_ranking_tags').where('feature_id', '=', featureId).execute();
  if (definition.tagIds.length > 0)
    await db
      .insertInto('feature_ranking_tags')
      .values(definition.tagIds.map((tag_id) => ({ feature_id: featureId, tag_id })))
      .execute();
}

/** Forgets that a feature was a ranking (it became a curated one). */
export async function removeRanking(db: Db, featureId: number): Promise<void> {
  for (const table of [
    'ranking_notes',
    'ranking_standings',
    'feature_ranking_tags',
    'feature_rankings',
  ] as const)
    await db.deleteFrom(table).where('feature_id', '=', featureId).execute();
}

export async function replaceNotes(
  db: Db,
  featureId: number,
  rows: Insertable<Database['ranking_notes']>[],
): Promise<void> {
  await db.deleteFrom('ranking_notes').where('feature_id', '=', featureId).execute();
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('ranking_notes')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Every ranking, or the one with `slug`, in slug order. */
export async function listDefinitions(db: Db, slug?: string): Promise<RankingDefinition[]> {
  const rows = await db
    .selectFrom('feature_rankings as r')
    .innerJoin('features as f', 'f.id', 'r.feature_id')
    .select(['r.feature_id', 'f.slug', 'r.category_id', 'r.period', 'r.size'])
    .where('f.kind', '=', 'ranking')
    .$if(slug !== undefined, (q) => q.where('f.slug', '=', slug as string))
    .orderBy('f.slug')
    .execute();
  if (rows.length === 0) return [];
  const tags = await db
    .selectFrom('feature_ranking_tags')
    .select(['feature_id', 'tag_id'])
    .where(
      'feature_id',
      'in',
      rows.map((r) => r.feature_id),
    )
    .orderBy('tag_id')
    .execute();
  return rows.map((r) => ({
    featureId: r.feature_id,
    slug: r.slug,
    categoryId: r.category_id,
    tagIds: tags.filter((t) => t.feature_id === r.feature_id).map((t) => t.tag_id),
    period: r.period,
    size: r.size,
  }));
}

/** The editors' notes, song by song in the order they were written. */
export async function getNotes(db: Db, featureId: number) {
  return db
    .selectFrom('ranking_notes as n')
    .innerJoin('songs as s', 's.id', 'n.song_id')
    .select([
      'n.song_id',
      's.slug',
      'n.position',
      'n.locale',
      'n.commentary_md',
      'n.commentary_html',
    ])
    .where('n.feature_id', '=', featureId)
    .orderBy('n.position')
    .execute();
}

export interface Standing {
  songId: number;
  rank: number;
  plays: number;
  days: number;
  previousRank: number | null;
  /** Plays a day in each step of the period. */
  trend: number[];
}

export interface RankingBounds {
  refreshedAt: string;
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
}

/** Replaces a ranking's standings and records the bounds they were computed for. */
export async function saveStandings(
  db: Db,
  featureId: number,
  standings: readonly Standing[],
  bounds: RankingBounds,
): Promise<void> {
  await db.deleteFrom('ranking_standings').where('feature_id', '=', featureId).execute();
  if (standings.length > 0)
    await db
      .insertInto('ranking_standings')
      .values(
        standings.map((s) => ({
          feature_id: featureId,
          song_id: s.songId,
          rank: s.rank,
          plays: s.plays,
          days: s.days,
          previous_rank: s.previousRank,
          trend: s.trend.join(','),
        })),
      )
      .execute();
  await db
    .updateTable('feature_rankings')
    .set({
      refreshed_at: bounds.refreshedAt,
      period_from: bounds.from,
      period_to: bounds.to,
      previous_from: bounds.previousFrom,
      previous_to: bounds.previousTo,
    })
    .where('feature_id', '=', featureId)
    .execute();
}

/** The ranked songs in rank order. */
export async function rankedSongs(db: Db, featureId: number) {
  return db
    .selectFrom('ranking_standings as r')
    .innerJoin('songs as s', 's.id', 'r.song_id')
    .select(['s.id', 's.slug'])
    .where('r.feature_id', '=', featureId)
    .orderBy('r.rank')
    .execute();
}

/** A ranking's definition, with the bounds and time of its last refresh, or undefined. */
export async function getDefinition(db: Db, featureId: number) {
  const row = await db
    .selectFrom('feature_rankings as r')
    .leftJoin('categories as c', 'c.id', 'r.category_id')
    .select([
      'r.period',
      'r.size',
      'r.refreshed_at',
      'r.period_from',
      'r.period_to',
      'r.previous_from',
      'r.previous_to',
      'c.slug as category_slug',
      'c.name_en as category_name_en',
      'c.name_ja as category_name_ja',
      'c.name_zh_hant as category_name_zh_hant',
      'c.name_ko as category_name_ko',
    ])
    .where('r.feature_id', '=', featureId)
    .executeTakeFirst();
  if (!row) return undefined;
  const tags = await db
    .selectFrom('feature_ranking_tags as rt')
    .innerJoin('tags as t', 't.id', 'rt.tag_id')
    .select(['t.id', 't.slug'])
    .where('rt.feature_id', '=', featureId)
    .orderBy('t.slug')
    .execute();
  return { ...row, tags };
}

export async function getStandings(db: Db, featureId: number, songIds: readonly number[]) {
  if (songIds.length === 0) return [];
  return db
    .selectFrom('ranking_standings')
    .selectAll()
    .where('feature_id', '=', featureId)
    .where('song_id', 'in', songIds)
    .execute();
}

/**
 * What a ranking ranks, as subqueries of song ids that a song must be in, each: the songs
 * of the live curated features of its category, and for each of its tags the songs that
 * carry it (themselves or through a live curated feature). None: every song. Each starts
 * from the category or the tag, through an index, never from the whole catalog.
 */
export function scopeOf(
  db: Db,
  definition: Pick<RankingDefinition, 'categoryId' | 'tagIds'>,
  now: string,
) {
  const curated = () =>
    db
      .selectFrom('entries as e')
      .innerJoin('features as f', 'f.id', 'e.feature_id')
      .select('e.song_id')
      .where('f.kind', '=', 'curated')
      .where(live(now));
  const { categoryId } = definition;
  return [
    ...(categoryId !== null ? [curated().where('f.category_id', '=', categoryId)] : []),
    ...definition.tagIds.map((tagId) =>
      db
        .selectFrom('song_tags as st')
        .select('st.song_id')
        .where('st.tag_id', '=', tagId)
        .union(
          curated()
            .innerJoin('feature_tags as ft', 'ft.feature_id', 'f.id')
            .where('ft.tag_id', '=', tagId),
        ),
    ),
  ];
}
