import type { Kysely } from 'kysely';
import { withId } from './dialect-columns.ts';

/**
 * What a write leaves for search and "like this" to catch up on, stored in the write's own
 * transaction: a process that dies after the commit leaves the row, and the next start
 * finishes the work and deletes it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('pending_changes'))
    .addColumn('entity', 'text', (c) => c.notNull())
    // The changed records' slugs, a JSON array.
    .addColumn('slugs', 'text', (c) => c.notNull())
    .addColumn('noted_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pending_changes').execute();
}
