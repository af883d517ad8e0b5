import type { Kysely } from 'kysely';
import { recordAudit } from '#src/accounts/index.ts';
import type { Database } from '#src/db/schema.ts';
import { inWriteTransaction } from '#src/db/write-transaction.ts';
import type { ChangeFeed } from '#src/shared/changes.ts';
import { toTimestamp, type Clock } from '#src/shared/clock.ts';
import { ValidationError, type Problem } from '#src/shared/errors.ts';
import { applyPlan } from './apply-import.ts';
import { SINGULAR } from './import-records.ts';
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
  /**
   * How long to wait for other writers (a running server) to let the import have the
   * database on SQLite; past it, DatabaseBusyError and nothing written. Default 30 s.
   */
  waitMs?: number;
  progress?: PlanProgress;
}

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
  { dryRun = false, progress, waitMs = 30_000 }: CatalogImportOptions = {},
): Promise<ImportPlan> {
  const read = files.map(({ file, bytes }) => readImportFile(file, bytes));
  const records = read.flatMap((r) => r.records);
  const options = {
    skipped: read.flatMap((r) => r.skipped),
    problems: read.flatMap((r) => r.problems),
    progress,
  };
  const inFileOrder = (error: unknown) => {
    if (!(error instanceof ValidationError)) throw error;
    const order = new Map(files.map((f, i) => [f.file, i]));
    const rank = (p: Problem) => [order.get(p.file ?? '') ?? 0, p.line ?? 0];
    throw new ValidationError(
      [...error.problems].sort((a, b) => {
        const [fa, la] = rank(a) as [number, number];
        const [fb, lb] = rank(b) as [number, number];
        return fa - fb || la - lb;
      }),
      'The import was not written',
    );
  };
  if (dryRun) return planImport(db, records, options).catch(inFileOrder);

  // The plan is made under the write lock, so nothing it matched can change before it is written.
  const { plan, noted } = await inWriteTransaction(
    db,
    async (trx) => {
      const plan = await planImport(trx, records, options).catch(inFileOrder);
      const written = await applyPlan(trx, clock, plan, progress);
      await recordAudit(trx, {
        at: toTimestamp(clock.now()),
        userId: null,
        action: 'import',
        entity: 'catalog',
        entityId: files.map((f) => f.file).join(', '),
        detail: Object.fromEntries(Object.entries(written).map(([k, slugs]) => [k, slugs.length])),
      });
      // What search, discovery and cached pages must catch up on is stored with the write.
      const noted = [];
      for (const [kind, slugs] of Object.entries(written) as [keyof typeof SINGULAR, string[]][])
        if (slugs.length > 0)
          noted.push(await changes.note(trx, { entity: SINGULAR[kind], slugs }));
      return { plan, noted };
    },
    { waitMs },
  );
  for (const change of noted) await changes.publish(change);
  return plan;
}
