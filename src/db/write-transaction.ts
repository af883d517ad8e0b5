import { sql, SqliteAdapter, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Another connection kept the write lock for longer than the caller would wait. */
export class DatabaseBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(
      `The database is busy with other writes: waited ${formatSeconds(waitedMs)} for its write lock and did not get it.`,
    );
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

export interface WriteTransactionOptions {
  /** How long to wait for other writers on SQLite before DatabaseBusyError; default 5 s. */
  waitMs?: number;
}

/**
 * Runs `work` in a transaction that writes. On SQLite it takes the write lock before its
 * first statement (BEGIN IMMEDIATE), waiting up to `waitMs` for writers ahead of it: a
 * transaction that reads first and writes later fails at once with "database is locked" if
 * another connection (a server counting plays) committed in between, however long the busy
 * timeout. PostgreSQL locks row by row, and runs it as a plain transaction.
 */
export async function inWriteTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
  { waitMs = 5000 }: WriteTransactionOptions = {},
): Promise<T> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return db.transaction().execute(work);
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn);
    const usual = Number(rows[0]?.timeout ?? 0);
    await sql.raw(`pragma busy_timeout = ${Math.max(0, Math.round(waitMs))}`).execute(conn);
    try {
      await sql`begin immediate`.execute(conn);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DatabaseBusyError(waitMs);
      throw error;
    } finally {
      await sql.raw(`pragma busy_timeout = ${usual}`).execute(conn);
    }
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      // SQLite may have rolled back already (a full disk): the error that matters is the first.
      await sql`rollback`.execute(conn).catch(() => {});
      throw error;
    }
  });
}
