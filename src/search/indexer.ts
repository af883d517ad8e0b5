import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { inWriteTransaction } from '#src/db/write-transaction.ts';
import type { Change } from '#src/shared/changes.ts';
import * as documents from './documents.repository.ts';
import type { RawName, SearchDocument, SearchKind } from './documents.repository.ts';
import {
  compact,
  foldLatin,
  hasJapanese,
  isKanaOnly,
  kanaToRomaji,
  normalizeText,
} from './normalize.ts';
import { readingOf } from './readings.ts';

type Db = Kysely<Database>;

export interface IndexedName {
  field: string;
  text: string;
}

const BATCH = 500;
const KINDS: SearchKind[] = ['song', 'artist', 'work', 'feature', 'tag'];

/** `nana mizuki` → `mizuki nana`: people are searched for in either order. */
function swapped(text: string): string | null {
  const words = text.split(' ');
  return words.length === 2 ? `${words[1]} ${words[0]}` : null;
}

/**
 * The names of a document as the index stores them: Japanese normalized, Latin folded,
 * kana also as romaji, people in both orders, and a reading from the dictionary for a
 * Japanese original that has no stored romanization.
 */
export async function indexedNames(doc: SearchDocument): Promise<IndexedName[]> {
  const names = new Map<string, string>();
  const add = (field: string, text: string | null) => {
    if (text && !names.has(text)) names.set(text, field);
  };
  const addLatin = (field: string, text: string) => {
    const folded = foldLatin(text);
    add(field, folded);
    if (doc.person) add(field, swapped(folded));
  };
  for (const { field, value } of doc.names) {
    const text = normalizeText(value);
    if (!text) continue;
    if (!hasJapanese(text)) addLatin(field, text);
    else {
      add(field, text);
      // Kana read as written; a title's reading is told apart from the title itself.
      if (isKanaOnly(text)) addLatin(field === 'original' ? 'reading' : field, kanaToRomaji(text));
    }
  }
  const original = doc.names.find((n) => n.field === 'original')?.value;
  const needsReading =
    original !== undefined &&
    hasJapanese(original) &&
    !isKanaOnly(normalizeText(original)) &&
    !doc.names.some((n) => n.field === 'romanized');
  if (needsReading) {
    const reading = await readingOf(original);
    if (reading) addLatin('reading', reading);
  }
  return [...names].map(([text, field]) => ({ field, text }));
}

/** Every word of 3+ letters, under itself and under each form with one letter deleted. */
export function termRows(texts: readonly string[]): { variant: string; term: string }[] {
  const rows = new Map<string, { variant: string; term: string }>();
  for (const text of texts) {
    for (const term of text.split(' ')) {
      if (term.length < 3 || !/^[a-z0-9]+$/.test(term)) continue;
      rows.set(`${term}/${term}`, { variant: term, term });
      if (term.length < 4) continue;
      for (let i = 0; i < term.length; i++) {
        const variant = term.slice(0, i) + term.slice(i + 1);
        rows.set(`${variant}/${term}`, { variant, term });
      }
    }
  }
  return [...rows.values()];
}

/**
 * Keeps the search index in step with the catalog and the features: each change rewrites
 * the entries of what changed (and of songs whose documents carry its names).
 */
export function createSearchIndexer({ db }: { db: Db }) {
  const write = async (kind: SearchKind, docs: SearchDocument[], ids: readonly number[]) => {
    const prepared = await Promise.all(
      docs.map(async (doc) => ({ doc, names: await indexedNames(doc) })),
    );
    await inWriteTransaction(db, async (trx) => {
      await documents.removeEntries(trx, kind, 'entity_id', ids);
      if (prepared.length === 0) return;
      const entries = await trx
        .insertInto('search_entries')
        .values(
          prepared.map(({ doc }) => ({
            kind,
            entity_id: doc.entityId,
            slug: doc.slug,
            popularity: doc.popularity,
            live_from: doc.liveFrom,
          })),
        )
        .returning(['id', 'entity_id'])
        .execute();
      const entryOf = new Map(entries.map((e) => [e.entity_id, e.id]));
      const names = prepared.flatMap(({ doc, names }) =>
        names.map((n) => ({
          entry_id: entryOf.get(doc.entityId) as number,
          field: n.field,
          text: n.text,
          key: compact(n.text),
        })),
      );
      for (let i = 0; i < names.length; i += BATCH)
        await trx
          .insertInto('search_names')
          .values(names.slice(i, i + BATCH))
          .execute();
      const terms = termRows(prepared.flatMap((p) => p.names.map((n) => n.text)));
      for (let i = 0; i < terms.length; i += BATCH) {
        await trx
          .insertInto('search_terms')
          .values(terms.slice(i, i + BATCH))
          .onConflict((oc) => oc.columns(['variant', 'term']).doNothing())
          .execute();
      }
    });
  };

  const reindex = async (kind: SearchKind, ids: readonly number[]) => {
    for (let i = 0; i < ids.length; i += BATCH) {
      const page = ids.slice(i, i + BATCH);
      await write(kind, await documents.DOCUMENTS[kind](db, page), page);
    }
  };

  return {
    reindex,

    async isEmpty(): Promise<boolean> {
      const row = await db.selectFrom('search_entries').select('id').limit(1).executeTakeFirst();
      return row === undefined;
    },

    /** Indexes everything again, a page at a time. */
    async rebuild(): Promise<void> {
      for (const kind of KINDS) {
        let after = 0;
        for (;;) {
          const ids = await documents.allIds(db, kind, after, BATCH);
          if (ids.length === 0) break;
          await write(kind, await documents.DOCUMENTS[kind](db, ids), ids);
          after = ids.at(-1) as number;
        }
      }
    },

    /** Follows one change: what still exists is reindexed, what is gone is removed. */
    async apply(change: Change): Promise<void> {
      const kind = change.entity;
      const ids = await documents.idsOf(db, kind, change.slugs);
      await documents.removeEntries(
        db,
        kind,
        'slug',
        change.slugs.filter((s) => !ids.has(s)),
      );
      await reindex(kind, [...ids.values()]);
      if (kind === 'artist' || kind === 'feature')
        await reindex('song', await documents.songsAffectedBy(db, kind, [...ids.values()]));
    },
  };
}

export type SearchIndexer = ReturnType<typeof createSearchIndexer>;

/**
 * The keys the index files a record's names under (its names and aliases, in every script
 * and reading): two records that share one are named alike, however each was typed.
 */
export async function nameKeys(
  kind: SearchKind,
  names: readonly RawName[],
  person = false,
): Promise<string[]> {
  const doc = {
    kind,
    entityId: 0,
    slug: '',
    popularity: 0,
    liveFrom: null,
    person,
    names: [...names],
  };
  return [...new Set((await indexedNames(doc)).map((n) => compact(n.text)).filter(Boolean))];
}
