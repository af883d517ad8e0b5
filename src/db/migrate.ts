import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { isPostgres } from './migrations/dialect-columns.ts';
import * as catalog from './migrations/0001-catalog.ts';
import * as features from './migrations/0002-features.ts';
import * as accounts from './migrations/0003-accounts.ts';
import * as workSources from './migrations/0004-work-sources.ts';
import * as editing from './migrations/0005-editing.ts';
import * as search from './migrations/0006-search.ts';
import * as discovery from './migrations/0007-discovery.ts';
import * as plays from './migrations/0008-plays.ts';
import * as rankings from './migrations/0009-rankings.ts';
import * as pageIndexes from './migrations/0010-page-indexes.ts';
import * as externalIds from './migrations/0011-external-ids.ts';
import * as playAddresses from './migrations/0012-play-addresses.ts';
import * as reviewedRecords from './migrations/0013-reviewed-records.ts';
import * as pendingChanges from './migrations/0014-pending-changes.ts';
import type { Database } from './schema.ts';

/** Every migration, in order. Names are permanent: they are recorded in the database. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-catalog': catalog,
  '0002-features': features,
  '0003-accounts': accounts,
  '0004-work-sources': workSources,
  '0005-editing': editing,
  '0006-search': search,
  '0007-discovery': discovery,
  '0008-plays': plays,
  '0009-rankings': rankings,
  '0010-page-indexes': pageIndexes,
  '0011-external-ids': externalIds,
  '0012-play-addresses': playAddresses,
  '0013-reviewed-records': reviewedRecords,
  '0014-pending-changes': pendingChanges,
};

export const MIGRATION_NAMES = Object.keys(MIGRATIONS);

/**
 * On PostgreSQL the migrator is told the schema it works in: otherwise it takes another
 * schema's bookkeeping tables (another instance or test run in the same database) for its
 * own, skips creating them, and fails.
 */
async function migrator(db: Kysely<Database>): Promise<Migrator> {
  const migrationTableSchema = isPostgres(db as Kysely<unknown>)
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined;
  return new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  return applied(await (await migrator(db)).migrateToLatest());
}

export async function migrateDown(db: Kysely<Database>): Promise<string[]> {
  return applied(await (await migrator(db)).migrateDown());
}

function applied({ error, results = [] }: MigrationResultSet): string[] {
  const failed = results.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`, { cause: error });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
