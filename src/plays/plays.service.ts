import { isbot } from 'isbot';
import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { toTimestamp, type Clock } from '#src/shared/clock.ts';
import { generatePlayHistory, type HistorySummary } from './demo-history.ts';
import { createPlayRecorder, type RecordOutcome } from './play-recorder.ts';
import * as repo from './plays.repository.ts';
import { screenPlays } from './screening.ts';
import { createReaderHasher } from './readers.ts';

export interface PlayRequest {
  song: string;
  feature?: string | undefined;
  locale: string;
  address: string;
  userAgent: string;
}

export type PlayOutcome = RecordOutcome | { status: 'ignored' };

/** Readers one address (an IPv4 address, an IPv6 /64) may count per song and day by default. */
export const READERS_PER_ADDRESS = 3;

const DAY_MS = 86_400_000;

function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Counting plays honestly: a reader's repeated plays of one song on one day count once, at
 * most a few readers per address, known bots not at all, and a play is acknowledged only
 * once stored.
 */
export function createPlaysService({
  db,
  clock,
  rawDays,
  readersPerAddress = READERS_PER_ADDRESS,
}: {
  db: Kysely<Database>;
  clock: Clock;
  /** Raw plays older than this many days are folded into daily counts. */
  rawDays: number;
  /** Readers one address may count per song and day. */
  readersPerAddress?: number;
}) {
  const readers = createReaderHasher({ db });
  const recorder = createPlayRecorder({ db, readersPerAddress });

  return {
    async record(request: PlayRequest): Promise<PlayOutcome> {
      if (!request.userAgent || isbot(request.userAgent)) return { status: 'ignored' };
      const now = clock.now();
      const day = dayOf(now);
      return recorder.record({
        song: request.song,
        feature: request.feature,
        locale: request.locale,
        day,
        at: toTimestamp(now),
        ...(await readers.readerOf(day, request.address, request.userAgent)),
      });
    },

    /** Daily counted plays of a song, every day from `from` to `to` listed, zeros included. */
    async daily(
      songId: number,
      from: string,
      to: string,
    ): Promise<{ day: string; plays: number }[]> {
      const counts = await repo.dailyCounts(db, songId, from, to);
      const days: { day: string; plays: number }[] = [];
      for (
        let t = Date.parse(`${from}T00:00:00Z`);
        t <= Date.parse(`${to}T00:00:00Z`);
        t += DAY_MS
      ) {
        const day = dayOf(new Date(t));
        days.push({ day, plays: counts.get(day) ?? 0 });
      }
      return days;
    },

    /** Holds the last days' suspicious plays out of the rankings (see screening.ts). */
    screen: () => screenPlays(db, { today: dayOf(clock.now()), readersPerAddress }),

    /** Folds raw plays older than the window into daily counts; returns how many were folded. */
    fold: () => repo.foldPlays(db, dayOf(new Date(clock.now().getTime() - rawDays * DAY_MS))),

    /**
     * Writes a made-up listening history for a demo site (see demo-history.ts). Refuses,
     * returning null, when plays have already been counted, unless told to replace them.
     */
    async generateDemoHistory({
      seed = 1,
      replace = false,
    }: { seed?: number; replace?: boolean } = {}): Promise<HistorySummary | null> {
      if (!replace && (await repo.hasHistory(db))) return null;
      return db.transaction().execute(async (trx) => {
        if (replace) await repo.clearHistory(trx);
        return generatePlayHistory(trx, { today: dayOf(clock.now()), seed });
      });
    },

    today: () => dayOf(clock.now()),
    readersPerAddress,
    flush: () => recorder.flush(),
    get queueDepth() {
      return recorder.queueDepth;
    },
  };
}

export type PlaysService = ReturnType<typeof createPlaysService>;
