import { sql, type Kysely } from 'kysely';
import { isPostgres } from '#src/db/migrations/dialect-columns.ts';
import { MAX_PARAMETERS } from '#src/db/batches.ts';
import type { Database } from '#src/db/schema.ts';
import { FORMAT, NUMBERED, SITE_TABLES, VERSION } from './site-tables.ts';

const BATCH = 500;
const HEADER = /^\{"format":"([^"]*)","version":(\d+),"secrets":(true|false),"tables":\{$/;
const TABLE_START = /^"([a-z_]+)":\[(\])?(,)?$/;
const TABLE_END = /^\](,)?$/;
/** Without secrets an account keeps no password: it cannot sign in until one is set. */
const NO_PASSWORD = '!';

export class SiteImportError extends Error {}

export interface ImportSummary {
  tables: number;
  rows: number;
}

/**
 * Loads a site export (see export-site.ts) into an empty database, in one transaction:
 * a problem anywhere (named by its line) leaves the database as it was.
 */
export async function importSite(
  db: Kysely<Database>,
  lines: AsyncIterable<string>,
): Promise<ImportSummary> {
  // Taken before anything is awaited: a line reader drops lines nobody is iterating yet.
  const reader = lines[Symbol.asyncIterator]();
  const known = new Map(SITE_TABLES.map((t) => [t.name, t]));
  for (const table of ['songs', 'features', 'users'] as const) {
    const row = await db.selectFrom(table).select('id').limit(1).executeTakeFirst();
    if (row)
      throw new SiteImportError(`The database already holds ${table}: import into an empty one.`);
  }
  return db.transaction().execute(async (trx) => {
    // Rows are inserted as exported, table by table, whatever their shape.
    const into = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
    let n = 0;
    let table: string | null = null;
    let batch: Record<string, unknown>[] = [];
    let width = 0;
    let rows = 0;
    let tables = 0;
    let ended = false;
    /** Inserts the rows read so far; `last` is the line of the last of them. */
    const flush = async (last: number) => {
      if (!table || batch.length === 0) return;
      try {
        await into.insertInto(table).values(batch).execute();
      } catch (error) {
        // A row the database refuses (a missing reference, a duplicate key, an unknown column).
        throw new SiteImportError(
          `lines ${last - batch.length + 1}–${last}: ${table}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      batch = [];
      width = 0;
    };
    for (let next = await reader.next(); !next.done; next = await reader.next()) {
      const raw = next.value;
      n++;
      const line = raw.trimEnd();
      if (n === 1) {
        const header = HEADER.exec(line);
        if (!header || header[1] !== FORMAT)
          throw new SiteImportError(
            `line 1: not a Tokushu site export (it starts "${line.slice(0, 40)}")`,
          );
        if (Number(header[2]) !== VERSION)
          throw new SiteImportError(
            `line 1: format version ${header[2]}; this Tokushu reads version ${VERSION}`,
          );
        continue;
      }
      if (line === '') continue;
      if (ended) throw new SiteImportError(`line ${n}: text after the end of the export`);
      if (table === null) {
        if (line === '}}') {
          ended = true;
          continue;
        }
        const start = TABLE_START.exec(line);
        if (!start)
          throw new SiteImportError(
            `line ${n}: expected the start of a table, found "${line.slice(0, 40)}"`,
          );
        const name = start[1] as string;
        if (!known.has(name)) throw new SiteImportError(`line ${n}: unknown table "${name}"`);
        tables++;
        if (!start[2]) table = name;
        continue;
      }
      if (TABLE_END.test(line)) {
        await flush(n - 1);
        table = null;
        continue;
      }
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as Record<string, unknown>;
      } catch (error) {
        throw new SiteImportError(
          `line ${n}: ${table}: not a JSON row (${(error as Error).message})`,
        );
      }
      if (table === 'users' && row.password_hash === undefined) row.password_hash = NO_PASSWORD;
      batch.push(row);
      rows++;
      // Every value of a multi-row insert is a parameter: wide rows go in smaller batches.
      width = Math.max(width, Object.keys(row).length);
      if (batch.length >= BATCH || (batch.length + 1) * width > MAX_PARAMETERS) await flush(n);
    }
    if (!ended) throw new SiteImportError(`line ${n}: the export ends early (truncated file?)`);
    if (isPostgres(trx as unknown as Kysely<unknown>))
      for (const name of NUMBERED)
        await sql`select setval(pg_get_serial_sequence(${name}, 'id'), coalesce((select max(id) from ${sql.table(name)}), 0) + 1, false)`.execute(
          trx,
        );
    return { tables, rows };
  });
}
