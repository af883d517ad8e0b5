import type { Kysely } from 'kysely';

const TABLES = ['songs', 'artists', 'works'] as const;

/**
 * Whether readers may see a song, artist or work: 0 while a writer's addition waits for an
 * editor to accept it (or to publish a feature that uses it), 1 once they have. Everything
 * already in the catalog was added by editors, imports or the content pack, so it is 1.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES)
    await db.schema
      .alterTable(table)
      .addColumn('reviewed', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('reviewed').execute();
}
