import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '#src/app.ts';
import { createCatalogImport } from '#src/catalog-import/index.ts';
import { createChangeLog } from '#src/pending-changes/index.ts';
import { createChangeFeed } from '#src/shared/changes.ts';
import { fixedClock } from '#src/shared/clock.ts';
import { loadConfig } from '#src/shared/config.ts';
import { TEST_NOW } from '#tests/factories/app.ts';
import { DIALECTS, openTestDatabase } from '#tests/factories/databases.ts';

const clock = fixedClock(TEST_NOW);
const config = loadConfig({
  CONTENT_DIR: path.resolve('content'),
  LOG_LEVEL: 'silent',
  DEMO_PLAYS: '0',
  ADMIN_EMAIL: 'admin@example.org',
  ADMIN_PASSWORD: 'correct horse battery staple',
});
const csv = (file: string, ...lines: string[]) => ({
  file,
  bytes: Buffer.from(`${lines.join('\n')}\n`),
});
const SONGS = ['lighthouse-one', 'lighthouse-two', 'lighthouse-three'];

describe.each(DIALECTS)('a write whose follow-up was cut short, on %s', (dialect) => {
  it('is searchable and has its neighbours after the next start, with nothing left pending', async () => {
    const database = await openTestDatabase(dialect, { migrate: false });
    try {
      const first = await createApp(config, { database, clock });
      await first.http.close();

      // The process dies once the import has committed: nothing follows the write.
      const dying = createChangeFeed({
        log: createChangeLog({ db: database.db, clock }),
        onError: () => {},
      });
      dying.subscribe(() => {
        throw new Error('killed after the commit');
      });
      await createCatalogImport({ db: database.db, clock, changes: dying }).run([
        csv('artists.csv', 'slug,kind,name', 'harbour-singer,person,Harbour Singer'),
        csv(
          'songs.csv',
          'slug,title,released,credits',
          ...SONGS.map((slug, i) => `${slug},Quiet Lighthouse ${i + 1},2021,harbour-singer:vocals`),
        ),
      ]);
      const indexed = () =>
        database.db
          .selectFrom('search_entries')
          .select('slug')
          .where('slug', 'in', SONGS)
          .execute();
      expect(await indexed()).toEqual([]);

      const restarted = await createApp(config, { database, clock });
      try {
        const found = await restarted.http.inject({
          url: '/api/v1/search?q=quiet%20lighthouse&type=song&locale=en',
        });
        expect(found.statusCode).toBe(200);
        const text = JSON.stringify(found.json());
        for (const slug of SONGS) expect(text).toContain(slug);
        const neighbours = await database.db
          .selectFrom('song_neighbours as n')
          .innerJoin('songs as s', 's.id', 'n.song_id')
          .select('s.slug')
          .distinct()
          .where('s.slug', 'in', SONGS)
          .orderBy('s.slug')
          .execute();
        expect(neighbours.map((n) => n.slug)).toEqual([...SONGS].sort());
        const pending = await database.db.selectFrom('pending_changes').selectAll().execute();
        expect(pending).toEqual([]);
      } finally {
        await restarted.http.close();
      }
    } finally {
      await database.drop();
    }
  }, 120_000);
});
