/**
 * A statement binds at most 32,766 parameters on SQLite and 65,535 on PostgreSQL: a list
 * of any length (an `in (…)`, the rows of an insert) goes in statements of this many items.
 */
export const LIST_BATCH = 1000;

/** The fewer parameters one statement may bind of the two databases (SQLite's). */
export const MAX_PARAMETERS = 32_766;

/** `items` in consecutive slices of at most `size`; none for an empty list. */
export function batches<T>(items: readonly T[], size = LIST_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
