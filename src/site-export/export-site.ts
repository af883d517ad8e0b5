import { sql, type Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { FORMAT, SITE_TABLES, VERSION } from './site-tables.ts';

const PAGE = 1000;

/** A row with its columns in name order, so both databases write it the same way. */
function canonical(row: Record<string, unknown>, hidden: readonly string[]): string {
  const out: Record<string, unknown> = {};
  for (const column of Object.keys(row).sort())
    if (!hidden.includes(column)) out[column] = row[column] ?? null;
  return JSON.stringify(out);
}

/**
 * The whole site as one JSON document, yielded in pieces: a header, then each table as an
 * array with one row per line (so it streams both ways in bounded memory), rows in key
 * order. Users' password hashes, sessions and API tokens only `withSecrets`.
 */
export async function* exportSite(
  db: Kysely<Database>,
  { withSecrets = false }: { withSecrets?: boolean } = {},
): AsyncGenerator<string> {
  const untyped = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  yield `{"format":"${FORMAT}","version":${VERSION},"secrets":${withSecrets},"tables":{\n`;
  const tables = SITE_TABLES.filter((t) => withSecrets || t.secret !== true);
  for (const [t, table] of tables.entries()) {
    const hidden = !withSecrets && Array.isArray(table.secret) ? table.secret : [];
    yield `${JSON.stringify(table.name)}:[`;
    let after: unknown[] | null = null;
    let first = true;
    for (;;) {
      const last = after;
      // Keyset pages: each page starts after the last key read, through the key's index.
      const rows = await untyped
        .selectFrom(table.name)
        .selectAll()
        .$if(last !== null, (q) =>
          q.where(({ eb, refTuple, tuple }) =>
            table.key.length === 1
              ? eb(sql.ref(table.key[0] as string), '>', (last as unknown[])[0])
              : eb(
                  refTuple(...(table.key as [string, string])),
                  '>',
                  tuple(...(last as unknown[] as [unknown, unknown])),
                ),
          ),
        )
        .$call((q) => table.key.reduce((ordered, k) => ordered.orderBy(sql.ref(k)), q))
        .limit(PAGE)
        .execute();
      for (const row of rows) {
        yield `${first ? '\n' : ',\n'}${canonical(row, hidden)}`;
        first = false;
      }
      if (rows.length < PAGE) break;
      const lastRow = rows.at(-1) as Record<string, unknown>;
      after = table.key.map((k) => lastRow[k]);
    }
    yield `${first ? '' : '\n'}]${t < tables.length - 1 ? ',' : ''}\n`;
  }
  yield '}}\n';
}
