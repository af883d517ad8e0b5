import { describe, expect, it } from 'vitest';
import { useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';
import { page } from '#tests/factories/html.ts';
import { usePeople } from '#tests/factories/people.ts';

/**
 * What writers add to the catalog waits for an editor before readers see it: on its own
 * page, on the pages of the records it names, in search, suggestions, JSON-LD, the sitemap
 * and "songs like this". What editors add is public at once.
 */
describe.each(DIALECTS)('records writers add, on %s', (dialect) => {
  const { app, get } = useTestApp(dialect);
  const { call } = usePeople(app);

  /** The JSON-LD of a page, as one text. */
  const jsonLd = (html: string) =>
    page(html)
      .querySelectorAll('script[type="application/ld+json"]')
      .map((s) => s.text)
      .join('\n');

  const searchSlugs = async (q: string) => {
    const res = await get(`/api/v1/search?q=${encodeURIComponent(q)}&locale=en`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().results as { slug: string }[]).map((r) => r.slug);
  };

  const suggestSlugs = async (q: string) => {
    const res = await get(`/api/v1/suggest?q=${encodeURIComponent(q)}&locale=en`);
    expect(res.statusCode, res.body).toBe(200);
    return JSON.stringify(res.json().suggestions);
  };

  /** Songs listing `slug` among their neighbours ("songs like this"). */
  const listedBy = async (slug: string) => {
    const rows = await app()
      .database.db.selectFrom('song_neighbours as n')
      .innerJoin('songs as s', 's.id', 'n.song_id')
      .innerJoin('songs as t', 't.id', 'n.neighbour_id')
      .select('s.slug')
      .where('t.slug', '=', slug)
      .execute();
    return rows.map((r) => r.slug);
  };

  const neighboursOf = async (slug: string) => {
    const rows = await app()
      .database.db.selectFrom('song_neighbours as n')
      .innerJoin('songs as s', 's.id', 'n.song_id')
      .innerJoin('songs as t', 't.id', 'n.neighbour_id')
      .select(['t.slug', 'n.reasons'])
      .where('s.slug', '=', slug)
      .execute();
    return rows;
  };

  it("keeps a writer's new song off the band's page, its work and tags, search, JSON-LD, the sitemap and songs like this until an editor accepts it", async () => {
    const created = await call('POST', '/api/v1/editor/songs', 'writer', {
      record: {
        slug: 'quixotic-draft-song',
        title: { original: 'クイクソティック', romanized: 'Quixotic Draftsong' },
        released: '2021',
        credits: [{ artist: 'radwimps', role: 'vocals' }],
        tie_ins: [{ work: 'kimi-no-na-wa', role: 'insert' }],
        tags: ['love', 'ballad', 'tearjerker', '2020s'],
      },
    });
    expect(created.statusCode, created.body).toBe(201);

    const hidden = async () => {
      const band = await get('/en/artists/radwimps');
      expect(band.statusCode).toBe(200);
      expect(band.body).not.toContain('quixotic-draft-song');
      expect((await get('/en/works/kimi-no-na-wa')).body).not.toContain('quixotic-draft-song');
      expect((await get('/en/tags/tearjerker')).body).not.toContain('quixotic-draft-song');
      expect((await get('/en/songs/quixotic-draft-song')).statusCode).toBe(404);
      expect((await get('/api/v1/songs/quixotic-draft-song')).statusCode).toBe(404);
      expect(await searchSlugs('Quixotic Draftsong')).not.toContain('quixotic-draft-song');
      expect(await suggestSlugs('Quixotic')).not.toContain('quixotic-draft-song');
      expect((await get('/sitemaps/songs-1.xml')).body).not.toContain('quixotic-draft-song');
      expect(await listedBy('quixotic-draft-song')).toEqual([]);
      expect((await get('/en/songs/nandemonaiya')).body).not.toContain('quixotic-draft-song');
    };
    await hidden();

    // A writer cannot let it through themselves.
    const byWriter = await call(
      'POST',
      '/api/v1/editor/songs/quixotic-draft-song/accept',
      'writer',
      {},
    );
    expect(byWriter.statusCode).toBe(403);
    await hidden();

    const accepted = await call(
      'POST',
      '/api/v1/editor/songs/quixotic-draft-song/accept',
      'editor',
      {},
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ kind: 'songs', slug: 'quixotic-draft-song' });

    const band = await get('/en/artists/radwimps');
    expect(band.body).toContain('/en/songs/quixotic-draft-song');
    const song = await get('/en/songs/quixotic-draft-song');
    expect(song.statusCode).toBe(200);
    expect(jsonLd(song.body)).toMatch(/Quixotic|クイクソティック/);
    expect((await get('/en/works/kimi-no-na-wa')).body).toContain('quixotic-draft-song');
    expect(await searchSlugs('Quixotic Draftsong')).toContain('quixotic-draft-song');
    expect((await get('/sitemaps/songs-1.xml')).body).toContain('/songs/quixotic-draft-song');
    expect(await listedBy('quixotic-draft-song')).toContain('nandemonaiya');
  });

  it("keeps a writer's new artist listing an existing band as members off that band's page until accepted", async () => {
    const created = await call('POST', '/api/v1/editor/artists', 'writer', {
      record: {
        slug: 'zanzibar-draft-unit',
        kind: 'unit',
        name: { original: 'Zanzibar Draftunit' },
        members: ['radwimps'],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const band = await get('/en/artists/radwimps');
    expect(band.body).not.toContain('zanzibar-draft-unit');
    expect(band.body).not.toContain('Zanzibar');
    expect(jsonLd(band.body)).not.toContain('memberOf');
    expect((await get('/en/artists/zanzibar-draft-unit')).statusCode).toBe(404);
    expect(await searchSlugs('Zanzibar Draftunit')).not.toContain('zanzibar-draft-unit');
    expect((await get('/sitemaps/artists-1.xml')).body).not.toContain('zanzibar-draft-unit');

    const accepted = await call(
      'POST',
      '/api/v1/editor/artists/zanzibar-draft-unit/accept',
      'admin',
      {},
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    const listed = await get('/en/artists/radwimps');
    expect(listed.body).toContain('/en/artists/zanzibar-draft-unit');
    expect(JSON.parse(jsonLd(listed.body)).memberOf).toMatchObject([
      { url: expect.stringContaining('/en/artists/zanzibar-draft-unit') },
    ]);
    expect((await get('/en/artists/zanzibar-draft-unit')).statusCode).toBe(200);
    expect(await searchSlugs('Zanzibar Draftunit')).toContain('zanzibar-draft-unit');
  });

  it("makes a writer's song, with its new artist and work, public once an editor publishes a feature using it", async () => {
    for (const [kind, record] of [
      [
        'artists',
        { slug: 'pellucid-draft-singer', kind: 'person', name: { original: 'Pellucid' } },
      ],
      ['works', { slug: 'pellucid-draft-show', kind: 'tv', title: { original: 'Pellucid Show' } }],
      [
        'songs',
        {
          slug: 'pellucid-draft-song',
          title: { original: 'Pellucid Song' },
          credits: [{ artist: 'pellucid-draft-singer', role: 'vocals' }],
          tie_ins: [{ work: 'pellucid-draft-show', role: 'opening' }],
        },
      ],
    ] as const) {
      const res = await call('POST', `/api/v1/editor/${kind}`, 'writer', { record });
      expect(res.statusCode, res.body).toBe(201);
    }
    const draft = await call('POST', '/api/v1/editor/features', 'writer', {
      slug: 'pellucid-feature',
      tags: [],
      text: { en: { title: 'Pellucid songs', lead: '', closing: '', status: 'reviewed' } },
      entries: [
        { song: 'pellucid-draft-song', commentary: {} },
        { song: 'nandemonaiya', commentary: {} },
      ],
    });
    expect(draft.statusCode, draft.body).toBe(201);
    expect((await get('/en/songs/pellucid-draft-song')).statusCode).toBe(404);
    expect((await get('/en/artists/pellucid-draft-singer')).statusCode).toBe(404);
    expect((await get('/en/works/pellucid-draft-show')).statusCode).toBe(404);

    const published = await call(
      'POST',
      '/api/v1/editor/features/pellucid-feature/publish',
      'editor',
      {},
    );
    expect(published.statusCode, published.body).toBe(200);
    expect((await get('/en/songs/pellucid-draft-song')).statusCode).toBe(200);
    expect((await get('/en/artists/pellucid-draft-singer')).body).toContain(
      '/en/songs/pellucid-draft-song',
    );
    expect((await get('/en/works/pellucid-draft-show')).statusCode).toBe(200);
    expect(await searchSlugs('Pellucid Song')).toContain('pellucid-draft-song');
  });

  it('computes songs like this and features like this from published features only', async () => {
    const before = (await neighboursOf('calc')).map((r) => r.slug);
    expect(before).not.toContain('mushoku');
    const document = {
      slug: 'odd-couple-draft',
      tags: ['heartbreak'],
      text: { en: { title: 'An odd couple', lead: '', closing: '', status: 'reviewed' } },
      entries: [
        { song: 'calc', commentary: {} },
        { song: 'mushoku', commentary: {} },
      ],
    };
    const draft = await call('POST', '/api/v1/editor/features', 'writer', document);
    expect(draft.statusCode, draft.body).toBe(201);
    // A writer's save of the draft recomputes the neighbours of the songs it lists.
    const saved = await call('PUT', '/api/v1/editor/features/odd-couple-draft', 'writer', {
      baseRevision: draft.json().revision,
      document: { ...document, byline: 'A writer' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await neighboursOf('calc')).map((r) => r.slug)).not.toContain('mushoku');
    // Recomputing everything (as a new start or `tokushu` does) leaves the draft out too.
    await app().services.discovery.rebuild();
    expect((await neighboursOf('calc')).map((r) => r.slug)).not.toContain('mushoku');
    const draftId = (
      await app()
        .database.db.selectFrom('features')
        .select('id')
        .where('slug', '=', 'odd-couple-draft')
        .executeTakeFirstOrThrow()
    ).id;
    const listing = await app()
      .database.db.selectFrom('feature_neighbours')
      .select('feature_id')
      .where('neighbour_id', '=', draftId)
      .execute();
    expect(listing).toEqual([]);

    await call('POST', '/api/v1/editor/features/odd-couple-draft/publish', 'editor', {});
    expect((await neighboursOf('calc')).find((r) => r.slug === 'mushoku')?.reasons).toContain(
      'features',
    );
  });

  it('shows what editors add at once', async () => {
    const created = await call('POST', '/api/v1/editor/songs', 'editor', {
      record: {
        slug: 'editor-added-song',
        title: { original: 'Editorial Song' },
        credits: [{ artist: 'radwimps', role: 'vocals' }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await get('/en/songs/editor-added-song')).statusCode).toBe(200);
    expect((await get('/en/artists/radwimps')).body).toContain('/en/songs/editor-added-song');
  });

  it('says which record is missing when accepting one that does not exist', async () => {
    const res = await call('POST', '/api/v1/editor/works/no-such-work/accept', 'editor', {});
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toBe('No work "no-such-work".');
  });
});
