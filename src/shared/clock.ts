/** The source of "now", passed in so tests can pin time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at) };
}

/** Timestamps are stored as ISO-8601 UTC text in both databases so they sort and compare alike. */
export function toTimestamp(date: Date): string {
  return date.toISOString();
}
