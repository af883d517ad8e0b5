import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import * as repo from './plays.repository.ts';

type Db = Kysely<Database>;
const DAY_MS = 86_400_000;

/**
 * The screening rule, stated on the ranking pages and in the README. A song's day is a rise
 * when it has at least `minPlays` counted plays and more than `riseFactor` times the median
 * of its `baselineDays` days before. In a rise, the plays from any network (an IPv4 /24, an
 * IPv6 /48) that gave the song `networkPlays` or more that day, and from any address that
 * counted as many readers as it may, are held out of the rankings: a real surge comes from
 * many places, one reader each, and a bought one from a few places, as many as they can.
 */
export const SCREENING = {
  minPlays: 20,
  riseFactor: 3,
  baselineDays: 28,
  networkPlays: 10,
  /** Recent days screened before each recount; older days were screened when they were. */
  days: 7,
} as const;

export interface HeldPlays {
  song: string;
  day: string;
  /** Plays held this time. */
  held: number;
  /** The song's counted plays that day before they were held. */
  of: number;
  /** The median of its days before: what the day rose from. */
  baseline: number;
  networks: number;
  addresses: number;
}

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Screens the last days' plays (to `today`) and holds what the rule says; returns what it held. */
export async function screenPlays(
  db: Db,
  { today, readersPerAddress }: { today: string; readersPerAddress: number },
): Promise<HeldPlays[]> {
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const from = dayOf(todayMs - (SCREENING.days - 1) * DAY_MS);
  const busy = await repo.busySongDays(db, from, SCREENING.minPlays);
  const held: HeldPlays[] = [];
  const slugs = await repo.songSlugs(db, [...new Set(busy.map((b) => b.songId))]);
  for (const { songId, day, plays } of busy) {
    const dayMs = Date.parse(`${day}T00:00:00Z`);
    const before = await repo.dailyCounts(
      db,
      songId,
      dayOf(dayMs - SCREENING.baselineDays * DAY_MS),
      dayOf(dayMs - DAY_MS),
    );
    const baseline = median(
      Array.from(
        { length: SCREENING.baselineDays },
        (_, i) => before.get(dayOf(dayMs - (i + 1) * DAY_MS)) ?? 0,
      ),
    );
    if (plays <= SCREENING.riseFactor * baseline) continue;
    const sources = await repo.playSources(db, songId, day);
    const networks = sources.networks
      .filter((n) => n.plays >= SCREENING.networkPlays)
      .map((n) => n.key);
    const addresses = sources.addresses
      .filter((a) => a.plays >= readersPerAddress)
      .map((a) => a.key);
    const n = await repo.holdPlays(db, songId, day, { networks, addresses });
    if (n > 0)
      held.push({
        song: slugs.get(songId) ?? String(songId),
        day,
        held: n,
        of: plays,
        baseline,
        networks: networks.length,
        addresses: addresses.length,
      });
  }
  return held;
}
