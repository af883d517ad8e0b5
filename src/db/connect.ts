import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type KyselyConfig } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** PostgreSQL only: how to open a connection of one's own (for LISTEN). */
  postgres?: { url: string; schema: string | undefined };
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** PostgreSQL only: the schema to work in (tests use one schema per run). */
  schema?: string;
  /** Hears every query run, with its parameters (the query-plan test reads them). */
  onQuery?: (sql: string, parameters: readonly unknown[]) => void;
}

// PostgreSQL returns BIGINT (count(*), sums) as strings by default; our counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Opens the database named by `url`: `sqlite:<file>` (or `sqlite::memory:`) or `postgres://…`. */
export function connect(url: string, options: ConnectOptions = {}): DatabaseHandle {
  const log: KyselyConfig['log'] = options.onQuery
    ? (event) => {
        if (event.level === 'query') options.onQuery?.(event.query.sql, event.query.parameters);
      }
    : undefined;
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return connectPostgres(url, options.schema, log);
  }
  if (url.startsWith('sqlite:')) return connectSqlite(url.slice('sqlite:'.length), log);
  throw new Error(
    `DATABASE_URL: unsupported scheme in "${url}" (use sqlite:<file> or postgres://…)`,
  );
}

function connectSqlite(file: string, log: KyselyConfig['log']): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // WAL with synchronous=NORMAL is durable across application crashes and much faster
  // than FULL; only an OS crash or power loss can roll back the last commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

function connectPostgres(
  url: string,
  schema: string | undefined,
  log: KyselyConfig['log'],
): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // An unreachable server fails a request in seconds (503) rather than holding it.
    connectionTimeoutMillis: 5000,
    ...(schema ? { options: `-c search_path=${quoteIdent(schema)}` } : {}),
  });
  // A connection the server drops (a restart, a failover) is discarded and the pool opens
  // a new one for the next query. The query it was running fails on its own; the error the
  // connection also emits, unheard, would end the process: idle ones report to the pool,
  // busy ones to the listener every connection gets here.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  return { db, dialect: 'postgres', postgres: { url, schema }, close: () => db.destroy() };
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid schema name "${name}"`);
  return name;
}
