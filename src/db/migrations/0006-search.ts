import { sql, type Kysely } from 'kysely';
import { isPostgres, withId } from './dialect-columns.ts';

/**
 * The search index: one entry per searchable thing, its names normalized as search reads
 * them, and the vocabulary of romaji words for typo tolerance. Substring matching uses a
 * trigram index: FTS5 on SQLite, pg_trgm on PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  await withId(db, db.schema.createTable('search_entries'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('popularity', 'integer', (c) => c.notNull().defaultTo(0))
    // When readers may find it: '' for always, an ISO time for a scheduled feature, null for never.
    .addColumn('live_from', 'text')
    .addUniqueConstraint('search_entries_entity_uq', ['kind', 'entity_id'])
    .execute();

  // Starts-with keys compare code point by code point, whatever the database's collation.
  await withId(db, db.schema.createTable('search_names'))
    .addColumn('entry_id', 'integer', (c) =>
      c.notNull().references('search_entries.id').onDelete('cascade'),
    )
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('key', postgres ? sql`text collate "C"` : 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_names_key_idx').on('search_names').column('key').execute();
  await db.schema
    .createIndex('search_names_entry_idx')
    .on('search_names')
    .column('entry_id')
    .execute();

  await db.schema
    .createTable('search_terms')
    .addColumn('variant', postgres ? sql`text collate "C"` : 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_terms_pk', ['variant', 'term'])
    .execute();

  if (postgres) {
    // One extension per database, however many schemas: concurrent creators take turns.
    await sql`select pg_advisory_xact_lock(hashtext('tokushu:pg_trgm'))`.execute(db);
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    await sql`create index search_names_text_trgm on search_names using gin (text public.gin_trgm_ops)`.execute(
      db,
    );
  } else {
    await sql`create virtual table search_names_fts using fts5(text, content='search_names', content_rowid='id', tokenize='trigram')`.execute(
      db,
    );
    await sql`create trigger search_names_ai after insert on search_names begin
      insert into search_names_fts(rowid, text) values (new.id, new.text);
    end`.execute(db);
    await sql`create trigger search_names_ad after delete on search_names begin
      insert into search_names_fts(search_names_fts, rowid, text) values ('delete', old.id, old.text);
    end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) {
    await sql`drop trigger if exists search_names_ad`.execute(db);
    await sql`drop trigger if exists search_names_ai`.execute(db);
    await sql`drop table if exists search_names_fts`.execute(db);
  }
  await db.schema.dropTable('search_terms').execute();
  await db.schema.dropTable('search_names').execute();
  await db.schema.dropTable('search_entries').execute();
}
