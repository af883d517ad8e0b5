export { exportSite } from './export-site.ts';
export { importSite, SiteImportError, type ImportSummary } from './import-site.ts';
export { FORMAT, VERSION } from './site-tables.ts';
