import { distance } from 'fastest-levenshtein';
import type { Kysely } from 'kysely';
import type { DisplayName } from '#src/catalog/index.ts';
import type { Database } from '#src/db/schema.ts';
import { toTimestamp, type Clock } from '#src/shared/clock.ts';
import { shareWorkUnderWay } from '#src/shared/shared-work.ts';
import type { Locale } from '#src/shared/locale.ts';
import type { SearchKind } from './documents.repository.ts';
import { compact, lookupWords, queryForms } from './normalize.ts';
import * as results from './results.repository.ts';
import { backendFor, MIN_FRAGMENT, type NameHit } from './search-backend.ts';

type Db = Kysely<Database>;

export const SEARCH_KINDS: SearchKind[] = ['song', 'artist', 'work', 'feature', 'tag'];
export const PAGE_SIZE = 20;
const LANE_LIMIT = 500;
const WORD_LIMIT = 2000;
/**
 * Distinct words of a query looked up inside names. A real query has a few; more would only
 * narrow results already narrowed, each at the cost of a lookup (a pasted paragraph, or ℀
 * typed 200 times, which normalizes to 200 words: "a ca ca …").
 */
const MAX_WORDS = 4;
/**
 * Distinct words one search may look up inside names, over all its lanes: a typo in each of
 * several words could otherwise try eight spellings of each.
 */
const MAX_LOOKUPS = 12;
/** Enough matches for several pages of results and meaningful facet counts. */
const ENOUGH_FOR_PAGES = 200;
/** Far above any real code point, so `key < prefix + END` is "starts with prefix". */
const END = String.fromCodePoint(0x10ffff);

/** Lanes, best first: a whole name, its start, every word somewhere, every word nearly. */
const LANE = { exact: 100, prefix: 80, words: 50, fuzzy: 20 } as const;
/** A match on a song's artist counts less than one on its own title. */
const FIELD_WEIGHT: Record<string, number> = { alias: 0.9, reading: 0.95, artist: 0.6 };

export interface SearchFilters {
  type?: SearchKind | undefined;
  tag?: string | undefined;
  role?: string | undefined;
  decade?: string | undefined;
  category?: string | undefined;
}

export interface SearchResult {
  kind: SearchKind;
  /** The entity's own id, for pages that show more of it. */
  id: number;
  slug: string;
  name: DisplayName;
  detail: string;
  /** Which name matched, as the index holds it. */
  matched: { field: string; text: string };
}

export interface Facet {
  value: string;
  label: string;
  count: number;
}

export interface SearchPage {
  query: string;
  page: number;
  pageCount: number;
  total: number;
  results: SearchResult[];
  /** Matches of each kind before filters by tag, role, decade or category. */
  counts: Record<SearchKind, number>;
  facets: { tag: Facet[]; role: Facet[]; decade: Facet[]; category: Facet[] };
}

interface Candidate {
  entryId: number;
  score: number;
  field: string;
  text: string;
}

/** Typos allowed in a word: one in a short word, two from five letters on. */
function allowedTypos(word: string): number {
  return word.length >= 5 ? 2 : 1;
}

function deletions(word: string): string[] {
  const out = new Set([word]);
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return [...out];
}

/**
 * Search over songs, artists, works, features and tags in any script. The same lanes and
 * ranking run on both databases; only finding names that contain a fragment differs.
 */
