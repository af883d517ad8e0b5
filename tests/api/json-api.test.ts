import { describe, expect, it } from 'vitest';
import { useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';
import { SEED_TITLES } from '#tests/factories/seed.ts';

describe.each(DIALECTS)('the JSON API on %s', (dialect) => {
  const { get } = useTestApp(dialect);

  it('serves a page of a feature in the requested language', async () => {
    const res = await get('/api/v1/features/anime-heartbreak-songs?locale=ja&page=3');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.title.lang).toBe('ja');
    expect(body.pagination).toEqual({ page: 3, pageCount: 3, total: 27 });
    expect(body.entries.map((e: { song: { title: { en: string } } }) => e.song.title.en)).toEqual(
      SEED_TITLES,
    );
    expect(body.entries[0].song.title.display).toEqual({ text: '深愛', lang: 'ja' });
    expect(body.entries[0].song.credits[0].artist.name.display).toEqual({
      text: '水樹奈々',
      lang: 'ja',
    });
  });

  it('lists the categories in site order, labelled for the locale', async () => {
    const res = await get('/api/v1/categories?locale=ja');
    expect(res.statusCode).toBe(200);
    expect(res.json().map((c: { slug: string }) => c.slug)).toEqual([
      'anime-songs',
      'vocaloid',
      'seasons-and-occasions',
      'game-music',
      'anime-films',
    ]);
    expect(res.json()[0].lang).toBe('ja');
    expect((await get('/api/v1/categories?locale=xx')).statusCode).toBe(400);
  });

  it('serves every entry without a page, and a song with its credits', async () => {
    expect((await get('/api/v1/features/anime-heartbreak-songs')).json().entries).toHaveLength(27);
    const song = (await get('/api/v1/songs/secret-base-10-years-after')).json();
    expect(song.credits[0]).toMatchObject({
      role: 'vocals',
      artist: { slug: 'ai-kayano' },
      asCharacter: { slug: 'meiko-honma', kind: 'character' },
    });
    expect(song.coverOf.slug).toBe('secret-base');
  });

  it.each([
    ['/api/v1/features/anime-heartbreak-songs?page=0', 400, 'page'],
    ['/api/v1/features/anime-heartbreak-songs?page=abc', 400, 'page'],
    ['/api/v1/features/anime-heartbreak-songs?locale=xx', 400, 'locale'],
    ['/api/v1/songs/Not_A_Slug', 400, 'slug'],
  ])('answers %s with a problem naming the field', async (url, status, field) => {
    const res = await get(url);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const problem = res.json();
    expect(problem).toMatchObject({ status, title: 'Bad request' });
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it.each([
    '/api/v1/features/no-such-feature',
    '/api/v1/features/anime-heartbreak-songs?page=9',
    '/api/v1/songs/nope',
    '/api/v1/nothing/here',
  ])('answers %s with a 404 problem', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.json()).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('documents itself in OpenAPI, generated from the same schemas', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/features/{slug}', '/songs/{slug}']),
    );
    const params = doc.paths['/features/{slug}'].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    expect(params).toEqual(expect.arrayContaining(['locale', 'page', 'slug']));
  });

  it('suggests songs, artists and works as the reader types', async () => {
    const res = await get('/api/v1/suggest?q=%E6%B7%B1&locale=en');
    expect(res.statusCode).toBe(200);
    expect(res.json().suggestions[0]).toMatchObject({
      type: 'song',
      slug: 'shinai',
      label: 'Deep love',
      detail: 'Nana Mizuki · 2009',
    });
    const empty = await get('/api/v1/suggest?q=');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('q');
  });

  it('documents the API on a readable page', async () => {
    const res = await get('/api/docs');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('/api/v1/features/{slug}');
    expect(res.body).toContain('/api/v1/editor/features/{slug}/publish');
  });
});
