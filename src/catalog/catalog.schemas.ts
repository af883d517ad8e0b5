import { z } from 'zod';
import { NUL_MESSAGE, storable } from '#src/shared/validation.ts';
import { ARTIST_KINDS, CREDIT_ROLES, TAG_KINDS, TIE_IN_ROLES, WORK_KINDS } from './vocabulary.ts';

export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens');

const text = z.string().trim().min(1, 'must not be empty').refine(storable, NUL_MESSAGE);

export const NameSchema = z.strictObject({
  original: text,
  romanized: text.optional(),
  en: text.optional(),
  'zh-hant': text.optional(),
  ko: text.optional(),
});
export type NameInput = z.infer<typeof NameSchema>;

export const LabelsSchema = z.strictObject({
  en: text,
  ja: text.optional(),
  'zh-hant': text.optional(),
  ko: text.optional(),
});
export type LabelsInput = z.infer<typeof LabelsSchema>;

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: release dates are often known only to the year. */
export const PartialDateSchema = z
  .union([z.string(), z.number().int(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)))
  .refine(isPartialDate, 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD');

function isPartialDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const [, y, mo, d] = m;
  if (mo && (Number(mo) < 1 || Number(mo) > 12)) return false;
  if (d) {
    const date = new Date(`${y}-${mo}-${d}T00:00:00Z`);
    return date.getUTCDate() === Number(d);
  }
  return true;
}

export * from './vocabulary.ts';

const aliases = z.array(text).default([]);

export const ArtistInputSchema = z.strictObject({
  slug: SlugSchema,
  kind: z.enum(ARTIST_KINDS),
  name: NameSchema,
  aliases,
  members: z.array(SlugSchema).default([]),
});
export type ArtistInput = z.input<typeof ArtistInputSchema>;
export type ArtistData = z.output<typeof ArtistInputSchema>;

export const WorkInputSchema = z.strictObject({
  slug: SlugSchema,
  kind: z.enum(WORK_KINDS),
  title: NameSchema,
  aliases,
  year: z.number().int().min(1900).max(2100).optional(),
});
export type WorkInput = z.input<typeof WorkInputSchema>;
export type WorkData = z.output<typeof WorkInputSchema>;

export const CreditInputSchema = z.strictObject({
  artist: SlugSchema,
  role: z.enum(CREDIT_ROLES),
  as: SlugSchema.optional(),
});

export const TieInInputSchema = z.strictObject({
  work: SlugSchema,
  role: z.enum(TIE_IN_ROLES),
  sequence: z.number().int().min(1).max(999).optional(),
  season: text.optional(),
  note: text.optional(),
});

/** Only real ids: YouTube's are 11 characters of [A-Za-z0-9_-]. */
export const MediaInputSchema = z.strictObject({
  youtube: z
    .string()
    .regex(/^[A-Za-z0-9_-]{11}$/, 'must be an 11-character YouTube video id')
    .optional(),
  spotify: z
    .string()
    .regex(/^[A-Za-z0-9]{22}$/, 'must be a 22-character Spotify track id')
    .optional(),
  'apple-music': z.string().regex(/^\d+$/, 'must be a numeric Apple Music id').optional(),
  niconico: z
    .string()
    .regex(/^(sm|nm|so)\d+$/, 'must be a niconico id such as sm1097445')
    .optional(),
});

export const SongInputSchema = z.strictObject({
  slug: SlugSchema,
  title: NameSchema,
  aliases,
  released: PartialDateSchema.optional(),
  credits: z.array(CreditInputSchema).min(1, 'a song needs at least one credit'),
  cover_of: SlugSchema.optional(),
  tie_ins: z.array(TieInInputSchema).default([]),
  tags: z.array(SlugSchema).default([]),
  media: MediaInputSchema.default({}),
});
export type SongInput = z.input<typeof SongInputSchema>;
export type SongData = z.output<typeof SongInputSchema>;

export const TagInputSchema = z.strictObject({
  slug: SlugSchema,
  kind: z.enum(TAG_KINDS),
  name: LabelsSchema,
});
export type TagInput = z.input<typeof TagInputSchema>;
export type TagData = z.output<typeof TagInputSchema>;

export const CategoryInputSchema = z.strictObject({
  slug: SlugSchema,
  name: LabelsSchema,
});
export type CategoryInput = z.input<typeof CategoryInputSchema>;
