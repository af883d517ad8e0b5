import type { Kysely } from 'kysely';

/**
 * "Songs like this" and "features like this", computed when content changes and read as
 * they are: each row is one neighbour at its position.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('song_neighbours')
    .addColumn('song_id', 'integer', (c) => c.notNull().references('songs.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('neighbour_id', 'integer', (c) =>
      c.notNull().references('songs.id').onDelete('cascade'),
    )
    .addColumn('score', 'integer', (c) => c.notNull())
    // Why it was chosen: comma-separated signals (tags, work, artist, features).
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('song_neighbours_pk', ['song_id', 'position'])
    .execute();
  await db.schema
    .createIndex('song_neighbours_neighbour_idx')
    .on('song_neighbours')
    .column('neighbour_id')
    .execute();

  await db.schema
    .createTable('feature_neighbours')
    .addColumn('feature_id', 'integer', (c) =>
      c.notNull().references('features.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('neighbour_id', 'integer', (c) =>
      c.notNull().references('features.id').onDelete('cascade'),
    )
    .addColumn('score', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('feature_neighbours_pk', ['feature_id', 'position'])
    .execute();
  await db.schema
    .createIndex('feature_neighbours_neighbour_idx')
    .on('feature_neighbours')
    .column('neighbour_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('feature_neighbours').execute();
  await db.schema.dropTable('song_neighbours').execute();
}
