import type { Kysely } from 'kysely';
import { withId } from './dialect-columns.ts';

/**
 * Plays: raw plays for a recent window (one per reader, song and day), the daily salt that
 * makes readers anonymous, and the daily counts everything older is folded into.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('plays'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('song_id', 'integer', (c) => c.notNull().references('songs.id').onDelete('cascade'))
    .addColumn('feature_id', 'integer', (c) => c.references('features.id').onDelete('set null'))
    .addColumn('locale', 'text', (c) => c.notNull())
    // A salted hash of address and user agent; the salt is forgotten after its day.
    .addColumn('reader', 'text', (c) => c.notNull())
    .addUniqueConstraint('plays_once_a_day_uq', ['day', 'reader', 'song_id'])
    .execute();
  await db.schema
    .createIndex('plays_song_day_idx')
    .on('plays')
    .columns(['song_id', 'day'])
    .execute();

  await db.schema
    .createTable('play_salts')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('salt', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('play_rollups')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('song_id', 'integer', (c) => c.notNull().references('songs.id').onDelete('cascade'))
    // 0 when the play came from no feature: part of the key, so it cannot be null.
    .addColumn('feature_id', 'integer', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('plays', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('play_rollups_pk', ['song_id', 'day', 'feature_id', 'locale'])
    .execute();
  await db.schema
    .createIndex('play_rollups_day_idx')
    .on('play_rollups')
    .columns(['day', 'song_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('play_rollups').execute();
  await db.schema.dropTable('play_salts').execute();
  await db.schema.dropTable('plays').execute();
}
