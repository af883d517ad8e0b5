import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import type { Problem } from '#src/shared/errors.ts';
import type { ImportKind, ReadResult, SourceRecord } from './import-records.ts';

/**
 * Catalog spreadsheets, one kind of record per file: the file name says which
 * (`artists.csv`, `2026-works.csv`, `songs.csv`, `tie-ins.csv`), the first line names the
 * columns, in any order. Lists are separated by semicolons; credits are `artist:role` or
 * `artist:role:character`, other catalogs' ids `catalog:id`. See the README.
 */

type Cell = 'text' | 'integer' | 'list' | 'credits' | 'ids';
interface Column {
  path: (string | number)[];
  cell: Cell;
}

const name = (prefix: 'name' | 'title'): Record<string, Column> => ({
  [prefix]: { path: [prefix, 'original'], cell: 'text' },
  [`${prefix}_romanized`]: { path: [prefix, 'romanized'], cell: 'text' },
  [`${prefix}_en`]: { path: [prefix, 'en'], cell: 'text' },
  [`${prefix}_zh_hant`]: { path: [prefix, 'zh-hant'], cell: 'text' },
  [`${prefix}_ko`]: { path: [prefix, 'ko'], cell: 'text' },
});
const text = (...p: string[]): Column => ({ path: p, cell: 'text' });

export const CSV_COLUMNS: Record<ImportKind, Record<string, Column>> = {
  artists: {
    slug: text('slug'),
    kind: text('kind'),
    ...name('name'),
    aliases: { path: ['aliases'], cell: 'list' },
    members: { path: ['members'], cell: 'list' },
    external_ids: { path: ['external_ids'], cell: 'ids' },
  },
  works: {
    slug: text('slug'),
    kind: text('kind'),
    year: { path: ['year'], cell: 'integer' },
    ...name('title'),
    aliases: { path: ['aliases'], cell: 'list' },
    external_ids: { path: ['external_ids'], cell: 'ids' },
  },
  songs: {
    slug: text('slug'),
    ...name('title'),
    aliases: { path: ['aliases'], cell: 'list' },
    released: text('released'),
    credits: { path: ['credits'], cell: 'credits' },
    cover_of: text('cover_of'),
    tags: { path: ['tags'], cell: 'list' },
    youtube: text('media', 'youtube'),
    spotify: text('media', 'spotify'),
    apple_music: text('media', 'apple-music'),
    niconico: text('media', 'niconico'),
    external_ids: { path: ['external_ids'], cell: 'ids' },
  },
  tie_ins: {
    song: text('song'),
    work: text('work'),
    role: text('role'),
    sequence: { path: ['sequence'], cell: 'integer' },
    season: text('season'),
    note: text('note'),
  },
};

const FILE_KINDS: [RegExp, ImportKind][] = [
  [/artists\.csv$/i, 'artists'],
  [/works\.csv$/i, 'works'],
  [/songs\.csv$/i, 'songs'],
  [/tie-ins\.csv$/i, 'tie_ins'],
];

export function csvKind(file: string): ImportKind | null {
  return FILE_KINDS.find(([pattern]) => pattern.test(path.basename(file)))?.[1] ?? null;
}

const list = (cell: string) =>
  cell
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

/** Sets `value` at `path` inside `target`, making the objects on the way. */
function setAt(target: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((key) => {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  });
  node[path[path.length - 1] as string] = value;
}

export function readCsv(file: string, text: string): ReadResult {
  const kind = csvKind(file);
  const problems: Problem[] = [];
  if (!kind)
    return {
      records: [],
      skipped: [],
      problems: [
        {
          file,
          field: '(file name)',
          message:
            'a CSV file is named for its rows: artists.csv, works.csv, songs.csv or tie-ins.csv (a prefix such as 2026-songs.csv is fine)',
        },
      ],
    };
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof rows;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const at = (error as CsvError & { lines?: number }).lines;
    const message =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted cell is never closed (is the file cut short?)'
        : error.message;
    return { records: [], skipped: [], problems: [{ file, line: at, field: '(csv)', message }] };
  }
  const [header, ...body] = rows;
  if (!header)
    return {
      records: [],
      skipped: [],
      problems: [{ file, line: 1, field: '(csv)', message: 'is empty' }],
    };
  const columns = CSV_COLUMNS[kind];
  const names = header.record.map((h) => h.trim());
  names.forEach((n, i) => {
    if (!(n in columns))
      problems.push({
        file,
        line: header.info.lines,
        field: n || `column ${i + 1}`,
        message: `is not a column of ${kind.replace('_', '-')}.csv (its columns are ${Object.keys(columns).join(', ')})`,
      });
  });
  const required = kind === 'tie_ins' ? ['song', 'work', 'role'] : ['slug'];
  for (const column of required)
    if (!names.includes(column))
      problems.push({
        file,
        line: header.info.lines,
        field: column,
        message: 'the header has no such column, and every row needs one',
      });
  if (problems.length > 0) return { records: [], skipped: [], problems };

  const records: SourceRecord[] = [];
  for (const { record: cells, info } of body) {
    // A row ends on info.lines; a quoted cell may have carried it over several lines.
    const line = info.lines - cells.join('').split('\n').length + 1;
    if (cells.length !== names.length) {
      problems.push({
        file,
        line,
        field: '(row)',
        message: `has ${cells.length} cells where the header has ${names.length}${cells.length < names.length ? ' (is the file cut short?)' : ''}`,
      });
      continue;
    }
    const input: Record<string, unknown> = {};
    const fieldFor: { path: (string | number)[]; column: string }[] = [];
    cells.forEach((raw, i) => {
      const column = names[i] as string;
      const spec = columns[column] as Column;
      fieldFor.push({ path: spec.path, column });
      const cell = raw.trim();
      if (!cell) return;
      const problem = (message: string) => problems.push({ file, line, field: column, message });
      switch (spec.cell) {
        case 'text':
          return setAt(input, spec.path, cell);
        case 'integer':
          return setAt(input, spec.path, /^-?\d+$/.test(cell) ? Number(cell) : cell);
        case 'list':
          return setAt(input, spec.path, list(cell));
        case 'credits':
          return setAt(
            input,
            spec.path,
            list(cell).map((credit) => {
              const [artist, role, as, ...rest] = credit.split(':').map((s) => s.trim());
              if (!role || rest.length > 0)
                problem(`"${credit}" must be written artist:role or artist:role:character`);
              return { artist, role, ...(as ? { as } : {}) };
            }),
          );
        case 'ids':
          return setAt(
            input,
            spec.path,
            Object.fromEntries(
              list(cell).map((pair) => {
                const at = pair.indexOf(':');
                if (at < 1) problem(`"${pair}" must be written catalog:id, like anilist:101922`);
                return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
              }),
            ),
          );
      }
    });
    // A name or title column that is there but empty still makes a name, so that a missing
    // original is reported as that column rather than as the whole name.
    for (const prefix of ['name', 'title'])
      if (names.includes(prefix) && input[prefix] === undefined) input[prefix] = {};
    records.push({
      kind,
      input,
      file,
      label: `line ${line}`,
      slugNamesRecord: true,
      locate: (at) => {
        const match = fieldFor.find((f) => f.path.every((p, i) => at[i] === p));
        return { field: match?.column ?? String(at[0] ?? '(row)'), line };
      },
    });
  }
  return { records, skipped: [], problems };
}
