import type { Kysely } from 'kysely';
import { withId } from './dialect-columns.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('features'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('byline', 'text')
    .addColumn('published_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('features_listing_idx')
    .on('features')
    .columns(['status', 'published_at'])
    .execute();
  await db.schema
    .createIndex('features_category_idx')
    .on('features')
    .column('category_id')
    .execute();

  await db.schema
    .createTable('feature_texts')
    .addColumn('feature_id', 'integer', (c) =>
      c.notNull().references('features.id').onDelete('cascade'),
    )
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lead_md', 'text', (c) => c.notNull())
    .addColumn('lead_html', 'text', (c) => c.notNull())
    .addColumn('closing_md', 'text', (c) => c.notNull())
    .addColumn('closing_html', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('feature_texts_pk', ['feature_id', 'locale'])
    .execute();

  await db.schema
    .createTable('feature_tags')
    .addColumn('feature_id', 'integer', (c) =>
      c.notNull().references('features.id').onDelete('cascade'),
    )
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('feature_tags_pk', ['feature_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('feature_tags_tag_idx').on('feature_tags').column('tag_id').execute();

  await db.schema
    .createTable('feature_related')
    .addColumn('feature_id', 'integer', (c) =>
      c.notNull().references('features.id').onDelete('cascade'),
    )
    .addColumn('related_id', 'integer', (c) =>
      c.notNull().references('features.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('feature_related_pk', ['feature_id', 'related_id'])
    .execute();

  await withId(db, db.schema.createTable('entries'))
    .addColumn('feature_id', 'integer', (c) =>
      c.notNull().references('features.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('song_id', 'integer', (c) => c.notNull().references('songs.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('entries_position_uq', ['feature_id', 'position'])
    .execute();
  await db.schema.createIndex('entries_song_idx').on('entries').column('song_id').execute();

  await db.schema
    .createTable('entry_texts')
    .addColumn('entry_id', 'integer', (c) =>
      c.notNull().references('entries.id').onDelete('cascade'),
    )
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('commentary_md', 'text', (c) => c.notNull())
    .addColumn('commentary_html', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('entry_texts_pk', ['entry_id', 'locale'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'entry_texts',
    'entries',
    'feature_related',
    'feature_tags',
    'feature_texts',
    'features',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
