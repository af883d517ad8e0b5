import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase, type TestDatabase } from '#tests/factories/databases.ts';
import { MIGRATION_NAMES, migrateDown, migrateToLatest } from './migrate.ts';

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  let database: TestDatabase;
  afterEach(() => database.drop());

  it('applies every migration once, then has nothing to do', async () => {
    database = await openTestDatabase(dialect, { migrate: false });
    expect(await migrateToLatest(database.db)).toEqual(MIGRATION_NAMES);
    expect(MIGRATION_NAMES[0]).toBe('0001-catalog');
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('can be rolled back step by step to an empty schema', async () => {
    database = await openTestDatabase(dialect);
    for (const name of [...MIGRATION_NAMES].reverse()) {
      expect(await migrateDown(database.db)).toEqual([name]);
    }
    // Other schemas of the same PostgreSQL database (other runs) are none of this one's business.
    const schema = database.postgres?.schema;
    const tables = (await database.db.introspection.getTables()).filter(
      (t) => !schema || t.schema === schema,
    );
    expect(tables.map((t) => t.name).filter((n) => !n.startsWith('kysely_'))).toEqual([]);
  });

  it('enforces foreign keys', async () => {
    database = await openTestDatabase(dialect);
    await expect(
      sql`insert into song_credits (song_id, position, artist_id, role) values (999, 0, 999, 'vocals')`.execute(
        database.db,
      ),
    ).rejects.toThrow();
  });
});
