import { describe, expect, it } from 'vitest';
import { TEST_NOW, useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';
import { generateCatalog } from './generate-catalog.ts';

describe.each(DIALECTS)('the synthetic catalog on %s', (dialect) => {
  const { app, get } = useTestApp(dialect);

  it('adds a catalog in proportion, the same for the same seed, that pages and search can read', async () => {
    const { db } = app().database;
    const songsBefore = await db.selectFrom('songs').select('slug').execute();
    const stages = new Map<string, number>();
    const summary = await generateCatalog(db, {
      songs: 400,
      seed: 7,
      today: TEST_NOW.slice(0, 10),
      onProgress: (stage, done, total) => {
        expect(done).toBeLessThanOrEqual(total);
        stages.set(stage, done);
      },
    });
    expect(summary).toMatchObject({ songs: 400, artists: 40, works: 20, features: 2 });
    expect([...stages.keys()]).toEqual([
      'artists',
      'works',
      'songs',
      'features',
      'plays',
      'statistics',
    ]);
    const songs = await db
      .selectFrom('songs')
      .select(['id', 'slug', 'title_original'])
      .where(
        'slug',
        'not in',
        songsBefore.map((s) => s.slug),
      )
      .orderBy('id')
      .execute();
    expect(songs).toHaveLength(400);
    // Every song is credited, and a new song, feature and ranking work like any other.
    const uncredited = await db
      .selectFrom('songs as s')
      .leftJoin('song_credits as c', 'c.song_id', 's.id')
      .select('s.id')
      .where('c.song_id', 'is', null)
      .where('s.id', '>=', songs[0]?.id as number)
      .execute();
    expect(uncredited).toEqual([]);
    const song = songs[123] as { slug: string; title_original: string };
    expect((await get(`/en/songs/${song.slug}`)).statusCode).toBe(200);
    const feature = await db
      .selectFrom('features')
      .select('slug')
      .where('slug', 'like', 'feature-%')
      .executeTakeFirstOrThrow();
    expect((await get(`/en/${feature.slug}`)).statusCode).toBe(200);
    await app().services.searchIndex.rebuild();
    const found = (
      await get(`/api/v1/search?q=${encodeURIComponent(song.title_original)}&locale=ja&type=song`)
    ).json();
    expect(found.results.map((r: { slug: string }) => r.slug)).toContain(song.slug);
    const rankings = await app().services.rankings.refresh();
    expect(rankings.some((r) => r.slug.startsWith('most-played-'))).toBe(true);

    // The same seed makes the same names; ids and slugs carry on after what is there.
    const again = await generateCatalog(db, { songs: 400, seed: 7, today: TEST_NOW.slice(0, 10) });
    expect(again.songs).toBe(400);
    const second = await db
      .selectFrom('songs')
      .select(['id', 'title_original'])
      .where('id', '>', songs.at(-1)?.id as number)
      .orderBy('id')
      .execute();
    expect(second.map((s) => s.title_original)).toEqual(songs.map((s) => s.title_original));
  }, 60_000);
});
