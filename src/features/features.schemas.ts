import { z } from 'zod';
import { SlugSchema } from '#src/catalog/index.ts';
import { TEXT_LIMITS, withinLimit } from '#src/shared/text-limits.ts';
import { NUL_MESSAGE, storable } from '#src/shared/validation.ts';

export const FEATURE_KINDS = ['curated', 'ranking'] as const;
export const FEATURE_STATUSES = ['draft', 'scheduled', 'published', 'unpublished'] as const;
export const EDITORIAL_LOCALES = ['en', 'ja', 'zh-hant', 'ko'] as const;

/** 2026-10-02 or a full ISO timestamp; stored as an ISO timestamp. */
const Instant = z.union([z.string(), z.date()]).transform((v, ctx) => {
  const date =
    v instanceof Date ? v : new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'must be a date (YYYY-MM-DD) or an ISO timestamp' });
    return z.NEVER;
  }
  return date.toISOString();
});

const markdown = withinLimit(z.string().trim().refine(storable, NUL_MESSAGE), TEXT_LIMITS.prose);

export const TEXT_STATUSES = ['draft', 'reviewed'] as const;

export const FeatureTextSchema = z.strictObject({
  title: withinLimit(
    z.string().trim().min(1, 'must not be empty').refine(storable, NUL_MESSAGE),
    TEXT_LIMITS.name,
  ),
  lead: markdown.default(''),
  closing: markdown.default(''),
  /** Only reviewed languages are shown to readers; the others fall back. */
  status: z.enum(TEXT_STATUSES).default('reviewed'),
});

/** Commentary per language; an entry may have none yet while the feature is a draft. */
const LocalizedText = z.partialRecord(z.enum(EDITORIAL_LOCALES), markdown);

export const EntryInputSchema = z.strictObject({
  song: SlugSchema,
  added: Instant.optional(),
  commentary: LocalizedText.default({}),
});

export const ROLLING_PERIODS = ['last-30-days'] as const;

/**
 * What a ranking feature ranks: the songs of a category's features and/or songs with every
 * listed tag (none: every song), by their plays over a year or the last 30 days.
 */
export const RankingInputSchema = z.strictObject({
  category: SlugSchema.optional(),
  tags: z.array(SlugSchema).default([]),
  period: z.union([z.number().int().min(2000).max(2100), z.enum(ROLLING_PERIODS)], {
    error: 'must be a year from 2000 to 2100 (like 2026) or "last-30-days"',
  }),
  size: z.number().int().min(1).max(100).default(30),
});
export type RankingInput = z.output<typeof RankingInputSchema>;

/** First path segments the site uses itself: a feature cannot take one as its slug. */
export const RESERVED_SLUGS = [
  'about',
  'search',
  'songs',
  'artists',
  'works',
  'tags',
  'categories',
  'admin',
  'api',
  'assets',
];

export const FeatureInputSchema = z
  .strictObject({
    slug: SlugSchema.refine(
      (slug) => !RESERVED_SLUGS.includes(slug),
      'is reserved for a page of the site',
    ),
    kind: z.enum(FEATURE_KINDS).default('curated'),
    status: z.enum(FEATURE_STATUSES).default('published'),
    category: SlugSchema.optional(),
    tags: z.array(SlugSchema).default([]),
    byline: withinLimit(
      z.string().trim().min(1, 'must not be empty').refine(storable, NUL_MESSAGE),
      TEXT_LIMITS.byline,
    ).optional(),
    published: Instant.optional(),
    updated: Instant.optional(),
    related: z.array(SlugSchema).default([]),
    text: z
      .partialRecord(z.enum(EDITORIAL_LOCALES), FeatureTextSchema)
      .refine((v) => Object.keys(v).length > 0, 'needs text in at least one locale'),
    /** Ranking features only: what is ranked. Their entries carry commentary; plays set the order. */
    ranking: RankingInputSchema.optional(),
    entries: z.array(EntryInputSchema).default([]),
  })
  .superRefine((f, ctx) => {
    if (f.kind === 'ranking' && !f.ranking)
      ctx.addIssue({
        code: 'custom',
        path: ['ranking'],
        message: 'a ranking needs its scope and period',
      });
    if (f.kind !== 'ranking' && f.ranking)
      ctx.addIssue({
        code: 'custom',
        path: ['ranking'],
        message: 'only a feature of kind "ranking" has one',
      });
  });
export type FeatureInput = z.input<typeof FeatureInputSchema>;
export type FeatureData = z.output<typeof FeatureInputSchema>;
