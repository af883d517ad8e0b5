import type { Kysely } from 'kysely';

/**
 * Indexes that let pages read a bounded slice in order instead of sorting everything that
 * matches: a tag page's songs, best weighted first, among the tens of thousands a common
 * tag has in a large catalog.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('song_tags_tag_weight_idx')
    .on('song_tags')
    .columns(['tag_id', 'weight desc', 'song_id'])
    .execute();
  await db.schema.dropIndex('song_tags_tag_idx').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('song_tags_tag_idx').on('song_tags').column('tag_id').execute();
  await db.schema.dropIndex('song_tags_tag_weight_idx').execute();
}
