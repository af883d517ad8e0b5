import type { Kysely } from 'kysely';

/**
 * Other catalogs' ids for artists and songs (works have had theirs since 0004), so that an
 * import from AnimeThemes, MusicBrainz or a keeper's spreadsheet finds the record it
 * brought in last time instead of guessing by name. One id per source and record.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const owner of ['artist', 'song'] as const) {
    const table = `${owner}_external_ids`;
    await db.schema
      .createTable(table)
      .addColumn(`${owner}_id`, 'integer', (c) =>
        c.notNull().references(`${owner}s.id`).onDelete('cascade'),
      )
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, [`${owner}_id`, 'source'])
      .execute();
    await db.schema
      .createIndex(`${table}_lookup_idx`)
      .on(table)
      .columns(['source', 'external_id'])
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('song_external_ids').execute();
  await db.schema.dropTable('artist_external_ids').execute();
}
