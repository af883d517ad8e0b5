import type { Kysely } from 'kysely';
import {
  ArtistInputSchema,
  createCatalogService,
  idsBySlug,
  LostRace,
  nextVersion,
  replaceRecord,
  SongInputSchema,
  WorkInputSchema,
  type ArtistInput,
  type SongInput,
  type WorkInput,
} from '#src/catalog/index.ts';
import type { Database } from '#src/db/schema.ts';
import type { Clock } from '#src/shared/clock.ts';
import { ValidationError } from '#src/shared/errors.ts';
import { problemIn, SINGULAR } from './import-records.ts';
import * as repo from './match.repository.ts';
import type { ImportPlan, Planned, PlannedKind, PlanProgress } from './plan-import.ts';

type Db = Kysely<Database>;

const BATCH = 500;
const EDITOR_SCHEMAS = {
  artists: ArtistInputSchema,
  works: WorkInputSchema,
  songs: SongInputSchema,
} as const;

/** A record as the catalog editor takes it: the import's own fields left behind. */
function editorRecord(r: Planned) {
  const { external_ids: _, ...record } = r.data;
  return { ...record, slug: r.target };
}

/**
 * Writes a plan inside the caller's transaction, through the catalog's own writers: new
 * records as the editor adds them (the same checks), fill-ins as the editor saves them (a
 * record changed since it was planned stops the import). Returns the slugs written, by kind.
 */
export async function applyPlan(
  trx: Db,
  clock: Clock,
  plan: ImportPlan,
  progress: PlanProgress = () => {},
): Promise<Record<PlannedKind, string[]>> {
  const catalog = createCatalogService({ db: trx, clock });
  const written: Record<PlannedKind, string[]> = { artists: [], works: [], songs: [] };
  const total = plan.records.filter((r) => r.action !== 'match').length;
  let done = 0;

  const create = async (kind: PlannedKind, records: Planned[]) => {
    const add = {
      artists: (batch: unknown[]) => catalog.addArtists(batch as ArtistInput[]),
      works: (batch: unknown[]) => catalog.addWorks(batch as WorkInput[]),
      songs: (batch: unknown[]) => catalog.addSongs(batch as SongInput[]),
    }[kind];
    try {
      await add(records.map(editorRecord));
    } catch (error) {
      // Checked already when planned; should the catalog still refuse, say where.
      if (!(error instanceof ValidationError)) throw error;
      throw new ValidationError(
        error.problems.map((p) => {
          const [index, ...rest] = p.path ?? [];
          const source = records[Number(index)]?.source;
          return source ? problemIn(source, rest, p.message) : p;
        }),
        'The import was not written',
      );
    }
    written[kind].push(...records.map((r) => r.target));
    done += records.length;
    progress('writing', done, total);
  };

  for (const kind of ['artists', 'works', 'songs'] as const) {
    const fresh = plan.records.filter((r) => r.kind === kind && r.action === 'create');
    // Members and covers may point anywhere in their batch: artists go in one batch, and
    // songs in batches with the covers last, after every song they can be a cover of.
    if (kind !== 'songs') await create(kind, fresh);
    else {
      const originals = fresh.filter((r) => !('cover_of' in r.data && r.data.cover_of));
      for (let i = 0; i < originals.length; i += BATCH)
        await create(kind, originals.slice(i, i + BATCH));
      await create(
        kind,
        fresh.filter((r) => 'cover_of' in r.data && r.data.cover_of),
      );
    }
    const ids = await idsBySlug(
      trx,
      kind,
      fresh.map((r) => r.target),
    );
    await repo.addExternalIds(
      trx,
      SINGULAR[kind],
      fresh.flatMap((r) =>
        Object.entries(r.data.external_ids).map(([source, externalId]) => ({
          id: ids.get(r.target) as number,
          source,
          externalId,
        })),
      ),
    );
  }

  for (const r of plan.records.filter((x) => x.action === 'update')) {
    const id = r.existingId as number;
    if (r.merged) {
      const data = EDITOR_SCHEMAS[r.kind].parse(r.merged);
      try {
        await replaceRecord(
          trx,
          r.kind,
          id,
          data,
          nextVersion(clock.now(), r.version ?? null),
          r.version ?? '',
        );
      } catch (error) {
        if (!(error instanceof LostRace)) throw error;
        throw new Error(
          `${SINGULAR[r.kind]} "${r.target}" was changed while the import ran; nothing was written, run it again`,
          { cause: error },
        );
      }
    }
    await repo.addExternalIds(
      trx,
      SINGULAR[r.kind],
      r.newIds.map((n) => ({ id, ...n })),
    );
    written[r.kind].push(r.target);
    progress('writing', ++done, total);
  }
  return written;
}
