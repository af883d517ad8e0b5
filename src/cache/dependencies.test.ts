import { describe, expect, it } from 'vitest';
import { dependenciesOf } from './dependencies.ts';

describe('page dependencies', () => {
  it('reads the entities a page shows from its links', () => {
    const html = `
      <a href="/en/">Home</a><a href="/ja/anime-heartbreak-songs/3">日本語</a>
      <a href="/en/songs/shinai">Deep love</a><a href="/en/artists/nana-mizuki">Nana Mizuki</a>
      <a href="/en/works/white-album">White Album</a><a href="/en/tags/heartbreak?x=1">Heartbreak</a>
      <a href="/en/categories/anime-songs">Anime songs</a><a href="/en/search?q=x">Search</a>
      <a href="/en/about">About</a><a href="/en/feed.xml">Feed</a>
      <a href="https://example.org/en/songs/elsewhere">not ours</a>`;
    expect([...dependenciesOf(html)].sort()).toEqual([
      'artist:nana-mizuki',
      'category:anime-songs',
      'feature:anime-heartbreak-songs',
      'song:shinai',
      'tag:heartbreak',
      'work:white-album',
    ]);
  });
});
