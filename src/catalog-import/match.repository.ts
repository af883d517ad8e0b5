import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';

/** Reads what an import matches its records against; each function reads in batches. */

type Db = Kysely<Database>;
export type Owner = 'artist' | 'work' | 'song';

const BATCH = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

// Three tables of one shape: the owner's column is the only difference.
const externalTable = (owner: Owner) => `${owner}_external_ids` as 'work_external_ids';
const ownerColumn = (owner: Owner) => `${owner}_id` as 'work_id';

/** `source:id` → the record holding that id. */
export async function byExternalIds(
  db: Db,
  owner: Owner,
  pairs: readonly { source: string; id: string }[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const wanted = new Set(pairs.map((p) => `${p.source}:${p.id}`));
  for (const chunk of chunks([...new Set(pairs.map((p) => p.id))])) {
    const rows = await db
      .selectFrom(externalTable(owner))
      .select([`${ownerColumn(owner)} as owner`, 'source', 'external_id'])
      .where('source', 'in', [...new Set(pairs.map((p) => p.source))])
      .where('external_id', 'in', chunk)
      .execute();
    for (const r of rows) {
      const key = `${r.source}:${r.external_id}`;
      if (wanted.has(key)) found.set(key, r.owner);
    }
  }
  return found;
}

/** The other catalogs' ids each record has, by source. */
export async function externalIdsOf(
  db: Db,
  owner: Owner,
  ids: readonly number[],
): Promise<Map<number, Map<string, string>>> {
  const out = new Map<number, Map<string, string>>();
  for (const chunk of chunks(ids)) {
    const rows = await db
      .selectFrom(externalTable(owner))
      .select([`${ownerColumn(owner)} as owner`, 'source', 'external_id'])
      .where(ownerColumn(owner), 'in', chunk)
      .execute();
    for (const r of rows) {
      const map = out.get(r.owner) ?? new Map<string, string>();
      map.set(r.source, r.external_id);
      out.set(r.owner, map);
    }
  }
  return out;
}

export async function addExternalIds(
  db: Db,
  owner: Owner,
  rows: readonly { id: number; source: string; externalId: string }[],
): Promise<void> {
  for (const chunk of chunks(rows))
    await db
      .insertInto(externalTable(owner))
      .values(
        chunk.map(
          (r) =>
            ({ [ownerColumn(owner)]: r.id, source: r.source, external_id: r.externalId }) as never,
        ),
      )
      .execute();
}

/**
 * Name key → the records of `owner`'s kind the search index files under it, by their own
 * names and aliases (not the artist names a song's entry also carries).
 */
export async function byNameKeys(
  db: Db,
  owner: Owner,
  keys: readonly string[],
): Promise<Map<string, Set<number>>> {
  const found = new Map<string, Set<number>>();
  for (const chunk of chunks([...new Set(keys)])) {
    const rows = await db
      .selectFrom('search_names as n')
      .innerJoin('search_entries as e', 'e.id', 'n.entry_id')
      .select(['n.key', 'e.entity_id'])
      .where('e.kind', '=', owner)
      .where('n.key', 'in', chunk)
      .where('n.field', '<>', 'artist')
      .execute();
    for (const r of rows) found.set(r.key, (found.get(r.key) ?? new Set()).add(r.entity_id));
  }
  return found;
}

export interface Candidate {
  id: number;
  slug: string;
  /** A work's year, or the year a song was released. */
  year: number | null;
  /** A song's works and credited artists. */
  works: Set<number>;
  artists: Set<number>;
}

/** What name matching weighs about each candidate. */
export async function candidates(
  db: Db,
  owner: Owner,
  ids: readonly number[],
): Promise<Map<number, Candidate>> {
  const out = new Map<number, Candidate>();
  for (const chunk of chunks([...new Set(ids)])) {
    if (owner === 'song') {
      const [songs, tieIns, credits] = await Promise.all([
        db
          .selectFrom('songs')
          .select(['id', 'slug', 'released_on'])
          .where('id', 'in', chunk)
          .execute(),
        db
          .selectFrom('tie_ins')
          .select(['song_id', 'work_id'])
          .where('song_id', 'in', chunk)
          .execute(),
        db
          .selectFrom('song_credits')
          .select(['song_id', 'artist_id'])
          .where('song_id', 'in', chunk)
          .execute(),
      ]);
      for (const s of songs)
        out.set(s.id, {
          id: s.id,
          slug: s.slug,
          year: s.released_on ? Number(s.released_on.slice(0, 4)) : null,
          works: new Set(tieIns.filter((t) => t.song_id === s.id).map((t) => t.work_id)),
          artists: new Set(credits.filter((c) => c.song_id === s.id).map((c) => c.artist_id)),
        });
    } else {
      const rows =
        owner === 'work'
          ? await db
              .selectFrom('works')
              .select(['id', 'slug', 'year'])
              .where('id', 'in', chunk)
              .execute()
          : (
              await db
                .selectFrom('artists')
                .select(['id', 'slug'])
                .where('id', 'in', chunk)
                .execute()
            ).map((a) => ({ ...a, year: null }));
      for (const r of rows)
        out.set(r.id, {
          id: r.id,
          slug: r.slug,
          year: r.year,
          works: new Set(),
          artists: new Set(),
        });
    }
  }
  return out;
}
