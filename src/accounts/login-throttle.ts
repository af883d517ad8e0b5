/** An attempt under way, counted until it proves to be a success. */
export interface Attempt {
  account: string;
  address: string;
  at: number;
}

export type Admission = { ok: true; attempt: Attempt } | { ok: false; retryAfter: number };

export interface ThrottleLimits {
  /** Attempts one address may make in the window, whatever accounts it tries. */
  perAddress: number;
  /** Attempts on one account in the window from addresses that never signed in to it. */
  perAccount: number;
  windowMs: number;
}

const DEFAULT_LIMITS: ThrottleLimits = { perAddress: 5, perAccount: 50, windowMs: 15 * 60_000 };
/** Addresses remembered per account: the owner's few usual places, not a history. */
const KNOWN_PER_ACCOUNT = 20;
/** Past this many counted keys, keys with nothing in the window are dropped. */
const SWEEP_AT = 10_000;

/**
 * Counts sign-in attempts in a sliding window, and decides who may try. The rule:
 *
 * - One address may make 5 attempts in 15 minutes, whichever accounts it tries: one address
 *   cannot guess a password, even against many accounts.
 * - One account may be tried 50 times in 15 minutes from addresses that have never signed in
 *   to it, which bounds guessing spread over many addresses. An address that has signed in to
 *   the account before is not held by this limit, only by its own: strangers failing from
 *   elsewhere cannot lock the owner out of the places they sign in from.
 *
 * An attempt counts when it starts, before the password is checked: checking takes a while
 * (argon2), and attempts sent together must not all pass the limit while the first is
 * checked. A success is then taken back, so signing in often is never throttled.
 *
 * In memory: with several instances each keeps its own counts and known addresses, which
 * still bounds guessing per instance. After a restart no address is known yet.
 */
export class LoginThrottle {
  readonly #attempts = new Map<string, number[]>();
  readonly #known = new Map<string, string[]>();
  readonly #limits: ThrottleLimits;

  constructor(limits: Partial<ThrottleLimits> = {}) {
    this.#limits = { ...DEFAULT_LIMITS, ...limits };
  }

  #recent(key: string, now: number): number[] {
    const kept = (this.#attempts.get(key) ?? []).filter((t) => now - t < this.#limits.windowMs);
    if (kept.length > 0) this.#attempts.set(key, kept);
    else this.#attempts.delete(key);
    return kept;
  }

  /** Seconds until `key` may try again under `limit`, or 0 when it may now. */
  #wait(key: string, limit: number, now: number): number {
    const recent = this.#recent(key, now);
    if (recent.length < limit) return 0;
    const oldest = recent[recent.length - limit] as number;
    return Math.max(1, Math.ceil((this.#limits.windowMs - (now - oldest)) / 1000));
  }

  #keys(account: string, address: string) {
    return { account: `account:${account}`, address: `address:${address}` };
  }

  #isKnown(account: string, address: string): boolean {
    return this.#known.get(account)?.includes(address) ?? false;
  }

  /**
   * Admits an attempt by `address` on `account` and counts it at once, or says how many
   * seconds to wait. Nothing may be awaited between this and the decision it returns.
   */
  begin(account: string, address: string, now: number): Admission {
    const keys = this.#keys(account, address);
    const wait = Math.max(
      this.#wait(keys.address, this.#limits.perAddress, now),
      this.#isKnown(account, address) ? 0 : this.#wait(keys.account, this.#limits.perAccount, now),
    );
    if (wait > 0) return { ok: false, retryAfter: wait };
    if (this.#attempts.size > SWEEP_AT) this.#sweep(now);
    for (const key of Object.values(keys))
      this.#attempts.set(key, [...this.#recent(key, now), now]);
    return { ok: true, attempt: { account, address, at: now } };
  }

  /** The attempt signed in: it no longer counts, and its address is known to the account. */
  succeeded(attempt: Attempt): void {
    for (const key of Object.values(this.#keys(attempt.account, attempt.address))) {
      const times = this.#attempts.get(key);
      const i = times?.indexOf(attempt.at) ?? -1;
      if (times && i >= 0) times.splice(i, 1);
    }
    const known = (this.#known.get(attempt.account) ?? []).filter((a) => a !== attempt.address);
    this.#known.set(attempt.account, [...known, attempt.address].slice(-KNOWN_PER_ACCOUNT));
  }

  /** Drops keys with nothing left in the window, so made-up accounts do not pile up. */
  #sweep(now: number): void {
    for (const key of [...this.#attempts.keys()]) this.#recent(key, now);
  }
}
