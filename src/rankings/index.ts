export {
  createRankingsService,
  type RankingsService,
  type RefreshOutcome,
} from './rankings.service.ts';
export { movement, rankOrder, RANKING_TIE_BREAK, type Movement } from './ranking-order.ts';
export { rankingPeriod, type RankingPeriod } from './period.ts';
