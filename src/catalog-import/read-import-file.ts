import path from 'node:path';
import type { ReadResult } from './import-records.ts';
import { CATALOG_FORMAT } from './import.schemas.ts';
import { isProblem, parseJson } from './json-tree.ts';
import { readAnimeThemes } from './read-animethemes.ts';
import { readCatalogJson } from './read-catalog-json.ts';
import { readCsv } from './read-csv.ts';
import { decodeUtf8 } from './source-text.ts';

export type ImportFormat = 'csv' | 'catalog' | 'animethemes';

const nothing = (file: string, field: string, message: string, line?: number): ReadResult => ({
  records: [],
  skipped: [],
  problems: [{ file, ...(line ? { line } : {}), field, message }],
});

/**
 * Reads one import file in whichever format it is: a catalog spreadsheet (.csv), a catalog
 * file (.json with "format": "tokushu-catalog") or an AnimeThemes API response (.json with
 * "anime"). Every problem of the file comes back at once.
 */
export function readImportFile(
  file: string,
  bytes: Buffer,
): ReadResult & { format?: ImportFormat } {
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.csv' && extension !== '.json')
    return nothing(file, '(file name)', 'Tokushu imports .csv and .json files');
  const decoded = decodeUtf8(file, bytes);
  if ('problem' in decoded) return { records: [], skipped: [], problems: [decoded.problem] };
  if (extension === '.csv') return { ...readCsv(file, decoded.text), format: 'csv' };
  const doc = parseJson(file, decoded.text);
  if (isProblem(doc)) return { records: [], skipped: [], problems: [doc] };
  const root = doc.value;
  if (typeof root === 'object' && root !== null && !Array.isArray(root)) {
    if ((root as { format?: unknown }).format === CATALOG_FORMAT)
      return { ...readCatalogJson(file, doc), format: 'catalog' };
    if ('anime' in root) return { ...readAnimeThemes(file, doc), format: 'animethemes' };
  }
  return nothing(
    file,
    '(json)',
    `is neither a Tokushu catalog (with "format": "${CATALOG_FORMAT}") nor an AnimeThemes API response (with "anime")`,
    doc.locate([]).line,
  );
}
