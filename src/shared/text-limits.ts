import type { z } from 'zod';

/**
 * The longest text each field may hold, in characters as a person counts them (code points:
 * 深 is one, and so is 𠮷, which JavaScript strings count as two). Every way text gets in
 * (the editors' API, catalog imports, the content pack) refuses more. Beyond keeping pages
 * readable, the limits bound the work one record can cause: each name is normalized,
 * indexed and read through the dictionary when it is saved.
 */
export const TEXT_LIMITS = {
  /** A name or title in one language: songs, artists, works, tags, categories, features. */
  name: 200,
  /** One other name a record is known by. */
  alias: 200,
  /** How many other names one record may have. */
  aliases: 50,
  /** A slug: the part of an address that names a record. */
  slug: 200,
  /** The season of a tie-in ("Season 2", "2nd cour"). */
  season: 200,
  /** A note on a tie-in ("episodes 1–12, TV size"). */
  note: 1_000,
  /** Who wrote a feature, as the page credits them. */
  byline: 200,
  /** A feature's lead or closing, or an entry's commentary, in one language (Markdown). */
  prose: 20_000,
  /** The id another catalog gives a record, and that catalog's name. */
  externalId: 200,
  source: 50,
  /** An account's name, e-mail address and password. */
  displayName: 100,
  email: 320,
  password: 1_024,
} as const;

/** Characters as a person counts them: a character outside the BMP is one, not two. */
export function characterCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

const figure = (n: number) => n.toLocaleString('en-US');

/** Why text is refused as too long, with both numbers, so the writer knows how much to cut. */
export function tooLongMessage(max: number, count: number): string {
  return `must be at most ${figure(max)} characters; this one has ${figure(count)}`;
}

/** A refinement refusing text of more than `max` characters, with the count in its message. */
export function atMostCharacters(max: number) {
  return (text: string, ctx: z.RefinementCtx<string>) => {
    const count = characterCount(text);
    if (count > max) ctx.addIssue({ code: 'custom', message: tooLongMessage(max, count) });
  };
}

/** A refinement refusing a list of more than `max` items, named by `noun` ("aliases"). */
export function atMostItems<T>(max: number, noun: string) {
  return (items: T[], ctx: z.RefinementCtx<T[]>) => {
    if (items.length > max)
      ctx.addIssue({
        code: 'custom',
        message: `must have at most ${figure(max)} ${noun}; this one has ${figure(items.length)}`,
      });
  };
}

/**
 * `schema` refusing text of more than `max` characters; the limit is also stated in the
 * schema's JSON Schema (as `maxLength`, which counts characters the same way) for the API docs.
 */
export function withinLimit<S extends z.ZodType<string>>(schema: S, max: number): S {
  return schema.superRefine(atMostCharacters(max)).meta({ maxLength: max });
}
