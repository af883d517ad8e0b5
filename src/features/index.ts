export { startGoLiveTimer } from './go-live-timer.ts';
export {
  createFeaturesService,
  PAGE_SIZE,
  type FeaturePage,
  type FeatureSummary,
  type EntryView,
  type RankingView,
  type StandingView,
  type FeaturesService,
  type PageRequest,
} from './features.service.ts';
export * from './features.schemas.ts';
export type { FeatureFilter } from './features.repository.ts';
export {
  createEditingService,
  type EditingService,
  type EditorView,
  type EditorListItem,
  type FeatureDocument,
} from './editing.service.ts';
export {
  listDefinitions as listRankingDefinitions,
  scopeOf,
  saveStandings,
  type RankingDefinition,
  type RankingBounds,
  type Standing,
} from './ranking.repository.ts';
export { placeRankedEntries } from './feature-writer.ts';
