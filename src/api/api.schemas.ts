import { z } from 'zod';
import { LOCALES } from '#src/shared/locale.ts';
import { TEXT_LIMITS, withinLimit } from '#src/shared/text-limits.ts';

/** Shapes of the public read API; the same schemas validate requests and generate the OpenAPI document. */

export const LocaleQuery = z.enum(LOCALES).default('en').describe('Language of names and text');

export const SlugParams = z.object({
  slug: withinLimit(
    z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens'),
    TEXT_LIMITS.slug,
  ),
});

const Localized = z
  .object({ text: z.string(), lang: z.string() })
  .describe('Text and the language it is in');

export const NameOut = z.object({
  original: z.string(),
  romanized: z.string().nullable(),
  en: z.string().nullable(),
  display: Localized,
});

const ArtistOut = z.object({ slug: z.string(), kind: z.string(), name: NameOut });

export const SongOut = z.object({
  slug: z.string(),
  title: NameOut,
  releasedOn: z.string().nullable(),
  credits: z.array(
    z.object({ role: z.string(), artist: ArtistOut, asCharacter: ArtistOut.nullable() }),
  ),
  tieIns: z.array(
    z.object({
      role: z.string(),
      sequence: z.number().int().nullable(),
      season: z.string().nullable(),
      work: z.object({
        slug: z.string(),
        kind: z.string(),
        year: z.number().int().nullable(),
        title: NameOut,
      }),
    }),
  ),
  media: z.record(z.string(), z.string()),
  coverOf: z.object({ slug: z.string(), title: NameOut }).nullable(),
});

export const FeatureOut = z.object({
  slug: z.string(),
  kind: z.string(),
  title: Localized,
  lead: Localized.nullable(),
  closing: Localized.nullable(),
  byline: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  category: z.object({ slug: z.string(), name: Localized }).nullable(),
  tags: z.array(z.object({ slug: z.string(), name: Localized })),
  pagination: z.object({
    page: z.number().int().nullable(),
    pageCount: z.number().int(),
    total: z.number().int(),
  }),
  /** Ranking features: what is counted, over which days (inclusive), and when it last was. */
  ranking: z
    .object({
      period: z.string().meta({ description: 'A year ("2026") or "last-30-days"' }),
      from: z.string().nullable(),
      to: z.string().nullable(),
      previousFrom: z.string().nullable(),
      previousTo: z.string().nullable(),
      refreshedAt: z.string().nullable(),
      category: z.object({ slug: z.string(), name: Localized }).nullable(),
      tags: z.array(z.object({ slug: z.string(), name: Localized })),
      tieBreak: z.string(),
    })
    .nullable(),
  entries: z.array(
    z.object({
      position: z.number().int(),
      addedAt: z.string(),
      song: SongOut,
      commentary: z.object({ html: z.string(), lang: z.string() }).nullable(),
      /** Ranking features: the song's counted plays, previous rank and trend. */
      standing: z
        .object({
          plays: z.number().int(),
          previousRank: z.number().int().nullable(),
          movement: z.enum(['up', 'down', 'new', 'same']),
          trend: z
            .array(z.number())
            .meta({ description: 'Plays a day in each month of a year, or each of the 30 days' }),
        })
        .optional(),
    }),
  ),
});

export const FeatureQuery = z.object({
  locale: LocaleQuery,
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .optional()
    .describe('Page of ten entries; all entries when absent'),
});

export const SongQuery = z.object({ locale: LocaleQuery });

export const ProblemOut = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
