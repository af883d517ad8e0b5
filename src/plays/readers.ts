import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { addressGroupsOf } from './address-groups.ts';

/** A reader as a play records them: every part a hash under the day's salt. */
export interface ReaderKeys {
  /** Address and user agent: one reader. */
  reader: string;
  /** The address group (IPv4 address, IPv6 /64): at most a few readers count from one. */
  address: string;
  /** The network (IPv4 /24, IPv6 /48): for spotting plays that come from few places. */
  network: string;
}

const hash = (salt: string, ...parts: string[]) =>
  createHash('sha256')
    .update([salt, ...parts].join('\n'))
    .digest('hex')
    .slice(0, 32);

/** A reader's keys under a day's salt. */
export function readerKeys(salt: string, address: string, userAgent: string): ReaderKeys {
  const groups = addressGroupsOf(address);
  return {
    reader: hash(salt, groups.address, address, userAgent),
    address: hash(salt, 'address', groups.address),
    network: hash(salt, 'network', groups.network),
  };
}

/**
 * Readers are counted without being known: hashes of address and user agent under a salt
 * that changes every day and is deleted once its day is over, so no play can be linked to
 * a person or to the same reader on another day. The salt lives in the database so that
 * every instance counts a reader alike.
 */
export function createReaderHasher({ db }: { db: Kysely<Database> }) {
  let current: { day: string; salt: string } | null = null;

  const saltFor = async (day: string): Promise<string> => {
    if (current?.day === day) return current.salt;
    await db
      .insertInto('play_salts')
      .values({ day, salt: randomBytes(32).toString('hex') })
      .onConflict((oc) => oc.column('day').doNothing())
      .execute();
    // Yesterday's salt is forgotten: its hashes can no longer be recomputed.
    await db.deleteFrom('play_salts').where('day', '<', day).execute();
    const row = await db
      .selectFrom('play_salts')
      .select('salt')
      .where('day', '=', day)
      .executeTakeFirstOrThrow();
    current = { day, salt: row.salt };
    return row.salt;
  };

  return {
    async readerOf(day: string, address: string, userAgent: string): Promise<ReaderKeys> {
      return readerKeys(await saltFor(day), address, userAgent);
    },
  };
}

export type ReaderHasher = ReturnType<typeof createReaderHasher>;
