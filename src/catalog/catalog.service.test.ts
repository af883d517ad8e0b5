import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '#src/shared/clock.ts';
import { ValidationError } from '#src/shared/errors.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '#tests/factories/databases.ts';
import { sampleArtists, sampleSongs, sampleTags, sampleWorks } from '#tests/factories/catalog.ts';
import { createCatalogService, type CatalogService } from './catalog.service.ts';
import { displayName } from './names.ts';

const clock = fixedClock('2026-11-26T00:00:00Z');

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).problems.map((p) => `${p.field}: ${p.message}`);
}

describe.each(DIALECTS)('catalog service on %s', (dialect) => {
  let database: TestDatabase;
  let sut: CatalogService;

  beforeEach(async () => {
    database = await openTestDatabase(dialect);
    sut = createCatalogService({ db: database.db, clock });
    await sut.addTags(sampleTags);
    await sut.addArtists(sampleArtists);
    await sut.addWorks(sampleWorks);
  });
  afterEach(() => database.drop());

  it('stores credits sung as characters, covers, tie-ins and media, and reads them back in order', async () => {
    await sut.addSongs(sampleSongs);
    const ids = await sut.idsBySlug('songs', ['secret-base-anohana', 'shinai']);
    const [secretBase, shinai] = await sut.getSongCards([
      ids.get('secret-base-anohana') as number,
      ids.get('shinai') as number,
    ]);

    expect(secretBase?.title.en).toBe('secret base ~What You Gave Me~');
    expect(secretBase?.coverOf?.slug).toBe('secret-base');
    expect(
      secretBase?.credits.map((c) => [
        c.role,
        c.artist.name.en,
        c.asCharacter?.name.en,
        c.asCharacter?.kind,
      ]),
    ).toEqual([
      ['vocals', 'Ai Kayano', 'Meiko Honma', 'character'],
      ['vocals', 'Haruka Tomatsu', 'Naruko Anjou', 'character'],
      ['vocals', 'Saori Hayami', 'Chiriko Tsurumi', 'character'],
    ]);
    expect(secretBase?.tieIns).toEqual([
      {
        role: 'ending',
        sequence: null,
        season: null,
        note: null,
        work: expect.objectContaining({ slug: 'anohana', kind: 'tv', year: 2011 }),
      },
    ]);
    expect(shinai?.releasedOn).toBe('2009-01-21');
    expect(shinai?.media).toEqual({ youtube: 'AAAAAAAAAAA' });
    expect(shinai?.tieIns[0]?.sequence).toBe(1);
  });

  it('keeps years-only release dates as written', async () => {
    await sut.addSongs(sampleSongs);
    const ids = await sut.idsBySlug('songs', ['secret-base-anohana']);
    const [card] = await sut.getSongCards([...ids.values()]);
    expect(card?.releasedOn).toBe('2011');
  });

  it('reports every unknown reference by its path and writes nothing', async () => {
    const bad = [
      sampleSongs[2],
      {
        slug: 'broken',
        title: { original: '壊れた' },
        credits: [{ artist: 'nobody', role: 'vocals', as: 'no-character' }],
        tie_ins: [{ work: 'no-work', role: 'opening' }],
        tags: ['no-tag'],
        cover_of: 'no-song',
      },
    ] as Parameters<CatalogService['addSongs']>[0];
    expect(await problemsOf(sut.addSongs(bad))).toEqual([
      '[1].credits[0].artist: unknown artist "nobody"',
      '[1].credits[0].as: unknown artist "no-character"',
      '[1].tie_ins[0].work: unknown work "no-work"',
      '[1].tags[0]: unknown tag "no-tag"',
      '[1].cover_of: unknown song "no-song"',
    ]);
    expect((await sut.idsBySlug('songs', ['shinai'])).size).toBe(0);
  });

  it('names the field at fault for malformed input', async () => {
    const bad = [
      {
        slug: 'Bad Slug',
        title: { original: '' },
        credits: [],
        released: '2009-02-30',
        media: { youtube: 'x' },
      },
    ] as unknown as Parameters<CatalogService['addSongs']>[0];
    const problems = await problemsOf(sut.addSongs(bad));
    expect(problems).toEqual(
      expect.arrayContaining([
        '[0].slug: must be lower-case letters, digits and single hyphens',
        '[0].title.original: must not be empty',
        '[0].released: must be a date written YYYY, YYYY-MM or YYYY-MM-DD',
        '[0].credits: a song needs at least one credit',
        '[0].media.youtube: must be an 11-character YouTube video id',
      ]),
    );
  });

  it('refuses a slug that is already taken', async () => {
    expect(await problemsOf(sut.addArtists([sampleArtists[0] as never]))).toEqual([
      '[0].slug: "zone" is already in use',
    ]);
  });

  it('links group members', async () => {
    await sut.addArtists([
      {
        slug: 'yorushika',
        kind: 'group',
        name: { original: 'ヨルシカ', en: 'Yorushika' },
        members: ['n-buna', 'suis'],
      },
      { slug: 'n-buna', kind: 'person', name: { original: 'n-buna' } },
      { slug: 'suis', kind: 'person', name: { original: 'suis' } },
    ]);
    const rows = await database.db.selectFrom('artist_members').selectAll().execute();
    expect(rows).toHaveLength(2);
  });
});

describe('display names', () => {
  const name = {
    original: '水樹奈々',
    romanized: 'Mizuki Nana',
    en: 'Nana Mizuki',
    zhHant: null,
    ko: null,
  };

  it('shows the official English name in English and the original in Japanese', () => {
    expect(displayName(name, 'en')).toEqual({ text: 'Nana Mizuki', lang: 'en' });
    expect(displayName(name, 'ja')).toEqual({ text: '水樹奈々', lang: 'ja' });
  });

  it('falls back to the romanization, then the original', () => {
    expect(displayName({ ...name, en: null }, 'en')).toEqual({
      text: 'Mizuki Nana',
      lang: 'ja-Latn',
    });
    expect(displayName({ ...name, en: null, romanized: null }, 'ko').text).toBe('水樹奈々');
    expect(displayName(name, 'zh-hant').text).toBe('水樹奈々');
  });
});
