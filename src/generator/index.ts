export { generateCatalog, type GenerateOptions, type GenerateSummary } from './generate-catalog.ts';
export { syntheticNames, capitalized } from './names.ts';
