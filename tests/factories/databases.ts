import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  connect,
  type ConnectOptions,
  type DatabaseHandle,
  type DialectName,
} from '#src/db/connect.ts';
import { migrateToLatest } from '#src/db/migrate.ts';

/**
 * The databases every repository test runs against: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set. Under CI=true a missing PostgreSQL is an error, not a skip.
 */
const postgresUrl = process.env.TEST_DATABASE_URL;
if (!postgresUrl && process.env.CI === 'true') {
  throw new Error(
    'CI=true: TEST_DATABASE_URL must point at a PostgreSQL database for the second suite',
  );
}

export const DIALECTS: DialectName[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

if (!postgresUrl) {
  console.warn('TEST_DATABASE_URL is not set: the PostgreSQL suite is skipped.');
}

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection and removes everything the test created. */
  drop(): Promise<void>;
}

/** A fresh, empty database of `dialect`: in-memory SQLite, or its own PostgreSQL schema. */
export async function openTestDatabase(
  dialect: DialectName,
  { migrate = true, onQuery }: { migrate?: boolean; onQuery?: ConnectOptions['onQuery'] } = {},
): Promise<TestDatabase> {
  let handle: DatabaseHandle;
  let cleanup = async () => {};
  if (dialect === 'sqlite') {
    handle = connect('sqlite::memory:', { onQuery });
  } else {
    if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    handle = connect(postgresUrl, { schema, onQuery });
    cleanup = async () => {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    };
  }
  if (migrate) await migrateToLatest(handle.db);
  let dropped = false;
  return {
    ...handle,
    async drop() {
      if (dropped) return;
      dropped = true;
      await handle.close();
      await cleanup();
    },
  };
}
