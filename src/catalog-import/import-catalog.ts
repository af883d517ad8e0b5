import type { Kysely } from 'kysely';
import { recordAudit } from '#src/accounts/index.ts';
import type { Database } from '#src/db/schema.ts';
import type { ChangeFeed } from '#src/shared/changes.ts';
import { toTimestamp, type Clock } from '#src/shared/clock.ts';
import { ValidationError } from '#src/shared/errors.ts';
import { applyPlan } from './apply-import.ts';
import { planImport, type ImportPlan, type PlanProgress } from './plan-import.ts';
import { readImportFile } from './read-import-file.ts';

export interface CatalogImportDeps {
  db: Kysely<Database>;
  clock: Clock;
  changes: ChangeFeed;
}

export interface CatalogImportOptions {
  /** Plan and report, write nothing. */
  dryRun?: boolean;
  progress?: PlanProgress;
}

const ENTITY = { artists: 'artist', works: 'work', songs: 'song' } as const;

export function createCatalogImport(deps: CatalogImportDeps) {
  return {
    /**
     * Imports catalog files together, as one change: all are read and every problem in any
     * of them is reported before anything is written, then the plan is written in one
     * transaction. Throws ValidationError listing the problems; the database is then as it was.
     */
    run: (files: readonly ImportFile[], options: CatalogImportOptions = {}) =>
      importCatalog(deps, files, options),
  };
}

export type CatalogImport = ReturnType<typeof createCatalogImport>;

export interface ImportFile {
  /** The name reports use, and whose extension (and name, for CSV) says what it holds. */
  file: string;
  bytes: Buffer;
}

async function importCatalog(
  { db, clock, changes }: CatalogImportDeps,
  files: readonly ImportFile[],
  { dryRun = false, progress }: CatalogImportOptions = {},
): Promise<ImportPlan> {
  const read = files.map(({ file, bytes }) => readImportFile(file, bytes));
  const problems = read.flatMap((r) => r.problems);
  if (problems.length > 0) throw new ValidationError(problems, 'The import was not written');
  const records = read.flatMap((r) => r.records);
  const skipped = read.flatMap((r) => r.skipped);
  if (dryRun) return planImport(db, records, skipped, progress);

  const { plan, written } = await db.transaction().execute(async (trx) => {
    const plan = await planImport(trx, records, skipped, progress);
    const written = await applyPlan(trx, clock, plan, progress);
    await recordAudit(trx, {
      at: toTimestamp(clock.now()),
      userId: null,
      action: 'import',
      entity: 'catalog',
      entityId: files.map((f) => f.file).join(', '),
      detail: Object.fromEntries(Object.entries(written).map(([k, slugs]) => [k, slugs.length])),
    });
    return { plan, written };
  });
  // Search, discovery and cached pages catch up with what was written.
  for (const [kind, slugs] of Object.entries(written) as [keyof typeof ENTITY, string[]][])
    if (slugs.length > 0) await changes.publish({ entity: ENTITY[kind], slugs });
  return plan;
}
