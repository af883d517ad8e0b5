import type { Kysely } from 'kysely';
import { displayLabel, displayName, nameFromRow, type DisplayName } from '#src/catalog/index.ts';
import type { Database } from '#src/db/schema.ts';
import { LOCALES, type Locale } from '#src/shared/locale.ts';
import type { SearchKind } from './documents.repository.ts';

/** Reads what a search result shows, and the song facts that facets count, by entity id. */

type Db = Kysely<Database>;

export interface Shown {
  name: DisplayName;
  detail: string;
}

export interface SongFacts {
  tags: string[];
  roles: string[];
  decade: string | null;
  categories: string[];
}

export interface EntryRow {
  id: number;
  kind: string;
  entity_id: number;
  slug: string;
  popularity: number;
  live_from: string | null;
}

export async function entriesByIds(db: Db, ids: readonly number[]): Promise<EntryRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('search_entries').selectAll().where('id', 'in', ids).execute();
}

/** Display names (and a detail line) for entities of one kind, in `locale`. */
export async function shown(
  db: Db,
  kind: SearchKind,
  ids: readonly number[],
  locale: Locale,
): Promise<Map<number, Shown>> {
  if (ids.length === 0) return new Map();
  switch (kind) {
    case 'song': {
      const [songs, credits] = await Promise.all([
        db.selectFrom('songs').selectAll().where('id', 'in', ids).execute(),
        db
          .selectFrom('song_credits as c')
          .innerJoin('artists as a', 'a.id', 'c.artist_id')
          .selectAll('a')
          .select(['c.song_id', 'c.position'])
          .where('c.song_id', 'in', ids)
          .orderBy('c.position')
          .execute(),
      ]);
      const artist = new Map<number, string>();
      for (const c of credits)
        if (!artist.has(c.song_id))
          artist.set(c.song_id, displayName(nameFromRow(c, 'name'), locale).text);
      return new Map(
        songs.map((s) => [
          s.id,
          {
            name: displayName(nameFromRow(s, 'title'), locale),
            detail: [artist.get(s.id), s.released_on?.slice(0, 4)].filter(Boolean).join(' · '),
          },
        ]),
      );
    }
    case 'artist': {
      const rows = await db.selectFrom('artists').selectAll().where('id', 'in', ids).execute();
      return new Map(
        rows.map((a) => [
          a.id,
          { name: displayName(nameFromRow(a, 'name'), locale), detail: a.kind },
        ]),
      );
    }
    case 'work': {
      const rows = await db.selectFrom('works').selectAll().where('id', 'in', ids).execute();
      return new Map(
        rows.map((w) => [
          w.id,
          {
            name: displayName(nameFromRow(w, 'title'), locale),
            detail: [w.kind, w.year].filter(Boolean).join(' · '),
          },
        ]),
      );
    }
    case 'feature': {
      const texts = await db
        .selectFrom('feature_texts')
        .select(['feature_id', 'locale', 'title'])
        .where('feature_id', 'in', ids)
        .where('status', '=', 'reviewed')
        .execute();
      const byFeature = new Map<number, Map<string, string>>();
      for (const t of texts)
        byFeature.set(
          t.feature_id,
          (byFeature.get(t.feature_id) ?? new Map()).set(t.locale, t.title),
        );
      // The reader's language first, then English, then any other the feature has.
      const order = [locale, 'en', ...LOCALES];
      return new Map(
        [...byFeature].flatMap(([id, titles]) => {
          const lang = order.find((l) => titles.has(l));
          return lang
            ? [[id, { name: { text: titles.get(lang) as string, lang }, detail: '' }] as const]
            : [];
        }),
      );
    }
    case 'tag': {
      const rows = await db.selectFrom('tags').selectAll().where('id', 'in', ids).execute();
      return new Map(
        rows.map((t) => [
          t.id,
          {
            name: displayLabel(
              { en: t.label_en, ja: t.label_ja, zhHant: t.label_zh_hant, ko: t.label_ko },
              locale,
            ),
            detail: t.kind,
          },
        ]),
      );
    }
  }
}

/** For each song: its tags, tie-in roles, decade and the categories of live features it is in. */
export async function songFacts(
  db: Db,
  ids: readonly number[],
  now: string,
): Promise<Map<number, SongFacts>> {
  const facts = new Map<number, SongFacts>(
    ids.map((id) => [id, { tags: [], roles: [], decade: null, categories: [] }]),
  );
  if (ids.length === 0) return facts;
  const [tags, roles, songs, categories] = await Promise.all([
    db
      .selectFrom('song_tags as st')
      .innerJoin('tags as t', 't.id', 'st.tag_id')
      .select(['st.song_id', 't.slug'])
      .where('st.song_id', 'in', ids)
      .execute(),
    db
      .selectFrom('tie_ins')
      .select(['song_id', 'role'])
      .distinct()
      .where('song_id', 'in', ids)
      .execute(),
    db.selectFrom('songs').select(['id', 'released_on']).where('id', 'in', ids).execute(),
    db
      .selectFrom('entries as e')
      .innerJoin('features as f', 'f.id', 'e.feature_id')
      .innerJoin('categories as c', 'c.id', 'f.category_id')
      .select(['e.song_id', 'c.slug'])
      .distinct()
      .where('e.song_id', 'in', ids)
      .where((eb) =>
        eb.or([
          eb('f.status', '=', 'published'),
          eb.and([eb('f.status', '=', 'scheduled'), eb('f.published_at', '<=', now)]),
        ]),
      )
      .execute(),
  ]);
  for (const t of tags) facts.get(t.song_id)?.tags.push(t.slug);
  for (const r of roles) facts.get(r.song_id)?.roles.push(r.role);
  for (const c of categories) facts.get(c.song_id)?.categories.push(c.slug);
  for (const s of songs) {
    const fact = facts.get(s.id);
    if (fact && s.released_on) fact.decade = `${s.released_on.slice(0, 3)}0s`;
  }
  return facts;
}

/** Labels for the tags and categories that appear in facets. */
export async function facetLabels(
  db: Db,
  tagSlugs: readonly string[],
  categorySlugs: readonly string[],
  locale: Locale,
): Promise<{ tags: Map<string, DisplayName>; categories: Map<string, DisplayName> }> {
  const [tags, categories] = await Promise.all([
    tagSlugs.length === 0
      ? []
      : db.selectFrom('tags').selectAll().where('slug', 'in', tagSlugs).execute(),
    categorySlugs.length === 0
      ? []
      : db.selectFrom('categories').selectAll().where('slug', 'in', categorySlugs).execute(),
  ]);
  return {
    tags: new Map(
      tags.map((t) => [
        t.slug,
        displayLabel(
          { en: t.label_en, ja: t.label_ja, zhHant: t.label_zh_hant, ko: t.label_ko },
          locale,
        ),
      ]),
    ),
    categories: new Map(
      categories.map((c) => [
        c.slug,
        displayLabel(
          { en: c.name_en, ja: c.name_ja, zhHant: c.name_zh_hant, ko: c.name_ko },
          locale,
        ),
      ]),
    ),
  };
}
