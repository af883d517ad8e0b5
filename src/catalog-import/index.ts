export {
  createCatalogImport,
  type CatalogImport,
  type CatalogImportDeps,
  type ImportFile,
} from './import-catalog.ts';
export type { ImportPlan, Planned, LikelyDuplicate, KeptValue } from './plan-import.ts';
export { CSV_COLUMNS } from './read-csv.ts';
export { SINGULAR } from './import-records.ts';
