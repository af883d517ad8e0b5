import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import type { Change } from '#src/shared/changes.ts';
import { HOME, listKey, type DependencyKey } from './dependencies.ts';

type Db = Kysely<Database>;

/**
 * The keys of every page a change makes stale. Pages that showed a changed entity link to
 * it, so its own key finds them. Pages that will list it only now (the artist page of a
 * song's new artist, the home page of a new feature) are found through what the entity is
 * related to after the write: their list keys (`list:artist:…`, see dependencies.ts).
 */
export async function affectedKeys(db: Db, change: Change): Promise<DependencyKey[]> {
  const keys = new Set(change.slugs.map((slug) => `${change.entity}:${slug}`));
  const add = (entity: string, rows: { slug: string }[]) => {
    for (const row of rows) keys.add(listKey(entity, row.slug));
  };
  if (change.slugs.length === 0) return [];
  if (change.entity === 'song') {
    const songs = db.selectFrom('songs').select('id').where('slug', 'in', change.slugs);
    const [artists, works, tags, originals] = await Promise.all([
      db
        .selectFrom('song_credits as c')
        .innerJoin('artists as a', 'a.id', 'c.artist_id')
        .select('a.slug')
        .where('c.song_id', 'in', songs)
        .execute(),
      db
        .selectFrom('tie_ins as t')
        .innerJoin('works as w', 'w.id', 't.work_id')
        .select('w.slug')
        .where('t.song_id', 'in', songs)
        .execute(),
      db
        .selectFrom('song_tags as st')
        .innerJoin('tags as t', 't.id', 'st.tag_id')
        .select('t.slug')
        .where('st.song_id', 'in', songs)
        .execute(),
      db
        .selectFrom('songs as s')
        .innerJoin('songs as o', 'o.id', 's.cover_of_id')
        .select('o.slug')
        .where('s.slug', 'in', change.slugs)
        .execute(),
    ]);
    add('artist', artists);
    add('work', works);
    add('tag', tags);
    // The original's page lists its covers.
    add('song', originals);
  } else if (change.entity === 'feature') {
    keys.add(HOME);
    const features = db.selectFrom('features').select('id').where('slug', 'in', change.slugs);
    const [categories, tags, songs] = await Promise.all([
      db
        .selectFrom('features as f')
        .innerJoin('categories as c', 'c.id', 'f.category_id')
        .select('c.slug')
        .where('f.slug', 'in', change.slugs)
        .execute(),
      db
        .selectFrom('feature_tags as ft')
        .innerJoin('tags as t', 't.id', 'ft.tag_id')
        .select('t.slug')
        .where('ft.feature_id', 'in', features)
        .execute(),
      db
        .selectFrom('entries as e')
        .innerJoin('songs as s', 's.id', 'e.song_id')
        .select('s.slug')
        .where('e.feature_id', 'in', features)
        .execute(),
    ]);
    add('category', categories);
    add('tag', tags);
    add('song', songs);
  } else if (change.entity === 'artist') {
    const artists = db.selectFrom('artists').select('id').where('slug', 'in', change.slugs);
    const [groups, members] = await Promise.all([
      db
        .selectFrom('artist_members as m')
        .innerJoin('artists as a', 'a.id', 'm.group_id')
        .select('a.slug')
        .where('m.member_id', 'in', artists)
        .execute(),
      db
        .selectFrom('artist_members as m')
        .innerJoin('artists as a', 'a.id', 'm.member_id')
        .select('a.slug')
        .where('m.group_id', 'in', artists)
        .execute(),
    ]);
    add('artist', [...groups, ...members]);
  }
  return [...keys];
}
