import { describe, expect, it } from 'vitest';
import { createCatalogImport, type ImportFile } from '#src/catalog-import/index.ts';
import { createChangeLog } from '#src/pending-changes/index.ts';
import { createSearchIndexer } from '#src/search/index.ts';
import { createChangeFeed } from '#src/shared/changes.ts';
import { fixedClock } from '#src/shared/clock.ts';
import { TEST_NOW } from '#tests/factories/app.ts';
import { DIALECTS, openTestDatabase } from '#tests/factories/databases.ts';

/**
 * More songs than one statement can bind parameters for: SQLite takes 32,766 of them,
 * PostgreSQL 65,535. Ten songs to an artist, as a catalog has them.
 */
const SONGS = { sqlite: 40_000, postgres: 70_000 };

function catalogFiles(songs: number): ImportFile[] {
  const artists = Array.from(
    { length: songs / 10 },
    (_, i) => `many-singer-${i},person,Many Singer ${i}`,
  );
  const rows = Array.from(
    { length: songs },
    (_, i) => `many-song-${i},Many Song ${i},2023,many-singer-${Math.floor(i / 10)}:vocals`,
  );
  return [
    { file: 'artists.csv', bytes: Buffer.from(['slug,kind,name', ...artists, ''].join('\n')) },
    {
      file: 'songs.csv',
      bytes: Buffer.from(['slug,title,released,credits', ...rows, ''].join('\n')),
    },
  ];
}

describe.each(DIALECTS)('importing more songs than a statement binds, on %s', (dialect) => {
  it('plans them on a dry run, writes them all, and search finds every one', async () => {
    const songs = SONGS[dialect];
    const database = await openTestDatabase(dialect);
    const { db } = database;
    try {
      const clock = fixedClock(TEST_NOW);
      const changes = createChangeFeed({ log: createChangeLog({ db, clock }) });
      // Search follows the import; "like this" is left out, as recomputing it for this many
      // songs takes minutes and reads its lists a page at a time whatever the count.
      const searchIndex = createSearchIndexer({ db });
      changes.subscribe((change) => searchIndex.apply(change));
      const catalogImport = createCatalogImport({ db, clock, changes });
      const count = async (table: 'songs' | 'search_entries' | 'pending_changes') =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );

      const dry = await catalogImport.run(catalogFiles(songs), { dryRun: true });
      expect(dry.records.filter((r) => r.kind === 'songs' && r.action === 'create')).toHaveLength(
        songs,
      );
      expect(await count('songs')).toBe(0);

      await catalogImport.run(catalogFiles(songs));
      expect(await count('songs')).toBe(songs);
      const indexed = await db
        .selectFrom('search_entries')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('kind', '=', 'song')
        .executeTakeFirstOrThrow();
      expect(Number(indexed.n)).toBe(songs);
      expect(await count('pending_changes')).toBe(0);
    } finally {
      await database.drop();
    }
  }, 600_000);
});
