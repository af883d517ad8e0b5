import type { PlayTotal } from './standings.repository.ts';

/** The order of a ranking in one sentence, for the API (pages say it in the reader's language). */
export const RANKING_TIE_BREAK =
  'More plays first; on equal plays, more days with a play; then the song slug (its romanized title), A to Z.';

/**
 * The order of a ranking, stated on every ranking page: more plays first; on equal plays,
 * the song played on more days (steadier listening) first; then by slug, A to Z, which is
 * the song's romanized title. No two songs share a rank.
 */
export function rankOrder(totals: readonly PlayTotal[]): PlayTotal[] {
  return [...totals].sort(
    (a, b) =>
      b.plays - a.plays || b.days - a.days || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0),
  );
}

export type Movement =
  { kind: 'new' } | { kind: 'same' } | { kind: 'up'; by: number } | { kind: 'down'; by: number };

/** A rank against the rank the song held in the previous period (null: it had no plays). */
export function movement(rank: number, previousRank: number | null): Movement {
  if (previousRank === null) return { kind: 'new' };
  if (previousRank === rank) return { kind: 'same' };
  return previousRank > rank
    ? { kind: 'up', by: previousRank - rank }
    : { kind: 'down', by: rank - previousRank };
}
