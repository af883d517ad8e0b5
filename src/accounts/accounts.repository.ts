import type { Insertable, Kysely } from 'kysely';
import type { Database, UsersTable } from '#src/db/schema.ts';

type Db = Kysely<Database>;

export async function insertUser(db: Db, row: Insertable<UsersTable>): Promise<number> {
  const { id } = await db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function countUsers(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function findByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role', 'created_at'])
    .orderBy('id')
    .execute();
}

export async function insertSession(db: Db, row: Insertable<Database['sessions']>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The user of a live session. */
export async function findSessionUser(db: Db, tokenHash: string, now: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.email', 'u.display_name', 'u.role'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function insertToken(
  db: Db,
  row: Insertable<Database['api_tokens']>,
): Promise<number> {
  const { id } = await db
    .insertInto('api_tokens')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The user of an API token that has not been revoked; marks it used. */
export async function useToken(db: Db, tokenHash: string, now: string) {
  const user = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as token_id', 'u.id', 'u.email', 'u.display_name', 'u.role'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  if (user)
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', user.token_id)
      .execute();
  return user;
}

export async function insertAudit(db: Db, row: Insertable<Database['audit_log']>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export async function listAudit(
  db: Db,
  limit: number,
  entity?: { entity: string; entityId: string },
) {
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select([
      'a.id',
      'a.at',
      'a.action',
      'a.entity',
      'a.entity_id',
      'a.detail',
      'u.email',
      'u.display_name',
    ]);
  if (entity)
    query = query.where('a.entity', '=', entity.entity).where('a.entity_id', '=', entity.entityId);
  return query.orderBy('a.id', 'desc').limit(limit).execute();
}
