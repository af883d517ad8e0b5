import type { CreateTableBuilder, Kysely } from 'kysely';
import { withId } from './dialect-columns.ts';

function nameColumns<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
  prefix: string,
) {
  return table
    .addColumn(`${prefix}_original`, 'text', (c) => c.notNull())
    .addColumn(`${prefix}_romanized`, 'text')
    .addColumn(`${prefix}_en`, 'text')
    .addColumn(`${prefix}_zh_hant`, 'text')
    .addColumn(`${prefix}_ko`, 'text');
}

function labelColumns<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
  prefix: string,
) {
  return table
    .addColumn(`${prefix}_en`, 'text', (c) => c.notNull())
    .addColumn(`${prefix}_ja`, 'text')
    .addColumn(`${prefix}_zh_hant`, 'text')
    .addColumn(`${prefix}_ko`, 'text');
}

function timestamps<T extends string, C extends string>(table: CreateTableBuilder<T, C>) {
  return table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await timestamps(
    nameColumns(
      withId(db, db.schema.createTable('artists'))
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull()),
      'name',
    ),
  ).execute();

  await db.schema
    .createTable('artist_aliases')
    .addColumn('artist_id', 'integer', (c) =>
      c.notNull().references('artists.id').onDelete('cascade'),
    )
    .addColumn('alias', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('artist_aliases_pk', ['artist_id', 'alias'])
    .execute();

  await db.schema
    .createTable('artist_members')
    .addColumn('group_id', 'integer', (c) =>
      c.notNull().references('artists.id').onDelete('cascade'),
    )
    .addColumn('member_id', 'integer', (c) =>
      c.notNull().references('artists.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('artist_members_pk', ['group_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('artist_members_member_idx')
    .on('artist_members')
    .column('member_id')
    .execute();

  await timestamps(
    nameColumns(
      withId(db, db.schema.createTable('works'))
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('year', 'integer'),
      'title',
    ),
  ).execute();

  await db.schema
    .createTable('work_aliases')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_aliases_pk', ['work_id', 'alias'])
    .execute();

  await timestamps(
    nameColumns(
      withId(db, db.schema.createTable('songs'))
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('released_on', 'text')
        .addColumn('cover_of_id', 'integer', (c) => c.references('songs.id').onDelete('set null')),
      'title',
    ),
  ).execute();
  await db.schema.createIndex('songs_cover_of_idx').on('songs').column('cover_of_id').execute();

  await db.schema
    .createTable('song_aliases')
    .addColumn('song_id', 'integer', (c) => c.notNull().references('songs.id').onDelete('cascade'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('song_aliases_pk', ['song_id', 'alias'])
    .execute();

  await db.schema
    .createTable('song_credits')
    .addColumn('song_id', 'integer', (c) => c.notNull().references('songs.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('artist_id', 'integer', (c) => c.notNull().references('artists.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('as_character_id', 'integer', (c) => c.references('artists.id'))
    .addPrimaryKeyConstraint('song_credits_pk', ['song_id', 'position'])
    .execute();
  await db.schema
    .createIndex('song_credits_artist_idx')
    .on('song_credits')
    .column('artist_id')
    .execute();
  await db.schema
    .createIndex('song_credits_character_idx')
    .on('song_credits')
    .column('as_character_id')
    .execute();

  await db.schema
    .createTable('song_media')
    .addColumn('song_id', 'integer', (c) => c.notNull().references('songs.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('song_media_pk', ['song_id', 'provider', 'external_id'])
    .execute();

  await withId(db, db.schema.createTable('tie_ins'))
    .addColumn('song_id', 'integer', (c) => c.notNull().references('songs.id').onDelete('cascade'))
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer')
    .addColumn('season', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('tie_ins_song_idx').on('tie_ins').column('song_id').execute();
  await db.schema
    .createIndex('tie_ins_work_idx')
    .on('tie_ins')
    .columns(['work_id', 'role'])
    .execute();

  await labelColumns(
    withId(db, db.schema.createTable('tags'))
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull()),
    'label',
  ).execute();

  await db.schema
    .createTable('song_tags')
    .addColumn('song_id', 'integer', (c) => c.notNull().references('songs.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('weight', 'real', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('song_tags_pk', ['song_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('song_tags_tag_idx').on('song_tags').column('tag_id').execute();

  await labelColumns(
    withId(db, db.schema.createTable('categories'))
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0)),
    'name',
  ).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'categories',
    'song_tags',
    'tags',
    'tie_ins',
    'song_media',
    'song_credits',
    'song_aliases',
    'songs',
    'work_aliases',
    'works',
    'artist_members',
    'artist_aliases',
    'artists',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
