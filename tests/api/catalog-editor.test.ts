import { beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '#src/shared/changes.ts';
import { useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';
import { texts } from '#tests/factories/html.ts';
import { usePeople, type Method } from '#tests/factories/people.ts';

describe.each(DIALECTS)('the catalog editor API on %s', (dialect) => {
  const { app } = useTestApp(dialect);
  const { tokens, call } = usePeople(app);
  const changes: Change[] = [];
  beforeAll(() => {
    app().services.changes.subscribe((c) => {
      changes.push(c);
    });
  });

  it('reads a song in the shape it is written in, and a save of it unchanged is a no-op', async () => {
    const res = await call('GET', '/api/v1/editor/songs/shinai', 'editor');
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({
      kind: 'songs',
      slug: 'shinai',
      record: {
        slug: 'shinai',
        title: { original: '深愛', romanized: "Shin'ai", en: 'Deep love' },
        released: '2009-01-21',
        credits: [{ artist: 'nana-mizuki', role: 'vocals' }],
        tie_ins: [{ work: 'white-album', role: 'opening', sequence: 1 }],
        tags: ['2000s', 'ballad', 'love', 'sad'],
      },
    });
    expect(view.uses.entries).toBeGreaterThan(0);
    expect(view.labels.artists).toEqual({ 'nana-mizuki': 'Nana Mizuki' });
    expect(Object.keys(view.labels.works)).toEqual(['white-album']);
    const saved = await call('PUT', '/api/v1/editor/songs/shinai', 'editor', {
      baseVersion: view.version,
      record: view.record,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().record).toEqual(view.record);
    expect(saved.json().version > view.version).toBe(true);
  });

  it('corrects a song: the public page shows it at once and the change is announced', async () => {
    const { version, record } = (
      await call('GET', '/api/v1/editor/songs/mushoku', 'editor')
    ).json();
    const res = await call('PUT', '/api/v1/editor/songs/mushoku', 'editor', {
      baseVersion: version,
      record: { ...record, title: { ...record.title, en: 'Colorless' }, aliases: ['むしょく'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = await app().http.inject({ url: '/en/songs/mushoku' });
    expect(texts(page.body, 'h1').join(' ')).toContain('Colorless');
    expect(changes).toContainEqual({ entity: 'song', slugs: ['mushoku'] });
    const audit = await app()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'song')
      .where('entity_id', '=', 'mushoku')
      .execute();
    expect(audit.map((a) => a.action)).toContain('update');
  });

  it('refuses a save based on an old version with 409 and the current record', async () => {
    const first = (await call('GET', '/api/v1/editor/artists/nana-mizuki', 'editor')).json();
    const ok = await call('PUT', '/api/v1/editor/artists/nana-mizuki', 'editor', {
      baseVersion: first.version,
      record: { ...first.record, aliases: [...first.record.aliases, 'NANA'] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await call('PUT', '/api/v1/editor/artists/nana-mizuki', 'admin', {
      baseVersion: first.version,
      record: first.record,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(stale.json().current.record.aliases).toContain('NANA');
  });

  it('lets exactly one of two simultaneous corrections of the same version through', async () => {
    const { version, record } = (await call('GET', '/api/v1/editor/works/hyoka', 'editor')).json();
    const [a, b] = await Promise.all(
      ['editor', 'admin'].map((who, i) =>
        call('PUT', '/api/v1/editor/works/hyoka', who, {
          baseVersion: version,
          record: { ...record, aliases: [`alias ${i}`] },
        }),
      ),
    );
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 409]);
  });

  it('names every field at fault, and writes nothing', async () => {
    const { version, record } = (await call('GET', '/api/v1/editor/songs/garnet', 'editor')).json();
    const res = await call('PUT', '/api/v1/editor/songs/garnet', 'editor', {
      baseVersion: version,
      record: {
        ...record,
        title: { original: 'Changed' },
        credits: [{ artist: 'nobody-at-all', role: 'vocals' }],
        tags: ['not-a-tag'],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'record.credits[0].artist', message: 'unknown artist "nobody-at-all"' },
      { field: 'record.tags[0]', message: 'unknown tag "not-a-tag"' },
    ]);
    const after = (await call('GET', '/api/v1/editor/songs/garnet', 'editor')).json();
    expect(after.record).toEqual(record);

    const shape = await call('POST', '/api/v1/editor/songs', 'editor', {
      record: { slug: 'Bad Slug', title: {}, credits: [] },
    });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['record.slug', 'record.title.original', 'record.credits']),
    );

    const renamed = await call('PUT', '/api/v1/editor/songs/garnet', 'editor', {
      baseVersion: version,
      record: { ...record, slug: 'garnet-2' },
    });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().errors[0].field).toBe('record.slug');

    const missing = await call('GET', '/api/v1/editor/works/no-such-work', 'editor');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe('No work "no-such-work".');
  });

  it('lets a writer add a song, but not change one or touch tags', async () => {
    const song = {
      slug: 'writer-added-song',
      title: { original: '新しい歌', romanized: 'Atarashii Uta' },
      credits: [{ artist: 'nana-mizuki', role: 'vocals' }],
    };
    const created = await call('POST', '/api/v1/editor/songs', 'writer', { record: song });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().record).toMatchObject({ ...song, aliases: [], tags: [], tie_ins: [] });
    const again = await call('POST', '/api/v1/editor/songs', 'writer', { record: song });
    expect(again.json().errors).toEqual([
      { field: 'record.slug', message: '"writer-added-song" is already in use' },
    ]);
    const change = await call('PUT', '/api/v1/editor/songs/writer-added-song', 'writer', {
      baseVersion: created.json().version,
      record: song,
    });
    expect(change.statusCode).toBe(403);
    const tag = await call('POST', '/api/v1/editor/tags', 'writer', {
      record: { slug: 'rainy', kind: 'scene', name: { en: 'Rainy' } },
    });
    expect(tag.statusCode).toBe(403);
  });

  it('finds records by any name or alias, newest first', async () => {
    const byKana = await call(
      'GET',
      `/api/v1/editor/songs?q=${encodeURIComponent('届かない')}`,
      'writer',
    );
    expect(byKana.json()[0]).toMatchObject({ slug: 'todokanai-koi', label: 'Unrequited Love' });
    const byAlias = await call(
      'GET',
      `/api/v1/editor/artists?q=${encodeURIComponent('水樹')}`,
      'writer',
    );
    expect(byAlias.json().map((a: { slug: string }) => a.slug)).toContain('nana-mizuki');
    const tags = await call('GET', '/api/v1/editor/tags?q=%E5%A4%B1%E6%81%8B', 'writer');
    expect(tags.json()).toEqual([
      { slug: 'heartbreak', label: 'Heartbreak', detail: 'mood', updatedAt: null },
    ]);
    const literal = await call('GET', '/api/v1/editor/works?q=%25', 'writer');
    expect(literal.json()).toEqual([]);
  });

  it('merges a duplicate work: tie-ins follow and its titles become aliases', async () => {
    const created = await call('POST', '/api/v1/editor/works', 'editor', {
      record: { slug: 'white-album-dup', kind: 'tv', title: { original: 'ホワイトアルバム' } },
    });
    expect(created.statusCode, created.body).toBe(201);
    await app().services.catalog.addSongs([
      {
        slug: 'dup-work-song',
        title: { original: 'テスト' },
        credits: [{ artist: 'nana-mizuki', role: 'vocals' }],
        tie_ins: [{ work: 'white-album-dup', role: 'insert' }],
      },
    ]);
    const res = await call('POST', '/api/v1/editor/works/white-album-dup/merge', 'editor', {
      into: 'white-album',
    });
    expect(res.statusCode, res.body).toBe(200);
    const song = (await call('GET', '/api/v1/editor/songs/dup-work-song', 'editor')).json();
    expect(song.record.tie_ins).toEqual([{ work: 'white-album', role: 'insert' }]);
    const work = (await call('GET', '/api/v1/editor/works/white-album', 'editor')).json();
    expect(work.record.aliases).toContain('ホワイトアルバム');
    expect((await app().http.inject({ url: '/en/works/white-album-dup' })).statusCode).toBe(404);
  });

  it('merges a duplicate tag: its songs and features follow', async () => {
    await call('POST', '/api/v1/editor/tags', 'editor', {
      record: { slug: 'sad-songs', kind: 'mood', name: { en: 'Sad songs' } },
    });
    const { version, record } = (await call('GET', '/api/v1/editor/songs/lilium', 'editor')).json();
    await call('PUT', '/api/v1/editor/songs/lilium', 'editor', {
      baseVersion: version,
      record: { ...record, tags: [...record.tags, 'sad-songs'] },
    });
    const res = await call('POST', '/api/v1/editor/tags/sad-songs/merge', 'editor', {
      into: 'sad',
    });
    expect(res.statusCode, res.body).toBe(200);
    const lilium = (await call('GET', '/api/v1/editor/songs/lilium', 'editor')).json();
    expect(lilium.record.tags).toContain('sad');
    expect(lilium.record.tags).not.toContain('sad-songs');
    const self = await call('POST', '/api/v1/editor/tags/sad/merge', 'editor', { into: 'sad' });
    expect(self.json().errors).toEqual([
      { field: 'into', message: 'cannot merge something into itself' },
    ]);
  });

  it('refuses names past their length, naming the field, the limit and the length sent', async () => {
    const long = '深'.repeat(60_000);
    const tooLong = 'must be at most 200 characters; this one has 60,000';
    const count = async (table: 'songs' | 'artists' | 'works' | 'tags') =>
      Number(
        (
          await app()
            .database.db.selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    // A writer may add songs, artists and works; tags are added and records corrected by editors.
    const cases = [
      {
        kind: 'songs',
        adder: 'writer',
        existing: 'shinai',
        field: 'title',
        record: {
          slug: 'long-song',
          title: { original: long },
          credits: [{ artist: 'nana-mizuki', role: 'vocals' }],
        },
      },
      {
        kind: 'artists',
        adder: 'writer',
        existing: 'nana-mizuki',
        field: 'name',
        record: { slug: 'long-artist', kind: 'person', name: { original: long } },
      },
      {
        kind: 'works',
        adder: 'writer',
        existing: 'hyoka',
        field: 'title',
        record: { slug: 'long-work', kind: 'tv', title: { original: long } },
      },
      {
        kind: 'tags',
        adder: 'editor',
        existing: 'sad',
        field: 'name',
        record: { slug: 'long-tag', kind: 'mood', name: { en: long } },
      },
    ] as const;
    for (const { kind, adder, existing, field, record } of cases) {
      const before = await count(kind);
      const added = await call('POST', `/api/v1/editor/${kind}`, adder, { record });
      expect(added.statusCode, `${kind}: ${added.body.slice(0, 300)}`).toBe(400);
      expect(added.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      const locale = kind === 'tags' ? 'en' : 'original';
      expect(added.json().errors).toEqual([
        { field: `record.${field}.${locale}`, message: tooLong },
      ]);
      expect(added.json().detail).toContain(`record.${field}.${locale} ${tooLong}`);
      expect(await count(kind)).toBe(before);

      const view = (await call('GET', `/api/v1/editor/${kind}/${existing}`, 'editor')).json();
      const names = view.record[field];
      const corrected = await call('PUT', `/api/v1/editor/${kind}/${existing}`, 'editor', {
        baseVersion: view.version,
        record: { ...view.record, [field]: { ...names, en: long } },
      });
      expect(corrected.statusCode, kind).toBe(400);
      expect(corrected.json().errors).toEqual([{ field: `record.${field}.en`, message: tooLong }]);
      const after = (await call('GET', `/api/v1/editor/${kind}/${existing}`, 'editor')).json();
      expect(after.record).toEqual(view.record);
    }
  });

  it('counts characters as people do, and limits how many aliases a record has and how long', async () => {
    // 𠮷 is one character, though JavaScript counts it as two: 200 of them make a full title.
    const full = '𠮷'.repeat(200);
    const added = await call('POST', '/api/v1/editor/works', 'writer', {
      record: { slug: 'full-title-work', kind: 'tv', title: { original: full } },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().record.title.original).toBe(full);

    const over = await call('POST', '/api/v1/editor/artists', 'writer', {
      record: {
        slug: 'many-aliases',
        kind: 'person',
        name: { original: 'Many', romanized: `${full}𠮷` },
        aliases: [...Array.from({ length: 50 }, (_, i) => `alias ${i}`), 'x'.repeat(201)],
      },
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors).toEqual([
      {
        field: 'record.name.romanized',
        message: 'must be at most 200 characters; this one has 201',
      },
      { field: 'record.aliases[50]', message: 'must be at most 200 characters; this one has 201' },
      { field: 'record.aliases', message: 'must have at most 50 aliases; this one has 51' },
    ]);
  });

  it('documents every catalog route in the OpenAPI document', async () => {
    const doc = (await app().http.inject({ url: '/api/v1/openapi.json' })).json();
    for (const kind of ['songs', 'artists', 'works', 'tags']) {
      expect(Object.keys(doc.paths[`/editor/${kind}`])).toEqual(['get', 'post']);
      expect(Object.keys(doc.paths[`/editor/${kind}/{slug}`])).toEqual(['get', 'put']);
      expect(Object.keys(doc.paths[`/editor/${kind}/{slug}/merge`])).toEqual(['post']);
    }
  });

  describe('who may do what', () => {
    const samples = {
      songs: (s: string) => ({
        slug: s,
        title: { original: s },
        credits: [{ artist: 'nana-mizuki', role: 'vocals' }],
      }),
      artists: (s: string) => ({ slug: s, kind: 'person', name: { original: s } }),
      works: (s: string) => ({ slug: s, kind: 'tv', title: { original: s } }),
      tags: (s: string) => ({ slug: s, kind: 'mood', name: { en: s } }),
    } as const;
    type Kind = keyof typeof samples;
    type Route = [
      method: Method,
      path: (kind: Kind, slug: string) => string,
      body: (kind: Kind, slug: string, version: string | null) => unknown,
      permission: (kind: Kind) => 'edit' | 'publish',
    ];
    const routes: Route[] = [
      ['GET', (k) => `/api/v1/editor/${k}`, () => undefined, () => 'edit'],
      ['GET', (k, s) => `/api/v1/editor/${k}/${s}`, () => undefined, () => 'edit'],
      [
        'POST',
        (k) => `/api/v1/editor/${k}`,
        (k, s) => ({ record: samples[k](`${s}-new`) }),
        (k) => (k === 'tags' ? 'publish' : 'edit'),
      ],
      [
        'PUT',
        (k, s) => `/api/v1/editor/${k}/${s}`,
        (k, s, version) => ({ baseVersion: version, record: samples[k](s) }),
        () => 'publish',
      ],
      [
        'POST',
        (k, s) => `/api/v1/editor/${k}/${s}-dup/merge`,
        (_k, s) => ({ into: s }),
        () => 'publish',
      ],
    ];
    const people = ['anonymous', 'bad token', 'writer', 'editor', 'admin'] as const;
    const expected = (who: (typeof people)[number], permission: 'edit' | 'publish') =>
      who === 'anonymous' || who === 'bad token'
        ? 401
        : who === 'writer' && permission === 'publish'
          ? 403
          : 'allowed';
    const kinds = Object.keys(samples) as Kind[];
    const cases = kinds.flatMap((kind) =>
      routes.flatMap(([method, path, body, permission], r) =>
        people.map((who, p) => ({
          kind,
          method,
          path,
          body,
          who,
          status: expected(who, permission(kind)),
          slug: `matrix-${r}-${p}`,
        })),
      ),
    );

    it.each(cases.map((c) => [c.method, c.path(c.kind, ':slug'), c.who, c.status, c] as const))(
      '%s %s as %s → %s',
      async (_method, _path, who, status, c) => {
        // Every case gets its own record and duplicate, so no case depends on another.
        const admin = await app().services.accounts.actorForToken(tokens.admin as string);
        const { catalogEditing } = app().services;
        const own = await catalogEditing.create(admin, c.kind, samples[c.kind](c.slug));
        await catalogEditing.create(admin, c.kind, samples[c.kind](`${c.slug}-dup`));
        const token =
          who === 'anonymous' ? undefined : who === 'bad token' ? 'tks_not-a-token' : who;
        const res = await call(
          c.method,
          c.path(c.kind, c.slug),
          token,
          c.body(c.kind, c.slug, own.version),
        );
        if (status === 'allowed') expect(res.statusCode, res.body).toBeLessThan(300);
        else {
          expect(res.statusCode, res.body).toBe(status);
          expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
        }
      },
    );
  });
});
