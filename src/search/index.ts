export { createSearchIndexer, nameKeys, type SearchIndexer } from './indexer.ts';
export {
  createSearchService,
  PAGE_SIZE as SEARCH_PAGE_SIZE,
  SEARCH_KINDS,
  type SearchService,
  type SearchPage,
  type SearchResult,
  type SearchFilters,
  type Facet,
} from './search.service.ts';
export type { SearchKind } from './documents.repository.ts';
export { foldLatin, MAX_QUERY_LENGTH, normalizedLength, normalizeText } from './normalize.ts';
export { closeReadings } from './readings.ts';
