import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import {
  listRankingDefinitions,
  placeRankedEntries,
  saveStandings,
  scopeOf,
  type RankingDefinition,
  type Standing,
} from '#src/features/index.ts';
import type { HeldPlays } from '#src/plays/index.ts';
import type { Change, ChangeFeed } from '#src/shared/changes.ts';
import { toTimestamp, type Clock } from '#src/shared/clock.ts';
import { daysBetween, rankingPeriod } from './period.ts';
import { rankOrder } from './ranking-order.ts';
import { playsByDay, playTotals } from './standings.repository.ts';

type Db = Kysely<Database>;

export interface RefreshOutcome {
  slug: string;
  from: string;
  to: string;
  ranked: number;
  /** Slugs of the first three songs. */
  top: string[];
}

/**
 * Rankings computed from counted plays. A refresh recomputes standings and puts the
 * feature's entries in their order, with the editors' notes; readers never see a half-done
 * ranking, because each is replaced in one transaction.
 */
export function createRankingsService({
  db,
  clock,
  changes,
  screen,
}: {
  db: Db;
  clock: Clock;
  changes: ChangeFeed;
  /** Holds suspicious plays out of the rankings before they are counted (see src/plays). */
  screen: () => Promise<HeldPlays[]>;
}) {
  /** Rankings this service is announcing: their own change must not set off another refresh. */
  const announcing = new Set<string>();

  const standingsOf = async (definition: RankingDefinition, today: string, now: string) => {
    const period = rankingPeriod(definition.period, today);
    const scope = scopeOf(db, definition, now);
    const [current, previous] = await Promise.all([
      playTotals(db, scope, period.from, period.to),
      playTotals(db, scope, period.previousFrom, period.previousTo),
    ]);
    const ranked = rankOrder(current).slice(0, definition.size);
    const previousRank = new Map(rankOrder(previous).map((t, i) => [t.songId, i + 1]));
    const daily = await playsByDay(
      db,
      ranked.map((t) => t.songId),
      period.from,
      period.to,
    );
    const standings: Standing[] = ranked.map((t, i) => {
      const days = daily.filter((d) => d.songId === t.songId);
      return {
        songId: t.songId,
        rank: i + 1,
        plays: t.plays,
        days: t.days,
        previousRank: previousRank.get(t.songId) ?? null,
        // Plays a day in each step, so that a month not yet over compares fairly.
        trend: period.steps.map((step) => {
          const plays = days
            .filter((d) => d.day >= step.from && d.day <= step.to)
            .reduce((sum, d) => sum + d.plays, 0);
          return Math.round((plays / daysBetween(step.from, step.to)) * 10) / 10;
        }),
      };
    });
    return { period, standings, slugs: ranked.map((t) => t.slug) };
  };

  const refreshOne = async (definition: RankingDefinition): Promise<RefreshOutcome> => {
    const now = clock.now();
    const at = toTimestamp(now);
    const { period, standings, slugs } = await standingsOf(definition, at.slice(0, 10), at);
    const noted = await db.transaction().execute(async (trx) => {
      await saveStandings(trx, definition.featureId, standings, {
        refreshedAt: at,
        from: period.from,
        to: period.to,
        previousFrom: period.previousFrom,
        previousTo: period.previousTo,
      });
      await placeRankedEntries(trx, definition.featureId, at);
      return changes.note(trx, { entity: 'feature', slugs: [definition.slug] });
    });
    // Song pages list the rankings they are in: the cache finds those through the feature.
    announcing.add(definition.slug);
    try {
      await changes.publish(noted);
    } finally {
      announcing.delete(definition.slug);
    }
    return {
      slug: definition.slug,
      from: period.from,
      to: period.to,
      ranked: standings.length,
      top: slugs.slice(0, 3),
    };
  };

  const refresh = async (slug?: string): Promise<RefreshOutcome[]> => {
    const outcomes: RefreshOutcome[] = [];
    for (const definition of await listRankingDefinitions(db, slug))
      outcomes.push(await refreshOne(definition));
    return outcomes;
  };

  return {
    /** Recomputes every ranking, or the one with `slug` (none when it is not a ranking). */
    refresh,

    /**
     * A recount: screens the recent plays, holding what looks bought, then recomputes the
     * rankings (or the one with `slug`). Reports what it held.
     */
    async recount(slug?: string): Promise<{ held: HeldPlays[]; rankings: RefreshOutcome[] }> {
      const held = await screen();
      return { held, rankings: await refresh(slug) };
    },

    /** An edited ranking (its scope or period may have changed) is recomputed at once. */
    async apply(change: Change): Promise<void> {
      if (change.entity !== 'feature') return;
      for (const slug of change.slugs) {
        if (announcing.has(slug)) continue;
        const definitions = await listRankingDefinitions(db, slug);
        if (definitions.length > 0) await screen();
        for (const definition of definitions) await refreshOne(definition);
      }
    },
  };
}

export type RankingsService = ReturnType<typeof createRankingsService>;
