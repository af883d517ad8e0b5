export { readContentPack, type ContentPack } from './content-pack.ts';
export { loadContentPack, type LoadSummary } from './load-content-pack.ts';
