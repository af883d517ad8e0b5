import { sql, type Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { isPostgres } from '#src/db/migrations/dialect-columns.ts';
import { containsPattern } from '#src/shared/sql-like.ts';

type Db = Kysely<Database>;

export interface NameHit {
  entry_id: number;
  field: string;
  text: string;
  key: string;
}

/**
 * The shortest fragment looked up inside names: a trigram. Both indexes (FTS5 trigram,
 * pg_trgm) serve fragments from three characters; a shorter one would read every name,
 * and a rare one (`x`) would read all of them before finding enough.
 */
export const MIN_FRAGMENT = 3;

/** The one thing the two databases do differently: find names containing a fragment. */
export interface SearchBackend {
  /**
   * Names whose normalized text contains `fragment` (already normalized), up to `limit`.
   * A fragment under `MIN_FRAGMENT` characters finds nothing, rather than read every name.
   */
  containing(db: Db, fragment: string, limit: number): Promise<NameHit[]>;
}

const tooShort = (fragment: string) => [...fragment].length < MIN_FRAGMENT;

/** `like '%fragment%'`, stopping at `limit`: PostgreSQL's trigram index serves it. */
async function like(db: Db, fragment: string, limit: number): Promise<NameHit[]> {
  if (tooShort(fragment)) return [];
  return db
    .selectFrom('search_names')
    .select(['entry_id', 'field', 'text', 'key'])
    .where(sql<boolean>`text like ${containsPattern(fragment)} escape '\\'`)
    .limit(limit)
    .execute();
}

/** SQLite: an FTS5 trigram table over the names. */
export const sqliteBackend: SearchBackend = {
  async containing(db, fragment, limit) {
    if (tooShort(fragment)) return [];
    return db
      .selectFrom(sql<{ rowid: number }>`search_names_fts`.as('f'))
      .innerJoin('search_names as n', 'n.id', 'f.rowid')
      .select(['n.entry_id', 'n.field', 'n.text', 'n.key'])
      .where(sql<boolean>`search_names_fts match ${`"${fragment.replace(/"/g, '""')}"`}`)
      .limit(limit)
      .execute();
  },
};

/** PostgreSQL: a pg_trgm GIN index serves `like '%fragment%'`. */
export const postgresBackend: SearchBackend = {
  containing: like,
};

/** The backend for the database `DATABASE_URL` chose. */
export function backendFor(db: Db): SearchBackend {
  return isPostgres(db as unknown as Kysely<unknown>) ? postgresBackend : sqliteBackend;
}
