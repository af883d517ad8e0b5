import { z } from 'zod';
import {
  ArtistInputSchema,
  SlugSchema,
  SongInputSchema,
  TieInInputSchema,
  WorkInputSchema,
} from '#src/catalog/index.ts';
import { TEXT_LIMITS, withinLimit } from '#src/shared/text-limits.ts';
import { NUL_MESSAGE, storable } from '#src/shared/validation.ts';
import type { ImportKind } from './import-records.ts';

/**
 * Import records are the catalog editor's records (the same fields, rules and messages)
 * with the ids other catalogs give them, which later imports match on first.
 */
export const ExternalIdsSchema = z
  .record(
    withinLimit(
      z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a catalog name in lower case, like anilist'),
      TEXT_LIMITS.source,
    ),
    withinLimit(
      z.string().trim().min(1, 'must not be empty').refine(storable, NUL_MESSAGE),
      TEXT_LIMITS.externalId,
    ),
  )
  .default({});

export const ArtistImportSchema = ArtistInputSchema.extend({ external_ids: ExternalIdsSchema });
export const WorkImportSchema = WorkInputSchema.extend({ external_ids: ExternalIdsSchema });
export const SongImportSchema = SongInputSchema.extend({ external_ids: ExternalIdsSchema });
/** A tie-in of a song already in the catalog (or elsewhere in the import) to a work. */
export const TieInImportSchema = TieInInputSchema.extend({ song: SlugSchema });

export type ArtistImport = z.output<typeof ArtistImportSchema>;
export type WorkImport = z.output<typeof WorkImportSchema>;
export type SongImport = z.output<typeof SongImportSchema>;
export type TieInImport = z.output<typeof TieInImportSchema>;

export const IMPORT_SCHEMAS = {
  artists: ArtistImportSchema,
  works: WorkImportSchema,
  songs: SongImportSchema,
  tie_ins: TieInImportSchema,
} satisfies Record<ImportKind, z.ZodType>;

/** The catalog file format: see the README's "Importing a catalog". */
export const CATALOG_FORMAT = 'tokushu-catalog';
export const CATALOG_VERSION = 1;
