import type { RankingView } from '#src/features/index.ts';
import { READERS_PER_ADDRESS } from '#src/plays/index.ts';
import { formatDate } from '../i18n/index.ts';
import type { PageContext } from '../page-context.ts';

/** What a ranking counts, what its arrows compare with, how ties are broken, and when. */
export function RankingMethod({ ranking, ctx }: { ranking: RankingView; ctx: PageContext }) {
  const { t, locale } = ctx;
  const date = (day: string) => formatDate(`${day}T00:00:00Z`, locale);
  const counted = ranking.from !== null && ranking.to !== null && ranking.from <= ranking.to;
  return (
    <aside class="ranking-method" aria-labelledby="ranking-method-title">
      <h2 id="ranking-method-title">{t.rankingMethod}</h2>
      <ul>
        {counted && (
          <li>{t.rankingPeriod(date(ranking.from as string), date(ranking.to as string))}</li>
        )}
        <li>
          {t.rankingScope(
            ranking.category?.name.text ?? null,
            ranking.tags.map((tag) => tag.name.text),
          )}
        </li>
        {counted && ranking.previousFrom && ranking.previousTo && (
          <li>{t.rankingComparedWith(date(ranking.previousFrom), date(ranking.previousTo))}</li>
        )}
        <li>{t.rankingTieBreak}</li>
        <li>{t.rankingFairness(READERS_PER_ADDRESS)}</li>
        {ranking.refreshedAt && (
          <li>{t.rankingRefreshed(formatDate(ranking.refreshedAt, locale))}</li>
        )}
      </ul>
    </aside>
  );
}
