import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { inWriteTransaction } from '#src/db/write-transaction.ts';
import type { Change } from '#src/shared/changes.ts';
import { toTimestamp, type Clock } from '#src/shared/clock.ts';
import * as signals from './signals.repository.ts';

type Db = Kysely<Database>;

/** How much each shared thing counts: the same work most, then artist and features, tags least. */
export const SONG_WEIGHTS = { tags: 1, works: 3, artists: 2, features: 2 } as const;
const REASONS: Record<keyof typeof SONG_WEIGHTS, string> = {
  tags: 'tags',
  works: 'work',
  artists: 'artist',
  features: 'features',
};
/** Diversity: no more than this many neighbours by one artist. */
export const PER_ARTIST = 2;
const KEPT = 12;
const BATCH = 200;

export interface Neighbour {
  id: number;
  score: number;
  reasons: string[];
}

/** Scores a song's candidates by shared signals, best first, at most two per lead artist. */
async function songNeighbours(db: Db, songId: number, now: string): Promise<Neighbour[]> {
  const found = await signals.relatedSongSignals(db, songId, now);
  const scored = new Map<number, Neighbour>();
  for (const [signal, rows] of Object.entries(found) as [
    keyof typeof SONG_WEIGHTS,
    { song_id: number; n: number }[],
  ][]) {
    for (const row of rows) {
      const n = scored.get(row.song_id) ?? { id: row.song_id, score: 0, reasons: [] };
      n.score += SONG_WEIGHTS[signal] * Number(row.n);
      n.reasons.push(REASONS[signal]);
      scored.set(row.song_id, n);
    }
  }
  const ranked = [...scored.values()]
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, KEPT * 4);
  const artists = await signals.leadArtists(
    db,
    ranked.map((n) => n.id),
  );
  const perArtist = new Map<number, number>();
  return ranked
    .filter((n) => {
      const artist = artists.get(n.id);
      if (artist === undefined) return true;
      const seen = perArtist.get(artist) ?? 0;
      perArtist.set(artist, seen + 1);
      return seen < PER_ARTIST;
    })
    .slice(0, KEPT);
}

/** Features sharing songs count three times as much as those sharing tags. */
async function featureNeighbours(db: Db, featureId: number, now: string): Promise<Neighbour[]> {
  const { byTags, bySongs } = await signals.overlappingFeatures(db, featureId, KEPT * 4, now);
  const scored = new Map<number, Neighbour>();
  const add = (rows: { feature_id: number; n: number }[], weight: number, reason: string) => {
    for (const row of rows) {
      const n = scored.get(row.feature_id) ?? { id: row.feature_id, score: 0, reasons: [] };
      n.score += weight * Number(row.n);
      n.reasons.push(reason);
      scored.set(row.feature_id, n);
    }
  };
  add(byTags, 1, 'tags');
  add(bySongs, 3, 'songs');
  return [...scored.values()].sort((a, b) => b.score - a.score || a.id - b.id).slice(0, KEPT);
}

/**
 * Keeps "songs like this" and "features like this" computed ahead of readers: each change
 * recomputes what it touched, so a page reads its neighbours with one indexed query. Only
 * what readers can see counts: live features, and songs an editor has let through.
 */
/**
 * `work` for each item, a group of `GROUP` at a time: a change can name a thousand songs,
 * and a thousand at once would queue for the connection pool past its timeout.
 */
const GROUP = 50;
async function inGroups<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += GROUP)
    results.push(...(await Promise.all(items.slice(i, i + GROUP).map(work))));
  return results;
}

