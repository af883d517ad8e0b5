export { createCatalogService, type CatalogService } from './catalog.service.ts';
export {
  createCatalogEditing,
  permissionFor,
  type CatalogAction,
  type CatalogEditing,
  type RecordView,
} from './catalog-editing.service.ts';
export { RECORD_KINDS, type RecordKind, type RecordSummary } from './records.repository.ts';
export type { SongCard, Credit, TieIn, ArtistRef } from './catalog.repository.ts';
export * from './catalog.schemas.ts';
export * from './names.ts';
export { importBangumi, type BangumiImportReport } from './bangumi/import-bangumi.ts';
export { loadBangumiData } from './bangumi/bangumi-data.ts';
export { titleKey } from './title-key.ts';
export {
  createCatalogReader,
  type CatalogReader,
  type SongPage,
  type ArtistPage,
  type WorkPage,
  type WorkLink,
  type TagPage,
  type TagRef,
  type Category,
} from './catalog-reader.ts';
export {
  LostRace,
  nextVersion,
  readRecord,
  replaceRecord,
  type RecordData,
} from './record-writer.ts';
export { idsBySlug } from './catalog.repository.ts';
export { acceptSongs, acceptedChanges, type Accepted } from './review.ts';
