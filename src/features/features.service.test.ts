import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCatalogService } from '#src/catalog/index.ts';
import { fixedClock } from '#src/shared/clock.ts';
import { ValidationError } from '#src/shared/errors.ts';
import {
  sampleArtists,
  sampleCategories,
  sampleFeature,
  sampleSongs,
  sampleTags,
  sampleWorks,
} from '#tests/factories/catalog.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '#tests/factories/databases.ts';
import { createFeaturesService, type FeaturesService } from './features.service.ts';

const clock = fixedClock('2026-11-26T00:00:00Z');

describe.each(DIALECTS)('features service on %s', (dialect) => {
  let database: TestDatabase;
  let sut: FeaturesService;

  beforeEach(async () => {
    database = await openTestDatabase(dialect);
    const catalog = createCatalogService({ db: database.db, clock });
    await catalog.addCategories(sampleCategories);
    await catalog.addTags(sampleTags);
    await catalog.addArtists(sampleArtists);
    await catalog.addWorks(sampleWorks);
    await catalog.addSongs(sampleSongs);
    sut = createFeaturesService({ db: database.db, clock, catalog });
  });
  afterEach(() => database.drop());

  it('serves a page with texts in the locale, rendered Markdown and dates', async () => {
    await sut.addFeatures([sampleFeature()]);
    const page = await sut.getFeaturePage('test-feature', 'en', { page: 1 });
    expect(page).toMatchObject({
      title: 'Songs for testing',
      titleLang: 'en',
      lead: { html: '<p>A <em>lead</em>.</p>', lang: 'en' },
      byline: 'Test editor',
      publishedAt: '2026-10-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
      category: { slug: 'anime-songs', name: { text: 'Anime songs', lang: 'en' } },
      tags: [{ slug: 'heartbreak', name: { text: 'Heartbreak', lang: 'en' } }],
      pagination: { page: 1, pageCount: 1, total: 2 },
    });
    expect(page?.entries.map((e) => [e.position, e.song.slug])).toEqual([
      [1, 'shinai'],
      [2, 'secret-base-anohana'],
    ]);
    expect(page?.entries[1]?.commentary?.html).toContain('class="spoiler"');
  });

  it('falls back to the other editorial language, saying which one it is', async () => {
    await sut.addFeatures([sampleFeature()]);
    const ja = await sut.getFeaturePage('test-feature', 'ja', { page: 1 });
    expect(ja?.title).toBe('テスト特集');
    expect(ja?.entries[0]?.commentary).toEqual({ html: '<p>日本語その一。</p>', lang: 'ja' });
    expect(ja?.entries[1]?.commentary).toEqual({
      html: expect.stringContaining('English two'),
      lang: 'en',
    });
    const ko = await sut.getFeaturePage('test-feature', 'ko', { page: 1 });
    expect(ko?.titleLang).toBe('en');
    expect(ko?.category?.name).toEqual({ text: 'Anime songs', lang: 'en' });
  });

  it('pages in tens and refuses pages that do not exist', async () => {
    const many = Array.from({ length: 23 }, (_, i) => `song-${i + 1}`);
    const catalog = createCatalogService({ db: database.db, clock });
    await catalog.addSongs(
      many.map((slug) => ({
        slug,
        title: { original: slug },
        credits: [{ artist: 'zone', role: 'vocals' as const }],
      })),
    );
    await sut.addFeatures([
      sampleFeature({
        entries: many.map((song) => ({ song, commentary: { en: `About ${song}.` } })),
      }),
    ]);
    const third = await sut.getFeaturePage('test-feature', 'en', { page: 3 });
    expect(third?.entries.map((e) => e.position)).toEqual([21, 22, 23]);
    expect(third?.pagination).toEqual({ page: 3, pageCount: 3, total: 23 });
    const all = await sut.getFeaturePage('test-feature', 'en', { all: true });
    expect(all?.entries).toHaveLength(23);
    expect(all?.pagination.page).toBeNull();
    for (const page of [0, 4, -1, 1.5, Number.MAX_SAFE_INTEGER + 2]) {
      expect(await sut.getFeaturePage('test-feature', 'en', { page })).toBeNull();
    }
  });

  it('lists features by kind, category, tag and song', async () => {
    await sut.addFeatures([
      sampleFeature(),
      sampleFeature({
        slug: 'chart',
        kind: 'ranking',
        category: undefined,
        tags: [],
        entries: [],
        ranking: { period: 2026 },
      }),
    ]);
    const slugs = async (filter: Parameters<FeaturesService['listPublished']>[2]) =>
      (await sut.listPublished('en', 10, filter)).map((f) => f.slug);
    expect(await slugs({ kind: 'ranking' })).toEqual(['chart']);
    expect(await slugs({ kind: 'curated' })).toEqual(['test-feature']);
    const catalog = createCatalogService({ db: database.db, clock });
    const [category, tag, song] = await Promise.all([
      catalog.idsBySlug('categories', ['anime-songs']),
      catalog.idsBySlug('tags', ['heartbreak']),
      catalog.idsBySlug('songs', ['shinai']),
    ]);
    expect(await slugs({ categoryId: category.get('anime-songs') })).toEqual(['test-feature']);
    expect(await slugs({ tagId: tag.get('heartbreak') })).toEqual(['test-feature']);
    expect(await slugs({ songId: song.get('shinai') })).toEqual(['test-feature']);
    expect(await sut.featuresWithSong(song.get('shinai') as number, 'en')).toMatchObject([
      { slug: 'test-feature', position: 1 },
    ]);
  });

  it('refuses a slug that a page of the site uses', async () => {
    const error = await sut
      .addFeatures([sampleFeature({ slug: 'search' })])
      .catch((e: unknown) => e);
    expect((error as ValidationError).problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      '[0].slug: is reserved for a page of the site',
    ]);
  });

  it('hides drafts and unknown slugs', async () => {
    await sut.addFeatures([sampleFeature({ status: 'draft' })]);
    expect(await sut.getFeaturePage('test-feature', 'en', { page: 1 })).toBeNull();
    expect(await sut.getFeaturePage('nope', 'en', { page: 1 })).toBeNull();
    expect(await sut.listPublished('en')).toEqual([]);
  });

  it('links related features, even ones later in the same batch, and lists the newest first', async () => {
    await sut.addFeatures([
      sampleFeature({ related: ['second'] }),
      sampleFeature({
        slug: 'second',
        published: '2026-11-20',
        related: ['test-feature'],
        entries: [],
      }),
    ]);
    const page = await sut.getFeaturePage('test-feature', 'en', { page: 1 });
    expect(page?.related).toEqual([{ slug: 'second', title: 'Songs for testing', lang: 'en' }]);
    expect((await sut.listPublished('en')).map((f) => [f.slug, f.entryCount])).toEqual([
      ['second', 0],
      ['test-feature', 2],
    ]);
  });

  it('reports unknown songs, tags and repeated entries by path, and writes nothing', async () => {
    const error = await sut
      .addFeatures([
        sampleFeature({
          tags: ['no-such-tag'],
          related: ['ghost'],
          entries: [
            { song: 'shinai', commentary: { en: 'a' } },
            { song: 'shinai', commentary: { en: 'b' } },
            { song: 'missing', commentary: { en: 'c' } },
          ],
        }),
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      '[0].entries[2].song: unknown song "missing"',
      '[0].tags[0]: unknown tag "no-such-tag"',
      '[0].related[0]: unknown feature "ghost"',
      '[0].entries[1].song: "shinai" is already entry 1 of this feature',
    ]);
    expect(await sut.count()).toBe(0);
  });
});
