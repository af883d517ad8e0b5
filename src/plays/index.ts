export { createPlaysService, type PlaysService, type PlayOutcome } from './plays.service.ts';
export type { HistorySummary } from './demo-history.ts';
export { insertRollups as addDailyCounts } from './plays.repository.ts';
