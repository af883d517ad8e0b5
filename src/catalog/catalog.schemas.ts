import { z } from 'zod';
import { atMostItems, TEXT_LIMITS, withinLimit } from '#src/shared/text-limits.ts';
import { NUL_MESSAGE, storable } from '#src/shared/validation.ts';
import { ARTIST_KINDS, CREDIT_ROLES, TAG_KINDS, TIE_IN_ROLES, WORK_KINDS } from './vocabulary.ts';

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MESSAGE = 'must be lower-case letters, digits and single hyphens';

export const SlugSchema = withinLimit(
  z.string().regex(SLUG_PATTERN, SLUG_MESSAGE),
  TEXT_LIMITS.slug,
);

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

/**
 * The catalog's records, with the length limits of TEXT_LIMITS when `limited` (what anyone
 * may write), or without them (what the database may already hold: records saved before
 * the limits are still shown as they are, so that an editor can shorten them).
 */
function recordSchemas(limited: boolean) {
  const limit = <S extends z.ZodType<string>>(schema: S, max: number): S =>
    limited ? withinLimit(schema, max) : schema;
  const text = (max: number) =>
    limit(z.string().trim().min(1, 'must not be empty').refine(storable, NUL_MESSAGE), max);
  const slug = limited ? SlugSchema : z.string().regex(SLUG_PATTERN, SLUG_MESSAGE);
  const name = text(TEXT_LIMITS.name);

  const Name = z.strictObject({
    original: name,
    romanized: name.optional(),
    en: name.optional(),
    'zh-hant': name.optional(),
    ko: name.optional(),
  });
  const Labels = z.strictObject({
    en: name,
    ja: name.optional(),
    'zh-hant': name.optional(),
    ko: name.optional(),
  });
  const aliasList = z.array(text(TEXT_LIMITS.alias));
  const aliases = (
    limited ? aliasList.superRefine(atMostItems(TEXT_LIMITS.aliases, 'aliases')) : aliasList
  ).default([]);

  const Artist = z.strictObject({
    slug,
    kind: z.enum(ARTIST_KINDS),
    name: Name,
    aliases,
    members: z.array(slug).default([]),
  });
  const Work = z.strictObject({
    slug,
    kind: z.enum(WORK_KINDS),
    title: Name,
    aliases,
    year: z.number().int().min(1900).max(2100).optional(),
  });
  const Credit = z.strictObject({
    artist: slug,
    role: z.enum(CREDIT_ROLES),
    as: slug.optional(),
  });
  const TieIn = z.strictObject({
    work: slug,
    role: z.enum(TIE_IN_ROLES),
    sequence: z.number().int().min(1).max(999).optional(),
    season: text(TEXT_LIMITS.season).optional(),
    note: text(TEXT_LIMITS.note).optional(),
  });
  /** Only real ids: YouTube's are 11 characters of [A-Za-z0-9_-]. */
  const Media = z.strictObject({
    youtube: z
      .string()
      .regex(/^[A-Za-z0-9_-]{11}$/, 'must be an 11-character YouTube video id')
      .optional(),
    spotify: z
      .string()
      .regex(/^[A-Za-z0-9]{22}$/, 'must be a 22-character Spotify track id')
      .optional(),
    'apple-music': limit(
      z.string().regex(/^\d+$/, 'must be a numeric Apple Music id'),
      TEXT_LIMITS.externalId,
    ).optional(),
    niconico: limit(
      z.string().regex(/^(sm|nm|so)\d+$/, 'must be a niconico id such as sm1097445'),
      TEXT_LIMITS.externalId,
    ).optional(),
  });
  const Song = z.strictObject({
    slug,
    title: Name,
    aliases,
    released: PartialDateSchema.optional(),
    credits: z.array(Credit).min(1, 'a song needs at least one credit'),
    cover_of: slug.optional(),
    tie_ins: z.array(TieIn).default([]),
    tags: z.array(slug).default([]),
    media: Media.default({}),
  });
  const Tag = z.strictObject({ slug, kind: z.enum(TAG_KINDS), name: Labels });
  const Category = z.strictObject({ slug, name: Labels });
  return { Name, Labels, Artist, Work, Credit, TieIn, Media, Song, Tag, Category };
}

const limited = recordSchemas(true);

export const NameSchema = limited.Name;
export type NameInput = z.infer<typeof NameSchema>;

export const LabelsSchema = limited.Labels;
export type LabelsInput = z.infer<typeof LabelsSchema>;

export const ArtistInputSchema = limited.Artist;
export type ArtistInput = z.input<typeof ArtistInputSchema>;
export type ArtistData = z.output<typeof ArtistInputSchema>;

export const WorkInputSchema = limited.Work;
export type WorkInput = z.input<typeof WorkInputSchema>;
export type WorkData = z.output<typeof WorkInputSchema>;

export const CreditInputSchema = limited.Credit;
export const TieInInputSchema = limited.TieIn;
export const MediaInputSchema = limited.Media;

export const SongInputSchema = limited.Song;
export type SongInput = z.input<typeof SongInputSchema>;
export type SongData = z.output<typeof SongInputSchema>;

export const TagInputSchema = limited.Tag;
export type TagInput = z.input<typeof TagInputSchema>;
export type TagData = z.output<typeof TagInputSchema>;

export const CategoryInputSchema = limited.Category;
export type CategoryInput = z.input<typeof CategoryInputSchema>;

/** Records as the database may hold them, some from before the limits: for showing, not saving. */
export const STORED_RECORD_SCHEMAS = (({ Artist, Work, Song, Tag }) => ({
  artists: Artist,
  works: Work,
  songs: Song,
  tags: Tag,
}))(recordSchemas(false));
