/**
 * Counts failed logins per account and per address in a sliding window. In memory: with
 * several instances each keeps its own count, which still bounds guessing per instance.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #limit: number;
  readonly #windowMs: number;

  constructor(limit = 5, windowMs = 15 * 60_000) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  #recent(key: string, now: number): number[] {
    const kept = (this.#failures.get(key) ?? []).filter((t) => now - t < this.#windowMs);
    if (kept.length > 0) this.#failures.set(key, kept);
    else this.#failures.delete(key);
    return kept;
  }

  /** Seconds until `key` may try again, or 0 when it may now. */
  retryAfter(key: string, now: number): number {
    const recent = this.#recent(key, now);
    if (recent.length < this.#limit) return 0;
    return Math.ceil((this.#windowMs - (now - (recent[0] as number))) / 1000);
  }

  fail(key: string, now: number): void {
    this.#failures.set(key, [...this.#recent(key, now), now]);
  }

  clear(key: string): void {
    this.#failures.delete(key);
  }
}
