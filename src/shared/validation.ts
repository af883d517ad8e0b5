import type { z } from 'zod';
import { problemAt, ValidationError, type Problem } from './errors.ts';

/**
 * Whether text can be stored: PostgreSQL's text holds no NUL character (SQLite's would), so
 * text with one is refused on both, at its field, rather than failing the query (a 500).
 */
export const storable = (text: string) => !text.includes('\u0000');
export const NUL_MESSAGE = 'must not contain a NUL character (\\u0000)';

/** Zod issues as problems, each path prefixed with where the value sits in a larger input. */
export function zodProblems(error: z.ZodError, prefix: (string | number)[] = []): Problem[] {
  return error.issues.map((issue) =>
    problemAt(
      [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      issue.message,
    ),
  );
}

/**
 * Parses every item of a batch, collecting the problems of all of them (by index)
 * before failing, so one run reports everything that is wrong.
 */
export function parseBatch<S extends z.ZodType>(
  schema: S,
  inputs: readonly unknown[],
): z.output<S>[] {
  const problems: Problem[] = [];
  const out: z.output<S>[] = [];
  inputs.forEach((input, i) => {
    const parsed = schema.safeParse(input);
    if (parsed.success) out.push(parsed.data);
    else problems.push(...zodProblems(parsed.error, [i]));
  });
  if (problems.length > 0) throw new ValidationError(problems);
  return out;
}
