import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import type { ChangeLog } from '#src/shared/changes.ts';
import { toTimestamp, type Clock } from '#src/shared/clock.ts';
import * as repo from './pending-changes.repository.ts';

/**
 * The change feed's log in the database: a write stores what must follow it in its own
 * transaction, so that search and "like this" never stay behind a write that committed.
 */
export function createChangeLog({ db, clock }: { db: Kysely<Database>; clock: Clock }): ChangeLog {
  return {
    note: (trx, change) => repo.addPending(trx, change, toTimestamp(clock.now())),
    pending: (after, limit) => repo.pendingAfter(db, after, limit),
    forget: (id) => repo.removePending(db, id),
  };
}
