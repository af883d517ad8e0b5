export { createCatalogService, type CatalogService } from './catalog.service.ts';
export type { SongCard, Credit, TieIn, ArtistRef } from './catalog.repository.ts';
export * from './catalog.schemas.ts';
export * from './names.ts';
