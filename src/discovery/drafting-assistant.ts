import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { foldLatin, normalizeText, type SearchService } from '#src/search/index.ts';

type Db = Kysely<Database>;

export interface Theme {
  /** Tag slugs the feature is about. */
  tags: string[];
  /** Free words: "graduation", "rain", "ending themes 2010s", in any language. */
  words: string;
  /** Songs already in the feature. */
  exclude: string[];
}

export interface Candidate {
  id: number;
  song: string;
  score: number;
  /** Why it was proposed, one short phrase per reason. */
  reasons: string[];
}

/** Words that say what kind of list it is rather than what it is about. */
const FILLER = new Set([
  'song',
  'songs',
  'theme',
  'themes',
  'anime',
  'music',
  'the',
  'of',
  'for',
  'and',
  'a',
  'to',
  'about',
  'with',
]);
const ROLE_WORDS: Record<string, string> = {
  opening: 'opening',
  openings: 'opening',
  op: 'opening',
  ending: 'ending',
  endings: 'ending',
  ed: 'ending',
  insert: 'insert',
};
/** `2010s` or `90s` → `1990s`-style decade; null for any other word. */
function decadeNamed(word: string): string | null {
  const full = /^((?:19|20)\d)0s$/.exec(word);
  if (full) return `${full[1]}0s`;
  const short = /^(\d)0s$/.exec(word);
  if (short) return `${Number(short[1]) >= 5 ? '19' : '20'}${short[1]}0s`;
  return null;
}

/** At most this many songs by one artist, from one work, or from one decade in a proposal. */
const PER_ARTIST = 2;
const PER_WORK = 2;
const POOL = 400;

interface Scored {
  id: number;
  score: number;
  reasons: Set<string>;
}

/**
 * Proposes songs for a feature being drafted: songs carrying its tags, matching its words
 * (tags named in any language, a tie-in role, a decade, or text in titles), ranked by fit
 * and by how often editors already chose them, then thinned so that no artist, work or
 * decade crowds the list.
 */
