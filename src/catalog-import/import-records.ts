import type { Problem } from '#src/shared/errors.ts';

/** What an import brings: the catalog's three kinds of record, and tie-ins of songs to works. */
export const IMPORT_KINDS = ['artists', 'works', 'songs', 'tie_ins'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The record kinds an import writes, each under its singular: an owner of ids, an entity of changes. */
export const SINGULAR = { artists: 'artist', works: 'work', songs: 'song' } as const;

/** Where something sits in an import file: a column or JSON path, and a line. */
export interface Location {
  field: string;
  line?: number;
}

/** One record as a file states it, before validation, with the means to point back into the file. */
export interface SourceRecord {
  kind: ImportKind;
  input: Record<string, unknown>;
  file: string;
  /** How reports name the record: `line 4`, `songs[3]`, `anime[0].animethemes[2].song`. */
  label: string;
  /** Where the value at `path` of `input` came from. */
  locate(path: readonly (string | number)[]): Location;
  /**
   * Whether the slug is the file's own name for the record (a keeper wrote it, and an
   * existing record with that slug is the same record), or one made up from its name.
   */
  slugNamesRecord: boolean;
}

/** A theme or row left out of the import on purpose, with the reason. */
export interface Skipped {
  file: string;
  label: string;
  reason: string;
}

/** What reading a file gave: its records, what it left out, and what is wrong with it. */
export interface ReadResult {
  records: SourceRecord[];
  skipped: Skipped[];
  problems: Problem[];
}

export function problemIn(
  record: Pick<SourceRecord, 'file' | 'locate'>,
  path: readonly (string | number)[],
  message: string,
): Problem {
  const { field, line } = record.locate(path);
  return { file: record.file, ...(line ? { line } : {}), field, message: plainMessage(message) };
}

/** Zod's words for a missing value, in a catalog keeper's. */
function plainMessage(message: string): string {
  return /received undefined$/.test(message) ? 'is required' : message;
}
