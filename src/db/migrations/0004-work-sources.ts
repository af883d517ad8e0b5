import type { Kysely } from 'kysely';

/** Air dates, official sites, external ids and where-to-watch links for works. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('works').addColumn('first_aired', 'text').execute();
  await db.schema.alterTable('works').addColumn('last_aired', 'text').execute();
  await db.schema.alterTable('works').addColumn('official_site', 'text').execute();

  await db.schema
    .createTable('work_external_ids')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_external_ids_pk', ['work_id', 'source'])
    .execute();
  await db.schema
    .createIndex('work_external_ids_lookup_idx')
    .on('work_external_ids')
    .columns(['source', 'external_id'])
    .execute();

  await db.schema
    .createTable('work_links')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('site', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('regions', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_links_pk', ['work_id', 'position'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('work_links').execute();
  await db.schema.dropTable('work_external_ids').execute();
  await db.schema.alterTable('works').dropColumn('official_site').execute();
  await db.schema.alterTable('works').dropColumn('last_aired').execute();
  await db.schema.alterTable('works').dropColumn('first_aired').execute();
}
