import { titleKey } from '../title-key.ts';
import type { BangumiItem } from './bangumi-data.ts';

export interface WorkToMatch {
  id: number;
  slug: string;
  year: number | null;
  titles: string[];
}

export type MatchResult =
  | { work: WorkToMatch; item: BangumiItem }
  | {
      work: WorkToMatch;
      item: null;
      reason: 'no-title-match' | 'no-year-match' | 'ambiguous' | 'no-year';
    };

/** JST calendar year of a bangumi-data timestamp: Japanese air dates are Japanese days. */
export function japanYear(iso: string): number | null {
  if (!iso) return null;
  const date = new Date(new Date(iso).getTime() + 9 * 3_600_000);
  return Number.isNaN(date.getTime()) ? null : date.getUTCFullYear();
}

/**
 * Matches each work to at most one bangumi-data item: a title in any script must match one of
 * the item's titles exactly (after titleKey), and the work's year must be the item's first air
 * year. Anything else, including two candidates, is left unmatched rather than guessed.
 */
export function matchWorks(
  works: readonly WorkToMatch[],
  items: readonly BangumiItem[],
): MatchResult[] {
  const byTitle = new Map<string, BangumiItem[]>();
  for (const item of items) {
    const titles = [item.title, ...Object.values(item.titleTranslate).flat()];
    for (const key of new Set(titles.map(titleKey).filter(Boolean))) {
      const list = byTitle.get(key) ?? [];
      list.push(item);
      byTitle.set(key, list);
    }
  }
  return works.map((work) => {
    const candidates = new Set(work.titles.flatMap((t) => byTitle.get(titleKey(t)) ?? []));
    if (candidates.size === 0) return { work, item: null, reason: 'no-title-match' };
    if (work.year === null) return { work, item: null, reason: 'no-year' };
    const sameYear = [...candidates].filter((item) => japanYear(item.begin) === work.year);
    if (sameYear.length === 0) return { work, item: null, reason: 'no-year-match' };
    if (sameYear.length > 1) return { work, item: null, reason: 'ambiguous' };
    return { work, item: sameYear[0] as BangumiItem };
  });
}
