import type { Kysely } from 'kysely';

/**
 * Ranking features: what each ranks (scope and period), the standings of its last refresh,
 * and the editors' notes on ranked songs, kept by song so they survive every refresh.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('feature_rankings')
    .addColumn('feature_id', 'integer', (c) =>
      c.primaryKey().references('features.id').onDelete('cascade'),
    )
    .addColumn('category_id', 'integer', (c) => c.references('categories.id').onDelete('set null'))
    // A year ("2026") or "last-30-days".
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('refreshed_at', 'text')
    .addColumn('period_from', 'text')
    .addColumn('period_to', 'text')
    .addColumn('previous_from', 'text')
    .addColumn('previous_to', 'text')
    .execute();

  await db.schema
    .createTable('feature_ranking_tags')
    .addColumn('feature_id', 'integer', (c) =>
      c.notNull().references('features.id').onDelete('cascade'),
    )
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('feature_ranking_tags_pk', ['feature_id', 'tag_id'])
    .execute();

  await db.schema
    .createTable('ranking_standings')
    .addColumn('feature_id', 'integer', (c) =>
      c.notNull().references('features.id').onDelete('cascade'),
    )
    .addColumn('song_id', 'integer', (c) => c.notNull().references('songs.id').onDelete('cascade'))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('plays', 'integer', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    // Null when the song had no plays in the previous period.
    .addColumn('previous_rank', 'integer')
    // Plays a day in each step of the period (months of a year, days of the last 30), comma-separated.
    .addColumn('trend', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ranking_standings_pk', ['feature_id', 'song_id'])
    .execute();

  await db.schema
    .createTable('ranking_notes')
    .addColumn('feature_id', 'integer', (c) =>
      c.notNull().references('features.id').onDelete('cascade'),
    )
    .addColumn('song_id', 'integer', (c) => c.notNull().references('songs.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('commentary_md', 'text', (c) => c.notNull())
    .addColumn('commentary_html', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ranking_notes_pk', ['feature_id', 'song_id', 'locale'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'ranking_notes',
    'ranking_standings',
    'feature_ranking_tags',
    'feature_rankings',
  ])
    await db.schema.dropTable(table).execute();
}
