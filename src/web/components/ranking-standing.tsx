import type { StandingView } from '#src/features/index.ts';
import { movement } from '#src/rankings/index.ts';
import { formatNumber } from '../i18n/index.ts';
import type { PageContext } from '../page-context.ts';

const WIDTH = 96;
const HEIGHT = 28;
const PAD = 3;

/**
 * The points of a sparkline, from the lowest value at the bottom to the highest at the top:
 * the shape of the trend, not its size (the play count beside it gives that).
 */
export function sparklinePoints(values: readonly number[]): [number, number][] {
  const min = Math.min(...values);
  const range = Math.max(...values) - min || 1;
  const stepX = values.length > 1 ? (WIDTH - 2 * PAD) / (values.length - 1) : 0;
  return values.map((v, i) => [
    Math.round((PAD + i * stepX) * 10) / 10,
    Math.round((HEIGHT - PAD - ((v - min) / range) * (HEIGHT - 2 * PAD)) * 10) / 10,
  ]);
}

function TrendChart({
  trend,
  step,
  ctx,
}: {
  trend: number[];
  step: 'month' | 'day';
  ctx: PageContext;
}) {
  if (trend.length < 2) return null;
  const points = sparklinePoints(trend);
  const [lastX, lastY] = points.at(-1) as [number, number];
  return (
    <svg
      class="trend"
      role="img"
      aria-label={ctx.t.trendLabel(
        step,
        formatNumber(trend[0] as number, ctx.locale),
        formatNumber(trend.at(-1) as number, ctx.locale),
      )}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
    >
      <polyline points={points.map(([x, y]) => `${x},${y}`).join(' ')} />
      <circle cx={lastX} cy={lastY} r="2.5" />
    </svg>
  );
}

/** "Rank 3 · ▲ Up 2 · 1,234 plays" and the trend chart, under a ranked song's title. */
export function RankingStanding({
  rank,
  standing,
  step,
  ctx,
}: {
  rank: number;
  standing: StandingView;
  step: 'month' | 'day';
  ctx: PageContext;
}) {
  const { t, locale } = ctx;
  const move = movement(rank, standing.previousRank);
  const by = 'by' in move ? move.by : 0;
  const arrow = { up: '▲', down: '▼', new: '★', same: '–' }[move.kind];
  return (
    <p class="standing">
      <span class="standing-rank">{t.rankLabel(rank)}</span>
      <span class={`movement movement-${move.kind}`}>
        <span aria-hidden="true">{arrow} </span>
        {t.movement(move.kind, by)}
      </span>
      <span class="standing-plays">{t.playCount(formatNumber(standing.plays, locale))}</span>
      <TrendChart trend={standing.trend} step={step} ctx={ctx} />
    </p>
  );
}
