import type { Kysely } from 'kysely';
import { withId } from './dialect-columns.ts';

/** Sessions, API tokens, the audit log, feature revisions, slug redirects and translation status. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await withId(db, db.schema.createTable('api_tokens'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('audit_log_entity_idx')
    .on('audit_log')
    .columns(['entity', 'entity_id'])
    .execute();

  await db.schema
    .createTable('feature_revisions')
    .addColumn('feature_id', 'integer', (c) =>
      c.notNull().references('features.id').onDelete('cascade'),
    )
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('feature_revisions_pk', ['feature_id', 'revision'])
    .execute();

  await db.schema
    .createTable('feature_redirects')
    .addColumn('old_slug', 'text', (c) => c.primaryKey())
    .addColumn('feature_id', 'integer', (c) =>
      c.notNull().references('features.id').onDelete('cascade'),
    )
    .execute();

  await db.schema
    .alterTable('feature_texts')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('reviewed'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('feature_texts').dropColumn('status').execute();
  for (const table of [
    'feature_redirects',
    'feature_revisions',
    'audit_log',
    'api_tokens',
    'sessions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
