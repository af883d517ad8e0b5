import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import type { Change } from '#src/shared/changes.ts';

type Db = Kysely<Database>;

export async function addPending(trx: Db, change: Change, at: string): Promise<number> {
  const { id } = await trx
    .insertInto('pending_changes')
    .values({ entity: change.entity, slugs: JSON.stringify(change.slugs), noted_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Pending changes after the id `after`, oldest first. */
export async function pendingAfter(
  db: Db,
  after: number,
  limit: number,
): Promise<{ id: number; change: Change }[]> {
  const rows = await db
    .selectFrom('pending_changes')
    .selectAll()
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    change: { entity: r.entity as Change['entity'], slugs: JSON.parse(r.slugs) as string[] },
  }));
}

export async function removePending(db: Db, id: number): Promise<void> {
  await db.deleteFrom('pending_changes').where('id', '=', id).execute();
}
