import type { Kysely } from 'kysely';

/**
 * What a raw play needs so that one machine cannot buy a ranking: the reader's address
 * group (the address itself, an IPv6 /64) and network (IPv4 /24, IPv6 /48), both as hashes
 * under the day's salt, never the address; the slot the play took among the few readers an
 * address may count per song and day (a unique index, so that no two instances can count a
 * fourth); and whether the screening before a recount held the play out of the rankings.
 * Plays stored before this have no address: they count as they did.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('plays').addColumn('address', 'text').execute();
  await db.schema.alterTable('plays').addColumn('network', 'text').execute();
  await db.schema.alterTable('plays').addColumn('address_slot', 'integer').execute();
  await db.schema
    .alterTable('plays')
    .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('plays_address_slot_uq')
    .on('plays')
    .columns(['day', 'song_id', 'address', 'address_slot'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('plays_address_slot_uq').execute();
  for (const column of ['held', 'address_slot', 'network', 'address'])
    await db.schema.alterTable('plays').dropColumn(column).execute();
}
