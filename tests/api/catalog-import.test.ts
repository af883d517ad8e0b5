import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecord, type RecordKind } from '#src/catalog/index.ts';
import type { ImportFile } from '#src/catalog-import/index.ts';
import { ValidationError, type Problem } from '#src/shared/errors.ts';
import { useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';

const example = (name: string): ImportFile => ({
  file: name,
  bytes: fs.readFileSync(path.resolve('examples', name)),
});
const file = (name: string, text: string | Buffer): ImportFile => ({
  file: name,
  bytes: Buffer.isBuffer(text) ? text : Buffer.from(text),
});
const csv = (name: string, ...lines: string[]) => file(name, `${lines.join('\n')}\n`);
const json = (name: string, value: unknown) => file(name, JSON.stringify(value, null, 2));

const ARTISTS_HEADER = 'slug,kind,name,name_romanized,name_en,aliases,members,external_ids';
const SONGS_HEADER = 'slug,title,title_romanized,title_en,released,credits,youtube,external_ids';

describe.each(DIALECTS)('importing a catalog on %s', (dialect) => {
  const { app, get } = useTestApp(dialect);
  const run = (files: ImportFile[], dryRun = false) =>
    app().services.catalogImport.run(files, { dryRun });
  /** The problems an import is refused with, as the CLI prints them. */
  const problems = async (files: ImportFile[]): Promise<Problem[]> => {
    const songs = await count('songs');
    const error = await run(files).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    // Nothing half-written.
    expect(await count('songs')).toBe(songs);
    return (error as ValidationError).problems.map((p) => ({
      file: p.file,
      ...(p.line ? { line: p.line } : {}),
      field: p.field,
      message: p.message,
    })) as Problem[];
  };
  const count = async (table: 'songs' | 'artists' | 'works' | 'tie_ins') =>
    Number(
      (
        await app()
          .database.db.selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const externalIds = (table: 'work_external_ids' | 'song_external_ids', slug: string) => {
    const db = app().database.db;
    return table === 'work_external_ids'
      ? db
          .selectFrom('work_external_ids as x')
          .innerJoin('works as w', 'w.id', 'x.work_id')
          .select(['x.source', 'x.external_id'])
          .where('w.slug', '=', slug)
          .orderBy('x.source')
          .execute()
      : db
          .selectFrom('song_external_ids as x')
          .innerJoin('songs as s', 's.id', 'x.song_id')
          .select(['x.source', 'x.external_id'])
          .where('s.slug', '=', slug)
          .orderBy('x.source')
          .execute();
  };
  const record = (kind: RecordKind, slug: string) => readRecord(app().database.db, kind, slug);
  const csvFiles = () =>
    ['artists.csv', 'works.csv', 'songs.csv', 'tie-ins.csv'].map((name) => example(name));

  it('plans the sample spreadsheets on a dry run and writes nothing', async () => {
    const before = await count('songs');
    const plan = await run(csvFiles(), true);
    const summary = plan.records.map((r) => `${r.action} ${r.kind} ${r.target} ${r.via ?? ''}`);
    expect(summary).toEqual([
      'create artists eve ',
      'create artists official-hige-dandism ',
      // Already in the catalog, with the AniList id the bangumi-data import gave it.
      'update works jujutsu-kaisen anilist id 113415',
      'create works spy-x-family ',
      'create songs kaikai-kitan ',
      'create songs mixed-nuts ',
    ]);
    // It has the AniList and MyAnimeList ids already: only the alias is new.
    expect(plan.records.find((r) => r.target === 'jujutsu-kaisen')?.changes).toEqual(['aliases']);
    expect(plan.tieIns).toEqual({ created: 2, matched: 0 });
    expect(await count('songs')).toBe(before);
  });

  it('writes the sample spreadsheets, and a second run finds everything there', async () => {
    await run(csvFiles());
    const song = await get('/api/v1/songs/kaikai-kitan');
    expect(song.statusCode).toBe(200);
    expect(song.json()).toMatchObject({
      slug: 'kaikai-kitan',
      title: { original: '廻廻奇譚', romanized: 'Kaikai Kitan' },
    });
    expect(await externalIds('work_external_ids', 'spy-x-family')).toEqual([
      { source: 'anilist', external_id: '140960' },
      { source: 'mal', external_id: '50265' },
    ]);
    // Search heard about the new songs.
    const found = await get('/api/v1/search?q=mixed%20nuts&type=song');
    expect(JSON.stringify(found.json())).toContain('mixed-nuts');

    const again = await run(csvFiles(), true);
    expect(again.records.map((r) => `${r.action} ${r.target} by ${r.via}`)).toEqual([
      'match eve by slug',
      'match official-hige-dandism by slug',
      'match jujutsu-kaisen by anilist id 113415',
      'match spy-x-family by anilist id 140960',
      'match kaikai-kitan by slug',
      'match mixed-nuts by slug',
    ]);
    expect(again.tieIns).toEqual({ created: 0, matched: 2 });
  });

  it('imports the sample catalog file with its members and tie-ins', async () => {
    const plan = await run([example('catalog.json')]);
    expect(plan.records.every((r) => r.action === 'create')).toBe(true);
    expect((await record('artists', 'yoasobi'))?.data).toMatchObject({
      kind: 'unit',
      members: ['ayase', 'ikura'],
    });
    expect((await record('songs', 'idol-yoasobi'))?.data).toMatchObject({
      released: '2023-04-12',
      tie_ins: [{ work: 'oshi-no-ko', role: 'opening', sequence: 1 }],
    });
  });

  it('imports an AnimeThemes response, matching what the catalog has by id, name and year', async () => {
    const plan = await run([example('animethemes.json')]);
    const line = (r: (typeof plan.records)[number]) =>
      `${r.action} ${r.target}${r.via ? ` by ${r.via}` : ''}${r.changes.length ? `: ${r.changes.join(', ')}` : ''}`;
    expect(plan.records.map(line)).toEqual([
      'match lia by name',
      'match aoi-tada by name',
      'match lisa by name',
      'create fiction-junction',
      'match angel-beats by anilist id 6547',
      'create kimetsu-no-yaiba',
      'create my-soul-your-beats',
      // Already tied to Angel Beats! as its ending: the theme's number is filled in.
      'update brave-song by title and work: tie_ins',
      'create gurenge',
      'create from-the-edge',
    ]);
    expect(plan.duplicates).toEqual([]);
    expect(await externalIds('work_external_ids', 'kimetsu-no-yaiba')).toEqual([
      { source: 'anilist', external_id: '101922' },
      { source: 'mal', external_id: '38000' },
    ]);
    expect((await record('works', 'kimetsu-no-yaiba'))?.data).toMatchObject({
      title: {
        original: '鬼滅の刃',
        romanized: 'Kimetsu no Yaiba',
        en: 'Demon Slayer: Kimetsu no Yaiba',
      },
      year: 2019,
    });
    const song = (await get('/api/v1/songs/from-the-edge')).json();
    expect(JSON.stringify(song)).toContain('"lisa"');
  });

  it('matches by another catalog id first, keeps what the catalog says, and reports it', async () => {
    const plan = await run(
      [
        json('fix.json', {
          format: 'tokushu-catalog',
          version: 1,
          works: [
            {
              slug: 'kimetsu-no-yaiba-tv',
              kind: 'tv',
              title: { original: 'Kimetsu no Yaiba', 'zh-hant': '鬼滅之刃' },
              year: 2018,
              external_ids: { mal: '38000', kitsu: '41370' },
            },
          ],
        }),
      ],
      true,
    );
    expect(plan.records[0]).toMatchObject({
      action: 'update',
      target: 'kimetsu-no-yaiba',
      via: 'mal id 38000',
      changes: ['title.zh-hant', 'external_ids'],
      newIds: [{ source: 'kitsu', externalId: '41370' }],
    });
    expect(plan.kept).toEqual([
      { kind: 'works', target: 'kimetsu-no-yaiba', field: 'year', kept: '2019', offered: '2018' },
    ]);
  });

  it('reports a namesake in another year as a likely duplicate and creates it apart', async () => {
    const plan = await run([
      json('remake.json', {
        format: 'tokushu-catalog',
        version: 1,
        works: [
          { slug: 'angel-beats-2031', kind: 'tv', title: { original: 'Angel Beats!' }, year: 2031 },
        ],
      }),
    ]);
    expect(plan.records[0]).toMatchObject({ action: 'create', target: 'angel-beats-2031' });
    expect(plan.duplicates).toEqual([
      {
        kind: 'works',
        label: 'remake.json works[0]',
        target: 'angel-beats-2031',
        existing: ['angel-beats'],
        reason: 'the same name, but a different year (or none); created apart',
      },
    ]);
    expect(await record('works', 'angel-beats-2031')).not.toBeNull();
  });

  it('gives a made-up slug a number when another record has it', async () => {
    const plan = await run([
      json('other.json', {
        anime: {
          name: 'Angel Beats!',
          media_format: 'OVA',
          year: 2032,
          animethemes: [],
        },
      }),
    ]);
    expect(plan.records[0]).toMatchObject({ action: 'create', target: 'angel-beats-2' });
  });

  it("keeps the other catalogs' ids of a duplicate merged away", async () => {
    await run([
      json('late.json', {
        format: 'tokushu-catalog',
        version: 1,
        works: [
          {
            slug: 'demon-slayer-tv',
            kind: 'tv',
            title: { original: 'Demon Slayer' },
            external_ids: { kitsu: '41370' },
          },
        ],
      }),
    ]);
    const admin = await app()
      .database.db.selectFrom('users')
      .select('id')
      .executeTakeFirstOrThrow();
    await app().services.catalogEditing.merge(
      {
        id: admin.id,
        email: 'admin@example.org',
        displayName: 'Admin',
        role: 'admin',
        via: 'token',
      },
      'works',
      'demon-slayer-tv',
      'kimetsu-no-yaiba',
    );
    expect(await externalIds('work_external_ids', 'kimetsu-no-yaiba')).toEqual([
      { source: 'anilist', external_id: '101922' },
      { source: 'kitsu', external_id: '41370' },
      { source: 'mal', external_id: '38000' },
    ]);
  });

  describe('refuses bad input, naming every problem at once', () => {
    it('a missing field', async () => {
      expect(
        await problems([
          csv('artists.csv', ARTISTS_HEADER, 'new-one,person,,,,,,'),
          json('songs.json', {
            format: 'tokushu-catalog',
            version: 1,
            songs: [{ slug: 'no-credits', title: { original: '無題' } }],
          }),
          json('anime.json', { anime: [{ year: 2020 }] }),
        ]),
      ).toEqual([
        { file: 'artists.csv', line: 2, field: 'name', message: 'is required' },
        { file: 'songs.json', line: 5, field: 'songs[0].credits', message: 'is required' },
        { file: 'anime.json', line: 3, field: 'anime[0].name', message: 'is required' },
      ]);
    });

    it('a value of the wrong type', async () => {
      expect(
        await problems([
          csv(
            'works.csv',
            'slug,kind,year,title',
            'a-work,tv,twenty,Title',
            'b-work,series,2020,Title',
          ),
          json('catalog.json', {
            format: 'tokushu-catalog',
            version: 1,
            works: [{ slug: 'c-work', kind: 'tv', title: { original: 'C' }, year: '2019' }],
          }),
          json('anime.json', { anime: { name: 'X', year: 'spring', animethemes: {} } }),
        ]),
      ).toEqual([
        {
          file: 'works.csv',
          line: 2,
          field: 'year',
          message: 'Invalid input: expected number, received string',
        },
        {
          file: 'works.csv',
          line: 3,
          field: 'kind',
          message:
            'Invalid option: expected one of "tv"|"movie"|"ova"|"web"|"game"|"drama"|"other"',
        },
        {
          file: 'catalog.json',
          line: 11,
          field: 'works[0].year',
          message: 'Invalid input: expected number, received string',
        },
        {
          file: 'anime.json',
          line: 4,
          field: 'anime.year',
          message: 'Invalid input: expected number, received string',
        },
        {
          file: 'anime.json',
          line: 5,
          field: 'anime.animethemes',
          message: 'Invalid input: expected array, received object',
        },
      ]);
    });

    it('text past its length, at its line and field, with the limit and the length', async () => {
      const long = '恋'.repeat(60_000);
      const tooLong = 'must be at most 200 characters; this one has 60,000';
      expect(
        await problems([
          csv('songs.csv', SONGS_HEADER, `long-song,${long},,,2020,nana-mizuki:vocals,,`),
          json('catalog.json', {
            format: 'tokushu-catalog',
            version: 1,
            artists: [
              {
                slug: 'many-names',
                kind: 'person',
                name: { original: 'Many names' },
                aliases: Array.from({ length: 51 }, (_, i) => `name ${i}`),
              },
            ],
            works: [{ slug: 'long-work', kind: 'tv', title: { original: 'W', en: long } }],
          }),
          json('anime.json', {
            anime: [
              {
                name: long,
                year: 2020,
                animethemes: [
                  {
                    type: 'OP',
                    sequence: 1,
                    song: { title: 'Short', artists: [{ name: 'LiSA' }] },
                  },
                ],
              },
            ],
          }),
        ]),
      ).toEqual([
        { file: 'songs.csv', line: 2, field: 'title', message: tooLong },
        {
          file: 'catalog.json',
          line: 11,
          field: 'artists[0].aliases',
          message: 'must have at most 50 aliases; this one has 51',
        },
        { file: 'catalog.json', line: 72, field: 'works[0].title.en', message: tooLong },
        { file: 'anime.json', line: 4, field: 'anime[0].name', message: tooLong },
      ]);
    });

    it('a reference to nothing', async () => {
      expect(
        await problems([
          csv('songs.csv', SONGS_HEADER, 'lost-song,迷子,,,,nobody:vocals; lisa:lyrics:ghost,,'),
          csv(
            'tie-ins.csv',
            'song,work,role',
            'lost-song,no-such-work,opening',
            'no-such-song,clannad,ending',
          ),
        ]),
      ).toEqual([
        {
          file: 'songs.csv',
          line: 2,
          field: 'credits',
          message: 'unknown artist "nobody" (not in this import or the catalog)',
        },
        {
          file: 'songs.csv',
          line: 2,
          field: 'credits',
          message: 'unknown artist "ghost" (not in this import or the catalog)',
        },
        {
          file: 'tie-ins.csv',
          line: 2,
          field: 'work',
          message: 'unknown work "no-such-work" (not in this import or the catalog)',
        },
        {
          file: 'tie-ins.csv',
          line: 3,
          field: 'song',
          message: 'unknown song "no-such-song" (not in this import or the catalog)',
        },
      ]);
    });

    it('the same id twice', async () => {
      expect(
        await problems([
          csv('artists.csv', ARTISTS_HEADER, 'twin,person,Twin,,,,,', 'twin,person,Twin Two,,,,,'),
          json('works.json', {
            format: 'tokushu-catalog',
            version: 1,
            works: [
              {
                slug: 'w-one',
                kind: 'tv',
                title: { original: 'W1' },
                external_ids: { anilist: '999999999' },
              },
              {
                slug: 'w-two',
                kind: 'tv',
                title: { original: 'W2' },
                external_ids: { anilist: '999999999' },
              },
            ],
          }),
        ]),
      ).toEqual([
        {
          file: 'artists.csv',
          line: 3,
          field: 'slug',
          message: '"twin" is also given to artists.csv line 2',
        },
        {
          file: 'works.json',
          line: 22,
          field: 'works[1].external_ids.anilist',
          message: 'anilist id 999999999 is also given to works.json works[0]',
        },
      ]);
    });

    it('a file that is not UTF-8', async () => {
      const latin1 = Buffer.concat([
        Buffer.from(`${ARTISTS_HEADER}\nbeyonce,person,Beyonc`),
        Buffer.from([0xe9]),
        Buffer.from(',,,,,\n'),
      ]);
      expect(
        await problems([
          file('artists.csv', latin1),
          file('songs.csv', Buffer.from('\ufeffslug', 'utf16le')),
        ]),
      ).toEqual([
        {
          file: 'artists.csv',
          line: 2,
          field: '(encoding)',
          message: 'byte 89 is not UTF-8 text (0xe9); save the file as UTF-8',
        },
        {
          file: 'songs.csv',
          line: 1,
          field: '(encoding)',
          message: 'the file is UTF-16; save it as UTF-8',
        },
      ]);
    });

    it('a file cut short', async () => {
      const whole = fs.readFileSync(path.resolve('examples/catalog.json'), 'utf8');
      const songs = fs.readFileSync(path.resolve('examples/songs.csv'), 'utf8');
      expect(
        await problems([
          file('catalog.json', whole.slice(0, whole.indexOf('"works"') + 20)),
          file('songs.csv', songs.slice(0, songs.lastIndexOf(',,') - 12)),
          file('artists.csv', `${ARTISTS_HEADER}\nquoted,person,"Never closed,,,,,\n`),
        ]),
      ).toEqual([
        {
          file: 'catalog.json',
          line: 25,
          field: '(json)',
          message: 'a "}" was expected: the file ends too early (is it cut short?)',
        },
        {
          file: 'songs.csv',
          line: 3,
          field: '(row)',
          message: 'has 6 cells where the header has 8 (is the file cut short?)',
        },
        {
          file: 'artists.csv',
          line: 2,
          field: '(csv)',
          message: 'a quoted cell is never closed (is the file cut short?)',
        },
      ]);
    });

    it('a file it cannot tell the kind of, and columns it does not know', async () => {
      expect(
        await problems([
          csv('catalog.csv', 'slug'),
          csv('songs.csv', 'slug,title,artist'),
          file('notes.txt', 'hello'),
          json('other.json', { data: [] }),
          json('future.json', { format: 'tokushu-catalog', version: 2 }),
        ]),
      ).toEqual([
        {
          file: 'catalog.csv',
          field: '(file name)',
          message:
            'a CSV file is named for its rows: artists.csv, works.csv, songs.csv or tie-ins.csv (a prefix such as 2026-songs.csv is fine)',
        },
        {
          file: 'songs.csv',
          line: 1,
          field: 'artist',
          message:
            'is not a column of songs.csv (its columns are slug, title, title_romanized, title_en, title_zh_hant, title_ko, aliases, released, credits, cover_of, tags, youtube, spotify, apple_music, niconico, external_ids)',
        },
        {
          file: 'notes.txt',
          field: '(file name)',
          message: 'Tokushu imports .csv and .json files',
        },
        {
          file: 'other.json',
          line: 1,
          field: '(json)',
          message:
            'is neither a Tokushu catalog (with "format": "tokushu-catalog") nor an AnimeThemes API response (with "anime")',
        },
        {
          file: 'future.json',
          line: 3,
          field: 'version',
          message: 'this Tokushu reads version 1 of tokushu-catalog, not 2',
        },
      ]);
    });

    it('one bad row among good ones writes none of them', async () => {
      const artists = await count('artists');
      const found = await problems([
        csv(
          'artists.csv',
          ARTISTS_HEADER,
          'good-one,person,Good One,,,,,',
          'good-two,person,Good Two,,,,,',
          'bad-three,wizard,Bad Three,,,,,',
        ),
      ]);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ line: 4, field: 'kind' });
      expect(await count('artists')).toBe(artists);
    });
  });
});
