import type { Kysely } from 'kysely';
import { createCatalogService } from '#src/catalog/index.ts';
import type { Database } from '#src/db/schema.ts';
import { createFeaturesService } from '#src/features/index.ts';
import type { Clock } from '#src/shared/clock.ts';
import { ValidationError } from '#src/shared/errors.ts';
import type { ContentPack, Sourced } from './content-pack.ts';
import { problemIn } from './yaml-file.ts';

export interface LoadSummary {
  categories: number;
  tags: number;
  artists: number;
  works: number;
  songs: number;
  features: number;
  entries: number;
}

/**
 * Runs one batch through a service; problems it reports by batch index are mapped
 * back to the file and line the item came from.
 */
async function step<T>(items: Sourced<T>[], add: (values: T[]) => Promise<void>): Promise<void> {
  try {
    await add(items.map((i) => i.value));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      error.problems.map((p) => {
        const [index, ...rest] = p.path ?? [];
        const item = typeof index === 'number' ? items[index] : undefined;
        return item ? problemIn(item.file, [...item.path, ...rest], p.message) : p;
      }),
      'The content pack has problems',
    );
  }
}

/** Loads a validated pack in one transaction: all of it, or nothing. */
export async function loadContentPack(
  db: Kysely<Database>,
  clock: Clock,
  pack: ContentPack,
): Promise<LoadSummary> {
  await db.transaction().execute(async (trx) => {
    const catalog = createCatalogService({ db: trx, clock });
    const features = createFeaturesService({ db: trx, clock, catalog });
    await step(pack.categories, (v) => catalog.addCategories(v));
    await step(pack.tags, (v) => catalog.addTags(v));
    await step(pack.artists, (v) => catalog.addArtists(v));
    await step(pack.works, (v) => catalog.addWorks(v));
    await step(pack.songs, (v) => catalog.addSongs(v));
    await step(pack.features, (v) => features.addFeatures(v));
  });
  return {
    categories: pack.categories.length,
    tags: pack.tags.length,
    artists: pack.artists.length,
    works: pack.works.length,
    songs: pack.songs.length,
    features: pack.features.length,
    entries: pack.features.reduce((n, f) => n + (f.value.entries?.length ?? 0), 0),
  };
}
