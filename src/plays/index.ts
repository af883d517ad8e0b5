export {
  createPlaysService,
  READERS_PER_ADDRESS,
  type PlaysService,
  type PlayOutcome,
} from './plays.service.ts';
export { addressGroupsOf } from './address-groups.ts';
export type { HistorySummary } from './demo-history.ts';
export { insertRollups as addDailyCounts } from './plays.repository.ts';
export { SCREENING, type HeldPlays } from './screening.ts';