export function createDiscoveryService({ db, clock }: { db: Db; clock: Clock }) {
  const now = () => toTimestamp(clock.now());
  // Each page reads the lists it replaces before writing: under the write lock from the
  // start, so that a server's writes in between do not fail it (SQLite).
  /** Recomputes the songs' neighbours; returns the songs whose list changed. */
  const refreshSongs = async (ids: Iterable<number>): Promise<number[]> => {
    const unique = [...new Set(ids)];
    const changed: number[] = [];
    for (let i = 0; i < unique.length; i += BATCH) {
      const page = unique.slice(i, i + BATCH);
      const computed = await inGroups(page, async (id) => ({
        id,
        neighbours: await songNeighbours(db, id, now()),
      }));
      await inWriteTransaction(db, async (trx) => {
        const before = await signals.neighbourLists(trx, 'song_neighbours', 'song_id', page);
        await trx.deleteFrom('song_neighbours').where('song_id', 'in', page).execute();
        const rows = computed.flatMap(({ id, neighbours }) =>
          neighbours.map((n, position) => ({
            song_id: id,
            position,
            neighbour_id: n.id,
            score: n.score,
            reasons: [...new Set(n.reasons)].join(','),
          })),
        );
        if (rows.length > 0) await trx.insertInto('song_neighbours').values(rows).execute();
        for (const { id, neighbours } of computed)
          if ((before.get(id) ?? '') !== neighbours.map((n) => n.id).join(',')) changed.push(id);
      });
    }
    return changed;
  };

  /** Recomputes the features' neighbours; returns the features whose list changed. */
  const refreshFeatures = async (ids: Iterable<number>): Promise<number[]> => {
    const unique = [...new Set(ids)];
    const changed: number[] = [];
    for (let i = 0; i < unique.length; i += BATCH) {
      const page = unique.slice(i, i + BATCH);
      const computed = await inGroups(page, async (id) => ({
        id,
        neighbours: await featureNeighbours(db, id, now()),
      }));
      await inWriteTransaction(db, async (trx) => {
        const before = await signals.neighbourLists(trx, 'feature_neighbours', 'feature_id', page);
        await trx.deleteFrom('feature_neighbours').where('feature_id', 'in', page).execute();
        const rows = computed.flatMap(({ id, neighbours }) =>
          neighbours.map((n, position) => ({
            feature_id: id,
            position,
            neighbour_id: n.id,
            score: n.score,
          })),
        );
        if (rows.length > 0) await trx.insertInto('feature_neighbours').values(rows).execute();
        for (const { id, neighbours } of computed)
          if ((before.get(id) ?? '') !== neighbours.map((n) => n.id).join(',')) changed.push(id);
      });
    }
    return changed;
  };

  /** Songs whose neighbours may change with these: those listing them, and their candidates. */
  const aroundSongs = async (ids: readonly number[]) => {
    if (ids.length === 0) return [];
    const listing = await db
      .selectFrom('song_neighbours')
      .select('song_id')
      .where('neighbour_id', 'in', ids)
      .execute();
    const candidates = await inGroups(ids, (id) => songNeighbours(db, id, now()));
    return [...ids, ...listing.map((r) => r.song_id), ...candidates.flat().map((n) => n.id)];
  };

  return {
    refreshSongs,
    refreshFeatures,

    async isEmpty(): Promise<boolean> {
      const row = await db
        .selectFrom('song_neighbours')
        .select('song_id')
        .limit(1)
        .executeTakeFirst();
      return row === undefined;
    },

    /** Computes every song's and feature's neighbours again, a page at a time. */
    async rebuild(): Promise<void> {
      for (const table of ['songs', 'features'] as const) {
        let after = 0;
        for (;;) {
          const rows = await db
            .selectFrom(table)
            .select('id')
            .where('id', '>', after)
            .orderBy('id')
            .limit(BATCH)
            .execute();
          if (rows.length === 0) break;
          const ids = rows.map((r) => r.id);
          await (table === 'songs' ? refreshSongs(ids) : refreshFeatures(ids));
          after = ids.at(-1) as number;
        }
      }
    },

    /** Follows one change: recomputes the neighbours it may have moved. */
    /**
     * Recomputes what a change may have moved. Returns the slugs of the songs and features
     * whose lists of neighbours changed, whose pages are then stale.
     */
    async apply(change: Change): Promise<Moved> {
      const table = {
        song: 'songs',
        artist: 'artists',
        work: 'works',
        feature: 'features',
        tag: 'tags',
      } as const;
      const ids = (
        await db
          .selectFrom(table[change.entity])
          .select('id')
          .where('slug', 'in', change.slugs)
          .execute()
      ).map((r) => r.id);
      let songs: number[] = [];
      let features: number[] = [];
      switch (change.entity) {
        case 'song':
          songs = await refreshSongs(await aroundSongs(ids));
          break;
        case 'feature': {
          const listing = await db
            .selectFrom('feature_neighbours')
            .select('feature_id')
            .where('neighbour_id', 'in', ids.length ? ids : [-1])
            .execute();
          // A feature that just went live is in nobody's list yet: the features it would
          // neighbour are recomputed too.
          const candidates = await inGroups(ids, (id) => featureNeighbours(db, id, now()));
          features = await refreshFeatures([
            ...ids,
            ...listing.map((r) => r.feature_id),
            ...candidates.flat().map((n) => n.id),
          ]);
          songs = await refreshSongs(await aroundSongs(await signals.songsIn(db, ids)));
          break;
        }
        default:
          // A name changed nothing here; a merge moved songs onto the record that stayed.
          if (ids.length !== change.slugs.length)
            songs = await refreshSongs(
              await aroundSongs(await signals.songsOf(db, change.entity, ids)),
            );
      }
      return signals.slugsOf(db, songs, features);
    },
  };
}

/** Songs and features whose neighbours changed, by slug. */
export interface Moved {
  songs: string[];
  features: string[];
}

export type DiscoveryService = ReturnType<typeof createDiscoveryService>;
