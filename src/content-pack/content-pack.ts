import path from 'node:path';
import { z } from 'zod';
import {
  ArtistInputSchema,
  CategoryInputSchema,
  SongInputSchema,
  TagInputSchema,
  WorkInputSchema,
  type ArtistInput,
  type CategoryInput,
  type SongInput,
  type TagInput,
  type WorkInput,
} from '#src/catalog/index.ts';
import { FeatureInputSchema, type FeatureInput } from '#src/features/index.ts';
import { ValidationError, type Problem } from '#src/shared/errors.ts';
import { zodProblems } from '#src/shared/validation.ts';
import { listYamlFiles, problemIn, readYamlFile, type YamlFile } from './yaml-file.ts';

/** One item of the pack and where it came from, so later problems can name file and line. */
export interface Sourced<T> {
  value: T;
  file: YamlFile;
  path: (string | number)[];
}

export interface ContentPack {
  categories: Sourced<CategoryInput>[];
  tags: Sourced<TagInput>[];
  artists: Sourced<ArtistInput>[];
  works: Sourced<WorkInput>[];
  songs: Sourced<SongInput>[];
  features: Sourced<FeatureInput>[];
}

const TaxonomyFile = z.strictObject({
  categories: z.array(z.unknown()).default([]),
  tags: z.array(z.unknown()).default([]),
});
const CatalogFile = z.strictObject({
  artists: z.array(z.unknown()).default([]),
  works: z.array(z.unknown()).default([]),
  songs: z.array(z.unknown()).default([]),
});

type Schema = z.ZodType;

/**
 * Reads and validates the content pack in `dir`. Every problem in every file is
 * collected before anything is reported; references between items are checked when
 * the pack is loaded (see load-content-pack.ts).
 */
export function readContentPack(dir: string): ContentPack {
  const problems: Problem[] = [];
  const pack: ContentPack = {
    categories: [],
    tags: [],
    artists: [],
    works: [],
    songs: [],
    features: [],
  };

  const open = (file: string): YamlFile | undefined => {
    const read = readYamlFile(dir, file);
    problems.push(...read.problems);
    return read.file;
  };
  const validate = <T>(
    file: YamlFile,
    p: (string | number)[],
    value: unknown,
    schema: Schema,
  ): T | undefined => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return value as T;
    for (const problem of zodProblems(parsed.error, p)) {
      problems.push(problemIn(file, problem.path ?? p, problem.message));
    }
    return undefined;
  };
  const collect = <T>(
    target: Sourced<T>[],
    file: YamlFile,
    key: string,
    items: unknown[],
    schema: Schema,
  ) => {
    items.forEach((item, i) => {
      const value = validate<T>(file, [key, i], item, schema);
      if (value) target.push({ value, file, path: [key, i] });
    });
  };

  const taxonomy = open(path.join(dir, 'taxonomy.yaml'));
  if (taxonomy) {
    const t = TaxonomyFile.safeParse(taxonomy.data ?? {});
    if (!t.success) validate(taxonomy, [], taxonomy.data, TaxonomyFile);
    else {
      collect(pack.categories, taxonomy, 'categories', t.data.categories, CategoryInputSchema);
      collect(pack.tags, taxonomy, 'tags', t.data.tags, TagInputSchema);
    }
  }
  for (const name of listYamlFiles(path.join(dir, 'catalog'))) {
    const file = open(name);
    if (!file) continue;
    const c = CatalogFile.safeParse(file.data ?? {});
    if (!c.success) validate(file, [], file.data, CatalogFile);
    else {
      collect(pack.artists, file, 'artists', c.data.artists, ArtistInputSchema);
      collect(pack.works, file, 'works', c.data.works, WorkInputSchema);
      collect(pack.songs, file, 'songs', c.data.songs, SongInputSchema);
    }
  }
  for (const name of listYamlFiles(path.join(dir, 'features'))) {
    const file = open(name);
    if (!file) continue;
    const value = validate<FeatureInput>(file, [], file.data, FeatureInputSchema);
    if (!value) continue;
    const expected = path.basename(name).replace(/\.ya?ml$/, '');
    if (value.slug !== expected) {
      problems.push(problemIn(file, ['slug'], `must match the file name ("${expected}")`));
    }
    pack.features.push({ value, file, path: [] });
  }
  if (problems.length > 0) throw new ValidationError(problems, 'The content pack has problems');
  return pack;
}
