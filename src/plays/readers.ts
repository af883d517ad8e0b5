import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';

/**
 * Readers are counted without being known: a hash of address and user agent under a salt
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
    async readerOf(day: string, address: string, userAgent: string): Promise<string> {
      const salt = await saltFor(day);
      return createHash('sha256')
        .update(`${salt}\n${address}\n${userAgent}`)
        .digest('hex')
        .slice(0, 32);
    },
  };
}

export type ReaderHasher = ReturnType<typeof createReaderHasher>;