export function createDraftingAssistant({ db, search }: { db: Db; search: SearchService }) {
  /** Tags whose slug or label (any language) is one of the words. */
  const tagsNamed = async (words: string[]) => {
    const tags = await db.selectFrom('tags').selectAll().execute();
    const wanted = new Set(words.flatMap((w) => [normalizeText(w), foldLatin(w)]));
    return tags.filter((t) =>
      [t.slug, t.label_en, t.label_ja, t.label_zh_hant, t.label_ko].some(
        (label) => label && (wanted.has(normalizeText(label)) || wanted.has(foldLatin(label))),
      ),
    );
  };

  return {
    async propose(theme: Theme, limit = 20): Promise<Candidate[]> {
      const words = normalizeText(theme.words).split(' ').filter(Boolean);
      const roles = [...new Set(words.flatMap((w) => (ROLE_WORDS[w] ? [ROLE_WORDS[w]] : [])))];
      const decades = words.flatMap((w) => decadeNamed(w) ?? []);
      const named = await tagsNamed(words);
      const tagIds = new Map(
        (
          await db
            .selectFrom('tags')
            .select(['id', 'slug', 'label_en'])
            .where('slug', 'in', [...theme.tags, ...named.map((t) => t.slug), ''])
            .execute()
        ).map((t) => [t.id, t]),
      );
      const rest = words.filter(
        (w) =>
          !FILLER.has(w) &&
          !ROLE_WORDS[w] &&
          decadeNamed(w) === null &&
          !named.some((t) => [t.slug, normalizeText(t.label_en)].includes(w)),
      );

      const scored = new Map<number, Scored>();
      const add = (id: number, points: number, reason: string) => {
        const s = scored.get(id) ?? { id, score: 0, reasons: new Set<string>() };
        s.score += points;
        s.reasons.add(reason);
        scored.set(id, s);
      };

      if (tagIds.size > 0) {
        const rows = await db
          .selectFrom('song_tags')
          .select(['song_id', 'tag_id'])
          .where('tag_id', 'in', [...tagIds.keys()])
          .limit(POOL * tagIds.size)
          .execute();
        for (const r of rows) add(r.song_id, 3, `tagged ${tagIds.get(r.tag_id)?.label_en}`);
      }
      if (roles.length > 0) {
        const rows = await db
          .selectFrom('tie_ins')
          .select(['song_id', 'role'])
          .where('role', 'in', roles)
          .limit(POOL)
          .execute();
        for (const r of rows) add(r.song_id, 2, `${r.role} theme`);
      }
      if (rest.length > 0) {
        const found = await search.search(rest.join(' '), 'en', { type: 'song' });
        for (const r of found.results) add(r.id, 3, `matches “${rest.join(' ')}”`);
      }
      const excluded = new Set(
        (
          await db
            .selectFrom('songs')
            .select('id')
            .where('slug', 'in', [...theme.exclude, ''])
            .execute()
        ).map((r) => r.id),
      );
      for (const id of excluded) scored.delete(id);
      const ids = [...scored.keys()];
      if (ids.length === 0) return [];

      const [songs, appearances, artists, works] = await Promise.all([
        db
          .selectFrom('songs')
          .select(['id', 'slug', 'released_on'])
          .where('id', 'in', ids)
          .execute(),
        db
          .selectFrom('entries')
          .select(['song_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('song_id', 'in', ids)
          .groupBy('song_id')
          .execute(),
        db
          .selectFrom('song_credits')
          .select(['song_id', 'artist_id'])
          .where('song_id', 'in', ids)
          .where('position', '=', 0)
          .execute(),
        db
          .selectFrom('tie_ins')
          .select(['song_id', 'work_id', 'role'])
          .where('song_id', 'in', ids)
          .execute(),
      ]);
      const decadeOf = new Map(
        songs.map((s) => [s.id, s.released_on ? `${s.released_on.slice(0, 3)}0s` : null]),
      );
      for (const s of songs) {
        const decade = decadeOf.get(s.id);
        if (decade && decades.includes(decade)) add(s.id, 2, `released in the ${decade}`);
      }
      for (const a of appearances) {
        const n = Number(a.n);
        const s = scored.get(a.song_id);
        if (s && n > 0) {
          s.score += Math.log1p(n) * 2;
          s.reasons.add(n === 1 ? 'chosen for 1 feature' : `chosen for ${n} features`);
        }
      }
      // A decade or a tie-in role asked for is a requirement, not only a preference.
      const rolesOf = new Map<number, Set<string>>();
      for (const w of works)
        rolesOf.set(w.song_id, (rolesOf.get(w.song_id) ?? new Set()).add(w.role));
      const fits = (id: number) =>
        (decades.length === 0 || decades.includes(decadeOf.get(id) ?? '')) &&
        (roles.length === 0 || roles.some((r) => rolesOf.get(id)?.has(r)));

      const slugOf = new Map(songs.map((s) => [s.id, s.slug]));
      const artistOf = new Map(artists.map((a) => [a.song_id, a.artist_id]));
      const worksOf = new Map<number, number[]>();
      for (const w of works) worksOf.set(w.song_id, [...(worksOf.get(w.song_id) ?? []), w.work_id]);
      const perArtist = new Map<number, number>();
      const perWork = new Map<number, number>();
      const perDecade = new Map<string, number>();
      const perDecadeLimit = Math.max(3, Math.ceil(limit / 2));
      const chosen: Candidate[] = [];
      for (const s of [...scored.values()].sort(
        (a, b) =>
          b.score - a.score || (slugOf.get(a.id) ?? '').localeCompare(slugOf.get(b.id) ?? ''),
      )) {
        if (chosen.length >= limit) break;
        if (!fits(s.id)) continue;
        const artist = artistOf.get(s.id);
        const songWorks = worksOf.get(s.id) ?? [];
        const decade = decadeOf.get(s.id) ?? 'unknown';
        if (artist !== undefined && (perArtist.get(artist) ?? 0) >= PER_ARTIST) continue;
        if (songWorks.some((w) => (perWork.get(w) ?? 0) >= PER_WORK)) continue;
        if (decades.length === 0 && (perDecade.get(decade) ?? 0) >= perDecadeLimit) continue;
        if (artist !== undefined) perArtist.set(artist, (perArtist.get(artist) ?? 0) + 1);
        for (const w of songWorks) perWork.set(w, (perWork.get(w) ?? 0) + 1);
        perDecade.set(decade, (perDecade.get(decade) ?? 0) + 1);
        chosen.push({
          id: s.id,
          song: slugOf.get(s.id) as string,
          score: Math.round(s.score * 10) / 10,
          reasons: [...s.reasons],
        });
      }
      return chosen;
    },
  };
}

export type DraftingAssistant = ReturnType<typeof createDraftingAssistant>;
