import { describe, expect, it } from 'vitest';
import { compressPage, createRenderCache } from './render-cache.ts';

const KEY = 'http://localhost/en/anime-graduation-songs';
const page = () => compressPage('<p>graduation</p>', new Set(['feature:x']), 'nonce');

describe('a render under way', () => {
  it('gives those who waited for it the page it kept', async () => {
    const cache = createRenderCache({ maxBytes: 1_000_000, ttlMs: 60_000 });
    const renderedFrom = cache.generation();
    const done = cache.beginRender(KEY);
    const waiting = cache.afterRender(KEY);
    const rendered = page();
    cache.put(KEY, rendered, renderedFrom);
    done();
    expect(await waiting).toBe(rendered);
    // Once it is done, nobody waits for it.
    expect(await cache.afterRender(KEY)).toBeUndefined();
  });

  it('gives them nothing when a purge overtook it, so they render afresh', async () => {
    const cache = createRenderCache({ maxBytes: 1_000_000, ttlMs: 60_000 });
    const renderedFrom = cache.generation();
    const done = cache.beginRender(KEY);
    const waiting = cache.afterRender(KEY);
    cache.purge(['feature:x']);
    cache.put(KEY, page(), renderedFrom);
    done();
    expect(await waiting).toBeUndefined();
  });

  it('keeps it when what was purged meanwhile is not on the page, and refuses it after a purge of everything', async () => {
    const cache = createRenderCache({ maxBytes: 1_000_000, ttlMs: 60_000 });
    let renderedFrom = cache.generation();
    cache.purge(['song:another', 'list:artist:someone']);
    cache.put(KEY, page(), renderedFrom);
    expect(cache.get(KEY)).toBeDefined();

    renderedFrom = cache.generation();
    cache.purgeAll();
    cache.put(KEY, page(), renderedFrom);
    expect(cache.get(KEY)).toBeUndefined();
  });

  it('stays marked while a later render of the same page is still under way', async () => {
    const cache = createRenderCache({ maxBytes: 1_000_000, ttlMs: 60_000 });
    const first = cache.beginRender(KEY);
    const second = cache.beginRender(KEY);
    first();
    const waiting = cache.afterRender(KEY);
    const rendered = page();
    cache.put(KEY, rendered, cache.generation());
    second();
    expect(await waiting).toBe(rendered);
  });
});
