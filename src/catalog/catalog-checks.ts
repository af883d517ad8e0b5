import { problemAt, ValidationError, type Problem } from '#src/shared/errors.ts';

/** Checks shared by every catalog write: each returns problems, so all of them are reported at once. */

export function duplicateSlugs(
  items: readonly { slug: string }[],
  existing: Map<string, number>,
): Problem[] {
  const seen = new Set<string>();
  return items.flatMap((item, i) => {
    const dup = seen.has(item.slug) || existing.has(item.slug);
    seen.add(item.slug);
    return dup ? [problemAt([i, 'slug'], `"${item.slug}" is already in use`)] : [];
  });
}

export function unknownRefs(
  refs: { path: (string | number)[]; slug: string }[],
  known: Map<string, number>,
  what: string,
): Problem[] {
  return refs
    .filter((r) => !known.has(r.slug))
    .map((r) => problemAt(r.path, `unknown ${what} "${r.slug}"`));
}

export function fail(problems: Problem[]): void {
  if (problems.length > 0) throw new ValidationError(problems);
}
