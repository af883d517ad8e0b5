/**
 * What a page shows, as keys like `song:shinai` or `feature:anime-heartbreak-songs`. Pages
 * link every entity they show (a song card links its song, artists and works), so the links
 * of the rendered page are its dependencies. A page that lists things by their relation to
 * one entity (an artist's songs, a category's features) also holds that list's key, so a
 * write that adds to the list finds it; `home` is the home page's list of new features.
 */
export type DependencyKey = string;

export const HOME: DependencyKey = 'home';

export function listKey(entity: string, slug: string): DependencyKey {
  return `list:${entity}:${slug}`;
}

const ENTITY_OF: Record<string, string> = {
  songs: 'song',
  artists: 'artist',
  works: 'work',
  tags: 'tag',
  categories: 'category',
};
/** First path segments that are pages of the site rather than features. */
const NOT_FEATURES = new Set(['search', 'about', 'feed.xml']);
const LINK = /href="\/(?:en|ja|zh-hant|ko)\/([a-z0-9-]+(?:\.xml)?)(?:\/([a-z0-9-]+))?[/"?#]/g;

export function dependenciesOf(html: string): Set<DependencyKey> {
  const keys = new Set<DependencyKey>();
  for (const [, first, second] of html.matchAll(LINK)) {
    if (!first) continue;
    const entity = ENTITY_OF[first];
    if (entity) {
      if (second) keys.add(`${entity}:${second}`);
    } else if (!NOT_FEATURES.has(first)) keys.add(`feature:${first}`);
  }
  return keys;
}
