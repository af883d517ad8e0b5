/** A problem with one field of some input: a file and line for content, a path for JSON. */
export interface Problem {
  /** Where in the input, e.g. `songs[3].credits[0].artist`; mirrors `path` when both are set. */
  field: string;
  path?: (string | number)[];
  message: string;
  file?: string;
  line?: number;
}

/** Input that failed validation; carries every problem found, not just the first. */
export class ValidationError extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem[], summary = 'Invalid input') {
    super(`${summary}:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'ValidationError';
    this.problems = problems;
  }
}

/** The caller may not do this (their role does not allow it). */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** A save based on a revision that is no longer the latest; carries the latest for reconciling. */
export class ConflictError<T = unknown> extends Error {
  readonly current: T;

  constructor(message: string, current: T) {
    super(message);
    this.name = 'ConflictError';
    this.current = current;
  }
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

export function formatProblem(p: Problem): string {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : '';
  return `  ${where}${p.field}: ${p.message}`;
}

/** `['songs', 3, 'credits', 0]` → `songs[3].credits[0]`; an empty key is `[""]`. */
export function formatPath(path: readonly (string | number | symbol)[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number'
        ? `[${part}]`
        : part === ''
          ? '[""]'
          : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

export function problemAt(path: (string | number)[], message: string): Problem {
  return { field: formatPath(path), path, message };
}
