import { beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '#src/shared/changes.ts';
import { useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';
import { texts } from '#tests/factories/html.ts';
import { usePeople, type Method } from '#tests/factories/people.ts';

const SONGS = [
  'shinai',
  'mushoku',
  'todokanai-koi',
  'secret-base-10-years-after',
  'nakushita-kotoba',
  'usotsuki',
  'mononoke-hime',
  'lilium',
  'garnet',
  'dango-daikazoku',
  'brave-song',
  'michishirube',
];

type TextStatus = 'reviewed' | 'draft';
const reviewed: TextStatus = 'reviewed';

function draft(slug: string, songs = SONGS) {
  return {
    slug,
    category: 'anime-songs',
    tags: ['sad'],
    text: {
      en: {
        title: 'Quiet endings',
        lead: 'Songs for the last episode.',
        closing: '',
        status: reviewed,
      },
      ja: { title: '静かな最終回', lead: '最終回のための歌。', closing: '', status: reviewed },
    },
    entries: songs.map((song) => ({
      song,
      commentary: { en: `Why ${song} is here.`, ja: `${song}を選んだ理由。` },
    })),
  };
}

describe.each(DIALECTS)('the editor API on %s', (dialect) => {
  const { app } = useTestApp(dialect);
  const { tokens, call } = usePeople(app);
  const changes: Change[] = [];
  beforeAll(() => {
    app().services.changes.subscribe((c) => {
      changes.push(c);
    });
  });

  it('lets an editor build a feature of 12 songs, reorder two, publish it, and readers see "(11–12)" on page 2', async () => {
    const created = await call('POST', '/api/v1/editor/features', 'editor', draft('quiet-endings'));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'draft', revision: 1 });
    expect(created.json().songs.shinai).toBe('Deep love — Nana Mizuki');
    expect((await app().http.inject({ url: '/en/quiet-endings' })).statusCode).toBe(404);

    const reordered = draft('quiet-endings', [
      ...SONGS.slice(0, 10),
      SONGS[11] as string,
      SONGS[10] as string,
    ]);
    const saved = await call('PUT', '/api/v1/editor/features/quiet-endings', 'editor', {
      baseRevision: 1,
      document: reordered,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().revision).toBe(2);

    expect(
      (await call('POST', '/api/v1/editor/features/quiet-endings/publish', 'editor', {})).json()
        .status,
    ).toBe('published');
    const page2 = await app().http.inject({ url: '/en/quiet-endings/2' });
    expect(page2.statusCode).toBe(200);
    expect(texts(page2.body, '.range-heading')).toEqual(['(11–12)']);
    expect(texts(page2.body, '.entry-rank')).toEqual(['11', '12']);
    expect(page2.body).toContain('href="/en/songs/michishirube"');
    expect(changes.some((c) => c.entity === 'feature' && c.slugs.includes('quiet-endings'))).toBe(
      true,
    );
  });

  it('previews a draft to signed-in editors only, draft languages included', async () => {
    const doc = draft('preview-me');
    doc.text.ja.status = 'draft' as TextStatus;
    await call('POST', '/api/v1/editor/features', 'editor', doc);
    const anonymous = await app().http.inject({ url: '/admin/preview/ja/preview-me' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/admin/?next=%23%2Ffeatures%2Fpreview-me');

    const login = await app().http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'writer@example.org', password: 'writer password 123' },
    });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const preview = await app().http.inject({
      url: '/admin/preview/ja/preview-me',
      headers: { cookie },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['cache-control']).toBe('private, no-store');
    expect(texts(preview.body, 'h1')).toEqual(['静かな最終回']);
    expect(texts(preview.body, '.preview-notice')).toHaveLength(1);
    expect(preview.body).toContain('href="/admin/preview/en/preview-me"');
    expect(texts(preview.body, '.entry-rank')).toHaveLength(12);
    expect(preview.body).toContain('<meta name="robots" content="noindex"/>');
    expect((await app().http.inject({ url: '/ja/preview-me' })).statusCode).toBe(404);
    const unknown = await app().http.inject({
      url: '/admin/preview/ja/no-such-feature',
      headers: { cookie },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('lets exactly one of two simultaneous saves of the same revision through', async () => {
    await call('POST', '/api/v1/editor/features', 'editor', draft('same-moment'));
    const [a, b] = await Promise.all(
      ['editor', 'admin'].map((who) =>
        call('PUT', '/api/v1/editor/features/same-moment', who, {
          baseRevision: 1,
          document: draft('same-moment'),
        }),
      ),
    );
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 409]);
  });

  it('refuses a save based on an old revision with 409 and the latest version', async () => {
    await call('POST', '/api/v1/editor/features', 'editor', draft('two-editors'));
    const first = await call('PUT', '/api/v1/editor/features/two-editors', 'editor', {
      baseRevision: 1,
      document: draft('two-editors'),
    });
    expect(first.statusCode).toBe(200);
    const second = await call('PUT', '/api/v1/editor/features/two-editors', 'admin', {
      baseRevision: 1,
      document: draft('two-editors'),
    });
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(second.json()).toMatchObject({
      status: 409,
      current: { revision: 2, document: { slug: 'two-editors' } },
    });
  });

  it('keeps every revision, shows who saved it, and restores an old one as a new revision', async () => {
    await call('POST', '/api/v1/editor/features', 'writer', draft('history'));
    const changed = draft('history');
    changed.text.en.title = 'Quiet endings, revised';
    await call('PUT', '/api/v1/editor/features/history', 'editor', {
      baseRevision: 1,
      document: changed,
    });
    const list = (await call('GET', '/api/v1/editor/features/history/revisions', 'writer')).json();
    expect(list.map((r: { revision: number; savedBy: string }) => [r.revision, r.savedBy])).toEqual(
      [
        [2, 'editor'],
        [1, 'writer'],
      ],
    );
    const restored = await call(
      'POST',
      '/api/v1/editor/features/history/revisions/1/restore',
      'editor',
      { baseRevision: 2 },
    );
    expect(restored.json()).toMatchObject({
      revision: 3,
      document: { text: { en: { title: 'Quiet endings' } } },
    });
    const audit = await app().services.accounts.auditLog(100, {
      entity: 'feature',
      entityId: 'history',
    });
    expect(audit.map((a) => a.action)).toEqual(['save', 'save', 'create']);
  });

  it('lets a writer draft but not publish, nor change a live feature', async () => {
    expect(
      (await call('POST', '/api/v1/editor/features', 'writer', draft('writers-draft'))).statusCode,
    ).toBe(201);
    const publish = await call(
      'POST',
      '/api/v1/editor/features/writers-draft/publish',
      'writer',
      {},
    );
    expect(publish.statusCode).toBe(403);
    await call('POST', '/api/v1/editor/features/writers-draft/publish', 'editor', {});
    const save = await call('PUT', '/api/v1/editor/features/writers-draft', 'writer', {
      baseRevision: 1,
      document: draft('writers-draft'),
    });
    expect(save.statusCode).toBe(403);
    expect(save.json().detail).toMatch(/live/);
  });

  it('shows only reviewed languages to readers; the others fall back', async () => {
    const doc = draft('half-translated');
    doc.text.ja.status = 'draft';
    await call('POST', '/api/v1/editor/features', 'editor', doc);
    await call('POST', '/api/v1/editor/features/half-translated/publish', 'editor', {});
    const ja = await app().http.inject({ url: '/ja/half-translated' });
    expect(texts(ja.body, 'h1')[0]).toMatch(/^Quiet endings/);
    expect(ja.body).not.toContain('を選んだ理由');
    const list = (await call('GET', '/api/v1/editor/features', 'writer')).json();
    expect(list.find((f: { slug: string }) => f.slug === 'half-translated').locales).toEqual({
      en: 'reviewed',
      ja: 'draft',
      'zh-hant': 'missing',
      ko: 'missing',
    });
  });

  it('keeps the old address of a renamed published feature as a redirect', async () => {
    await call('POST', '/api/v1/editor/features', 'editor', draft('old-name'));
    await call('POST', '/api/v1/editor/features/old-name/publish', 'editor', {});
    const renamed = await call('PUT', '/api/v1/editor/features/old-name', 'editor', {
      baseRevision: 1,
      document: draft('new-name'),
    });
    expect(renamed.json().slug).toBe('new-name');
    const old = await app().http.inject({ url: '/en/old-name/2?view=playlist' });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/en/new-name/2?view=playlist');
  });

  it('answers 404 at every address of a renamed feature once it is unpublished', async () => {
    await call('POST', '/api/v1/editor/features', 'editor', draft('first-name'));
    await call('POST', '/api/v1/editor/features/first-name/publish', 'editor', {});
    await call('PUT', '/api/v1/editor/features/first-name', 'editor', {
      baseRevision: 1,
      document: draft('second-name'),
    });
    // Read while live, so that a page cache would hold the redirect.
    expect((await app().http.inject({ url: '/en/first-name' })).statusCode).toBe(301);
    const unpublished = await call(
      'POST',
      '/api/v1/editor/features/second-name/unpublish',
      'editor',
      {},
    );
    expect(unpublished.json().status).toBe('unpublished');
    for (const url of ['/en/first-name', '/en/first-name/2', '/ja/first-name', '/en/second-name'])
      expect((await app().http.inject({ url })).statusCode, url).toBe(404);
  });

  it('schedules publication for later', async () => {
    await call('POST', '/api/v1/editor/features', 'editor', draft('later'));
    const scheduled = await call('POST', '/api/v1/editor/features/later/publish', 'editor', {
      at: '2030-01-01T09:00:00Z',
    });
    expect(scheduled.json()).toMatchObject({
      status: 'scheduled',
      publishedAt: '2030-01-01T09:00:00.000Z',
    });
    expect((await app().http.inject({ url: '/en/later' })).statusCode).toBe(404);
  });

  it('names every field at fault and writes nothing', async () => {
    const bad = draft('broken', ['shinai', 'no-such-song', 'shinai']);
    const res = await call('POST', '/api/v1/editor/features', 'editor', bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'entries[1].song',
      'entries[2].song',
    ]);
    expect((await call('GET', '/api/v1/editor/features/broken', 'editor')).statusCode).toBe(404);
    const shape = await call('POST', '/api/v1/editor/features', 'editor', {
      slug: 'Bad Slug',
      text: {},
    });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['slug', 'text']),
    );
  });

  it('lets only admins list and create accounts, naming the field at fault', async () => {
    expect((await call('GET', '/api/v1/users', 'editor')).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/users')).statusCode).toBe(401);
    const created = await call('POST', '/api/v1/users', 'admin', {
      email: 'new.writer@example.org',
      displayName: 'New writer',
      role: 'writer',
      password: 'a long enough password',
    });
    expect(created.statusCode).toBe(201);
    const list = (await call('GET', '/api/v1/users', 'admin')).json();
    expect(list.map((u: { email: string }) => u.email)).toContain('new.writer@example.org');
    expect(JSON.stringify(list)).not.toMatch(/argon2|password/i);
    const bad = await call('POST', '/api/v1/users', 'admin', {
      email: 'x',
      displayName: 'X',
      role: 'boss',
      password: 'short',
    });
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'email',
      'role',
      'password',
    ]);
  });

  it('refuses text past its length, naming the entry, the field, the limit and the length sent', async () => {
    const tooLong = 'must be at most 20,000 characters; this one has 300,000';
    const doc = draft('long-commentary', ['shinai', 'mushoku']);
    doc.entries[1] = { song: 'mushoku', commentary: { en: 'x'.repeat(300_000), ja: '短い。' } };
    const created = await call('POST', '/api/v1/editor/features', 'writer', doc);
    expect(created.statusCode).toBe(400);
    expect(created.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(created.json().errors).toEqual([
      { field: 'entries[1].commentary.en', message: tooLong },
    ]);
    expect(
      (await call('GET', '/api/v1/editor/features/long-commentary', 'writer')).statusCode,
    ).toBe(404);

    const saved = (
      await call('POST', '/api/v1/editor/features', 'writer', draft('long-lead'))
    ).json();
    const title = '題'.repeat(60_000);
    const lead = 'y'.repeat(20_001);
    const resaved = await call('PUT', '/api/v1/editor/features/long-lead', 'writer', {
      baseRevision: saved.revision,
      document: { ...doc, slug: 'long-lead', text: { ...doc.text, ja: { title, lead } } },
    });
    expect(resaved.statusCode).toBe(400);
    expect(resaved.json().errors).toEqual([
      {
        field: 'document.text.ja.title',
        message: 'must be at most 200 characters; this one has 60,000',
      },
      {
        field: 'document.text.ja.lead',
        message: 'must be at most 20,000 characters; this one has 20,001',
      },
      { field: 'document.entries[1].commentary.en', message: tooLong },
    ]);
    const after = (await call('GET', '/api/v1/editor/features/long-lead', 'writer')).json();
    expect(after.revision).toBe(saved.revision);
  });

  it('warns when commentary spells a name the way another language does', async () => {
    const doc = draft('name-check', ['shinai']);
    doc.entries[0] = {
      song: 'shinai',
      commentary: { en: 'Mizuki Nana at her best.', ja: '水樹奈々の名曲。' },
    };
    const res = await call('POST', '/api/v1/editor/name-check', 'writer', doc);
    expect(res.json().warnings).toEqual([
      {
        position: 1,
        locale: 'en',
        entity: 'artist',
        wrote: 'Mizuki Nana',
        expected: 'Nana Mizuki',
      },
    ]);
  });

  it('merges a duplicate song: entries, covers and tags follow, and a feature listing both keeps one', async () => {
    const { catalog } = app().services;
    await catalog.addSongs([
      {
        slug: 'shinai-duplicate',
        title: { original: '深愛 (dup)', romanized: 'Shinai dup', en: 'Deep Love (duplicate)' },
        credits: [{ artist: 'nana-mizuki', role: 'vocals' }],
        tags: ['sad', 'ballad'],
      },
    ]);
    await call(
      'POST',
      '/api/v1/editor/features',
      'editor',
      draft('merge-check', ['mushoku', 'shinai-duplicate', 'shinai', 'usotsuki']),
    );
    await call(
      'POST',
      '/api/v1/editor/features',
      'editor',
      draft('merge-only-dup', ['shinai-duplicate', 'mushoku']),
    );
    const writer = await call('POST', '/api/v1/editor/songs/shinai-duplicate/merge', 'writer', {
      into: 'shinai',
    });
    expect(writer.statusCode).toBe(403);
    const res = await call('POST', '/api/v1/editor/songs/shinai-duplicate/merge', 'editor', {
      into: 'shinai',
    });
    expect(res.json()).toEqual({ merged: 'shinai-duplicate', into: 'shinai', featuresChanged: 2 });
    const both = (await call('GET', '/api/v1/editor/features/merge-check', 'editor')).json();
    expect(both.document.entries.map((e: { song: string }) => e.song)).toEqual([
      'mushoku',
      'shinai',
      'usotsuki',
    ]);
    const only = (await call('GET', '/api/v1/editor/features/merge-only-dup', 'editor')).json();
    expect(only.document.entries.map((e: { song: string }) => e.song)).toEqual([
      'shinai',
      'mushoku',
    ]);
    const song = (await app().http.inject({ url: '/api/v1/songs/shinai-duplicate' })).statusCode;
    expect(song).toBe(404);
    const search = (await app().http.inject({ url: '/api/v1/suggest?q=duplicate' })).json();
    expect(search.suggestions.map((s: { slug: string }) => s.slug)).toContain('shinai');
    const missing = await call('POST', '/api/v1/editor/songs/nope/merge', 'editor', {
      into: 'shinai',
    });
    expect(missing.json().errors).toEqual([{ field: 'slug', message: 'unknown song "nope"' }]);
  });

  it('merges a duplicate artist: credits, characters and memberships follow', async () => {
    const { catalog } = app().services;
    await catalog.addArtists([
      {
        slug: 'nana-mizuki-dup',
        kind: 'person',
        name: { original: '水樹 奈々', romanized: 'Nana Mizuki (dup)' },
      },
    ]);
    await catalog.addSongs([
      {
        slug: 'dup-artist-song',
        title: { original: 'テスト曲', en: 'Test song' },
        credits: [{ artist: 'nana-mizuki-dup', role: 'vocals' }],
      },
    ]);
    const res = await call('POST', '/api/v1/editor/artists/nana-mizuki-dup/merge', 'admin', {
      into: 'nana-mizuki',
    });
    expect(res.statusCode).toBe(200);
    const song = (await app().http.inject({ url: '/api/v1/songs/dup-artist-song' })).json();
    expect(song.credits[0].artist.slug).toBe('nana-mizuki');
    expect((await app().http.inject({ url: '/en/artists/nana-mizuki-dup' })).statusCode).toBe(404);
  });

  describe('who may do what', () => {
    type Route = [
      method: Method,
      path: (slug: string) => string,
      body: (slug: string) => unknown,
      permission: 'edit' | 'publish',
    ];
    const routes: Route[] = [
      ['GET', () => '/api/v1/editor/features', () => undefined, 'edit'],
      ['POST', () => '/api/v1/editor/assistant', () => ({ words: 'rain' }), 'edit'],
      ['GET', (s) => `/api/v1/editor/features/${s}`, () => undefined, 'edit'],
      ['POST', () => '/api/v1/editor/features', (s) => draft(`${s}-new`), 'edit'],
      [
        'PUT',
        (s) => `/api/v1/editor/features/${s}`,
        (s) => ({ baseRevision: 1, document: draft(s) }),
        'edit',
      ],
      ['POST', (s) => `/api/v1/editor/features/${s}/publish`, () => ({}), 'publish'],
      ['POST', (s) => `/api/v1/editor/features/${s}/unpublish`, () => ({}), 'publish'],
      ['GET', (s) => `/api/v1/editor/features/${s}/revisions`, () => undefined, 'edit'],
      ['GET', (s) => `/api/v1/editor/features/${s}/revisions/1`, () => undefined, 'edit'],
      [
        'POST',
        (s) => `/api/v1/editor/features/${s}/revisions/1/restore`,
        () => ({ baseRevision: 1 }),
        'edit',
      ],
    ];
    const people = ['anonymous', 'bad token', 'writer', 'editor', 'admin'] as const;
    const expected = (who: (typeof people)[number], permission: Route[3]) =>
      who === 'anonymous' || who === 'bad token'
        ? 401
        : who === 'writer' && permission === 'publish'
          ? 403
          : 'allowed';
    const cases = routes.flatMap(([method, path, body, permission], r) =>
      people.map((who, p) => ({
        method,
        path,
        body,
        who,
        status: expected(who, permission),
        slug: `matrix-${r}-${p}`,
      })),
    );

    it.each(cases.map((c) => [c.method, c.path(':slug'), c.who, c.status, c] as const))(
      '%s %s as %s → %s',
      async (_method, _path, who, status, c) => {
        // Every case gets its own draft, so no case depends on another.
        const admin = await app().services.accounts.actorForToken(tokens.admin as string);
        await app().services.editing.create(admin, draft(c.slug));
        const token =
          who === 'anonymous' ? undefined : who === 'bad token' ? 'tks_not-a-token' : who;
        const res = await call(c.method, c.path(c.slug), token, c.body(c.slug));
        if (status === 'allowed') expect(res.statusCode, res.body).toBeLessThan(300);
        else {
          expect(res.statusCode, res.body).toBe(status);
          expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
        }
      },
    );
  });
});
