export {
  createRankingsService,
  type RankingsService,
  type RefreshOutcome,
} from './rankings.service.ts';
export { movement, rankOrder, type Movement } from './ranking-order.ts';
export { rankingPeriod, type RankingPeriod } from './period.ts';