export function createSearchService({ db, clock }: { db: Db; clock: Clock }) {
  const backend = backendFor(db);

  const keep = (found: Map<number, Candidate>, hit: NameHit, score: number) => {
    const weighted = score * (FIELD_WEIGHT[hit.field] ?? 1);
    const best = found.get(hit.entry_id);
    if (!best || best.score < weighted)
      found.set(hit.entry_id, {
        entryId: hit.entry_id,
        score: weighted,
        field: hit.field,
        text: hit.text,
      });
  };

  const startsWith = async (key: string, found: Map<number, Candidate>) => {
    const hits = await db
      .selectFrom('search_names')
      .select(['entry_id', 'field', 'text', 'key'])
      .where('key', '>=', key)
      .where('key', '<', key + END)
      .orderBy('key')
      .limit(LANE_LIMIT)
      .execute();
    for (const hit of hits) {
      // Shorter names that start with the input are likelier what was meant.
      const rest = hit.key.length - key.length;
      keep(found, hit, rest === 0 ? LANE.exact : LANE.prefix - Math.min(10, rest / 3));
    }
  };

  /**
   * Names containing each word, each word looked up once per search (the typo lane asks again
   * for words the word lane asked for), at most `MAX_LOOKUPS` words: past that, none found.
   */
  const lookups = () => {
    const asked = new Map<string, Promise<NameHit[]>>();
    return (word: string): Promise<NameHit[]> => {
      let hits = asked.get(word);
      if (!hits) {
        hits =
          asked.size < MAX_LOOKUPS ? backend.containing(db, word, WORD_LIMIT) : Promise.resolve([]);
        asked.set(word, hits);
      }
      return hits;
    };
  };

  /** Entries that have every word (or one of its alternatives) in some name. */
  const allWords = async (
    alternatives: string[][],
    score: number,
    found: Map<number, Candidate>,
    containing: (word: string) => Promise<NameHit[]>,
  ) => {
    // The entries that have every word so far: once none, later words need no lookup.
    let common: Map<number, NameHit> | null = null;
    for (const options of alternatives) {
      const hits = (await Promise.all(options.map(containing))).flat();
      const here = new Map<number, NameHit>();
      for (const hit of hits)
        if (!here.has(hit.entry_id) && (!common || common.has(hit.entry_id)))
          here.set(hit.entry_id, common?.get(hit.entry_id) ?? hit);
      if (here.size === 0) return;
      common = here;
    }
    for (const hit of common?.values() ?? []) keep(found, hit, score);
  };

  /** Words of the query replaced by the vocabulary's words within a typo or two. */
  const nearWords = async (words: string[]): Promise<string[][] | null> => {
    const out: string[][] = [];
    for (const word of words) {
      if (word.length < 4 || !/^[a-z0-9]+$/.test(word)) {
        out.push([word]);
        continue;
      }
      const rows = await db
        .selectFrom('search_terms')
        .select('term')
        .distinct()
        .where('variant', 'in', deletions(word))
        .limit(200)
        .execute();
      // A word some name spells just so is not a typo: it is looked for as it is.
      if (rows.some((r) => r.term === word)) {
        out.push([word]);
        continue;
      }
      const near = rows
        .map((r) => ({ term: r.term, typos: distance(word, r.term) }))
        .filter((t) => t.typos <= allowedTypos(word))
        .sort((a, b) => a.typos - b.typos || a.term.localeCompare(b.term))
        .slice(0, 8)
        .map((t) => t.term);
      if (near.length === 0) return null;
      out.push(near);
    }
    return out;
  };

  /**
   * Entries the query matches, scored by lane and field. Lanes run best first and stop once
   * `enough` entries are found, so a common word costs no more than a rare one. The work is
   * bounded whatever the query: each form is one starts-with lookup, and lookups inside names
   * are of distinct words of at least a trigram (a shorter one would read every name), at
   * most `MAX_WORDS` of them and `MAX_LOOKUPS` in all.
   */
  const match = async (
    query: string,
    enough: number,
    fuzzy: boolean,
    containing = lookups(),
  ): Promise<Candidate[]> => {
    const { japanese, latin } = queryForms(query);
    const forms = [japanese, latin].filter((f): f is string => f !== null);
    const found = new Map<number, Candidate>();
    const words = (form: string) => lookupWords(form, MIN_FRAGMENT, MAX_WORDS);
    for (const form of forms) await startsWith(compact(form), found);
    for (const form of forms) {
      if (found.size >= enough) break;
      const looked = words(form);
      if (looked.length > 0)
        await allWords(
          looked.map((w) => [w]),
          LANE.words,
          found,
          containing,
        );
    }
    if (fuzzy && found.size === 0 && latin) {
      const looked = words(latin);
      const near = looked.length > 0 ? await nearWords(looked) : null;
      if (near) await allWords(near, LANE.fuzzy, found, containing);
    }
    return [...found.values()];
  };

  /** Live entries, each scored with popularity, best first. */
  const ranked = async (candidates: Candidate[], type?: SearchKind) => {
    const now = toTimestamp(clock.now());
    const rows = await results.entriesByIds(
      db,
      candidates.map((c) => c.entryId),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return candidates
      .flatMap((c) => {
        const entry = byId.get(c.entryId);
        if (!entry || entry.live_from === null || entry.live_from > now) return [];
        if (type && entry.kind !== type) return [];
        return [{ ...c, entry, total: c.score + Math.log1p(entry.popularity) * 2 }];
      })
      .sort(
        (a, b) =>
          b.total - a.total ||
          b.entry.popularity - a.entry.popularity ||
          a.entry.slug.localeCompare(b.entry.slug),
      );
  };

  const show = async (
    items: Awaited<ReturnType<typeof ranked>>,
    locale: Locale,
  ): Promise<SearchResult[]> => {
    const shownByKind = new Map(
      await Promise.all(
        SEARCH_KINDS.map(
          async (kind) =>
            [
              kind,
              await results.shown(
                db,
                kind,
                items.filter((i) => i.entry.kind === kind).map((i) => i.entry.entity_id),
                locale,
              ),
            ] as const,
        ),
      ),
    );
    return items.flatMap((item) => {
      const kind = item.entry.kind as SearchKind;
      const seen = shownByKind.get(kind)?.get(item.entry.entity_id);
      return seen
        ? [
            {
              kind,
              id: item.entry.entity_id,
              slug: item.entry.slug,
              name: seen.name,
              detail: seen.detail,
              matched: { field: item.field, text: item.text },
            },
          ]
        : [];
    });
  };

  /** The same question, however its filters were written. */
  const questionKey = (...parts: unknown[]) =>
    JSON.stringify(parts, (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
        : value,
    );

  /** One page of results with counts by kind and facets over the matching songs. */
  async function search(
    query: string,
    locale: Locale,
    filters: SearchFilters = {},
    page = 1,
  ): Promise<SearchPage> {
    const all = await ranked(await match(query, ENOUGH_FOR_PAGES, true));
    const counts = Object.fromEntries(
      SEARCH_KINDS.map((k) => [k, all.filter((a) => a.entry.kind === k).length]),
    ) as Record<SearchKind, number>;
    const songFilters = Boolean(filters.tag || filters.role || filters.decade || filters.category);
    const type = songFilters ? 'song' : filters.type;
    const typed = type ? all.filter((a) => a.entry.kind === type) : all;
    const songIds = typed.filter((a) => a.entry.kind === 'song').map((a) => a.entry.entity_id);
    const facts = await results.songFacts(db, songIds.slice(0, 500), toTimestamp(clock.now()));
    const passes = (id: number) => {
      const f = facts.get(id);
      if (!f) return !songFilters;
      return (
        (!filters.tag || f.tags.includes(filters.tag)) &&
        (!filters.role || f.roles.includes(filters.role)) &&
        (!filters.decade || f.decade === filters.decade) &&
        (!filters.category || f.categories.includes(filters.category))
      );
    };
    const kept = typed.filter((a) => a.entry.kind !== 'song' || passes(a.entry.entity_id));

    const tally = (values: (id: number) => string[]) => {
      const counted = new Map<string, number>();
      for (const a of kept)
        if (a.entry.kind === 'song')
          for (const v of values(a.entry.entity_id)) counted.set(v, (counted.get(v) ?? 0) + 1);
      return [...counted].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    };
    const tagCounts = tally((id) => facts.get(id)?.tags ?? []);
    const roleCounts = tally((id) => facts.get(id)?.roles ?? []);
    const decadeCounts = tally((id) => {
      const decade = facts.get(id)?.decade;
      return decade ? [decade] : [];
    });
    const categoryCounts = tally((id) => facts.get(id)?.categories ?? []);
    const labels = await results.facetLabels(
      db,
      tagCounts.map(([t]) => t),
      categoryCounts.map(([c]) => c),
      locale,
    );

    const pageCount = Math.max(1, Math.ceil(kept.length / PAGE_SIZE));
    const current = Math.min(Math.max(1, page), pageCount);
    return {
      query,
      page: current,
      pageCount,
      total: kept.length,
      results: await show(kept.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE), locale),
      counts,
      facets: {
        tag: tagCounts.map(([value, count]) => ({
          value,
          label: labels.tags.get(value)?.text ?? value,
          count,
        })),
        role: roleCounts.map(([value, count]) => ({ value, label: value, count })),
        decade: decadeCounts.map(([value, count]) => ({ value, label: value, count })),
        category: categoryCounts.map(([value, count]) => ({
          value,
          label: labels.categories.get(value)?.text ?? value,
          count,
        })),
      },
    };
  }

  /** A few best matches for a box being typed in; typos only when nothing else matches. */
  async function suggest(
    query: string,
    locale: Locale,
    { type, limit = 8 }: { type?: SearchKind | undefined; limit?: number } = {},
  ): Promise<SearchResult[]> {
    // Both tries share their lookups: the second asks only for what the first did not.
    const containing = lookups();
    let found = await ranked(await match(query, limit * 4, false, containing), type);
    if (found.length === 0)
      found = await ranked(await match(query, limit * 4, true, containing), type);
    return show(found.slice(0, limit), locale);
  }

  // Readers searching for the same thing at once (a title everyone has just heard) share
  // one search: under load each would otherwise wait for the database in turn.
  return {
    search: shareWorkUnderWay(questionKey, search),
    suggest: shareWorkUnderWay(questionKey, suggest),
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
