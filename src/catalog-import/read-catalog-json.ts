import type { Problem } from '#src/shared/errors.ts';
import { IMPORT_KINDS, type ReadResult, type SourceRecord } from './import-records.ts';
import { CATALOG_FORMAT, CATALOG_VERSION } from './import.schemas.ts';
import type { JsonDocument } from './json-tree.ts';

/**
 * A catalog file: `{"format": "tokushu-catalog", "version": 1, "artists": [...],
 * "works": [...], "songs": [...], "tie_ins": [...]}`, each record as the catalog editor
 * writes it plus `external_ids`. See the README and examples/catalog.json.
 */
export function readCatalogJson(file: string, doc: JsonDocument): ReadResult {
  const root = doc.value as Record<string, unknown>;
  const problems: Problem[] = [];
  const at = (path: (string | number)[], message: string) => {
    const { field, line } = doc.locate(path);
    problems.push({ file, line, field, message });
  };
  if (root.version !== CATALOG_VERSION)
    at(
      ['version'],
      `this Tokushu reads version ${CATALOG_VERSION} of ${CATALOG_FORMAT}, not ${JSON.stringify(root.version)}`,
    );
  for (const key of Object.keys(root))
    if (!['format', 'version', ...IMPORT_KINDS].includes(key))
      at([key], `is not part of a catalog file (it has ${IMPORT_KINDS.join(', ')})`);
  const records: SourceRecord[] = [];
  for (const kind of IMPORT_KINDS) {
    const list = root[kind];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      at([kind], 'must be a list');
      continue;
    }
    list.forEach((input: unknown, i) => {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        at([kind, i], 'must be an object');
        return;
      }
      records.push({
        kind,
        input: input as Record<string, unknown>,
        file,
        label: `${kind}[${i}]`,
        slugNamesRecord: true,
        locate: (path) => doc.locate([kind, i, ...path]),
      });
    });
  }
  return { records, skipped: [], problems };
}
