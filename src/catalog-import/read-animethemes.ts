import slugify from '@sindresorhus/slugify';
import { z } from 'zod';
import type { Problem } from '#src/shared/errors.ts';
import { zodProblems } from '#src/shared/validation.ts';
import { problemIn, type ReadResult, type Skipped, type SourceRecord } from './import-records.ts';
import type { JsonDocument } from './json-tree.ts';

/**
 * What the AnimeThemes API returns for anime (`/anime?include=animesynonyms,resources,
 * animethemes.song.artists` or `/anime/{slug}` with the same includes): `{"anime": [...]}`
 * or `{"anime": {...}}`. Each anime becomes a work, each theme a tie-in of its song, each
 * credited artist an artist, and a credit "as" a character the character. Fields the API
 * adds and Tokushu has no place for (videos, images, synopses) are ignored.
 */

const Nullable = <T extends z.ZodType>(schema: T) => schema.nullish();

// Ids are left out of sparse fieldsets (`fields[song]=title`): then names stand in for them.
const Id = z.number().int().optional();

const ArtistSchema = z.looseObject({
  id: Id,
  name: z.string().trim().min(1, 'must not be empty'),
  // The credit on this song: sung under another name, or as a character.
  artistsong: Nullable(z.looseObject({ as: Nullable(z.string()), alias: Nullable(z.string()) })),
  as: Nullable(z.string()),
  members: Nullable(z.array(z.unknown())),
});

const ThemeSchema = z.looseObject({
  id: Id,
  type: z.enum(['OP', 'ED', 'IN']),
  sequence: Nullable(z.number().int().min(0)),
  slug: Nullable(z.string()),
  song: Nullable(
    z.looseObject({
      id: Id,
      title: Nullable(z.string()),
      artists: Nullable(z.array(ArtistSchema)),
    }),
  ),
});

const SynonymSchema = z.looseObject({ text: Nullable(z.string()), type: Nullable(z.unknown()) });

const AnimeSchema = z.looseObject({
  id: Id,
  name: z.string().trim().min(1, 'must not be empty'),
  year: Nullable(z.number().int()),
  media_format: Nullable(z.string()),
  animesynonyms: Nullable(z.array(SynonymSchema)),
  synonyms: Nullable(z.array(SynonymSchema)),
  resources: Nullable(
    z.array(
      z.looseObject({
        site: Nullable(z.string()),
        external_id: Nullable(z.union([z.number(), z.string()])),
      }),
    ),
  ),
  animethemes: Nullable(z.array(ThemeSchema)),
});
type Anime = z.output<typeof AnimeSchema>;

const WORK_KINDS: Record<string, string> = {
  TV: 'tv',
  'TV Short': 'tv',
  Movie: 'movie',
  OVA: 'ova',
  ONA: 'web',
  Special: 'other',
};
const ROLES = { OP: 'opening', ED: 'ending', IN: 'insert' } as const;
/** Resource sites whose ids identify the anime in another catalog. */
const CATALOGS: Record<string, string> = {
  AniList: 'anilist',
  MyAnimeList: 'mal',
  aniDB: 'anidb',
  AniDB: 'anidb',
  Kitsu: 'kitsu',
  'Anime Planet': 'anime-planet',
};

/** Synonym types, written as words by the API today and as numbers by older dumps. */
function synonymType(type: unknown): 'native' | 'english' | 'other' {
  // Anything else (an object, a list) is no type we know, and may not even print.
  const t = typeof type === 'string' || typeof type === 'number' ? String(type).toLowerCase() : '';
  if (t === 'native' || t === '2') return 'native';
  if (t === 'english' || t === '3') return 'english';
  return 'other';
}

/** A slug made from a name, unique within the file; `hint` (a year) tells remakes apart. */
function slugMaker(fallback: string) {
  const taken = new Set<string>();
  return (name: string, hint?: number | null) => {
    const base = slugify(name) || fallback;
    let slug = hint && taken.has(base) ? `${base}-${hint}` : base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    return slug;
  };
}

/** The API's id when the response has it. */
const idOf = (id: number | undefined): Record<string, string> =>
  id === undefined ? {} : { animethemes: String(id) };

export function readAnimeThemes(file: string, doc: JsonDocument): ReadResult {
  const root = doc.value as { anime?: unknown };
  const many = Array.isArray(root.anime);
  const list: unknown[] = many ? (root.anime as unknown[]) : [root.anime];
  const problems: Problem[] = [];
  const skipped: Skipped[] = [];
  const records: SourceRecord[] = [];
  const slugs = {
    works: slugMaker('anime'),
    songs: slugMaker('song'),
    artists: slugMaker('artist'),
  };
  // Artists and songs met before, by id (or by name, when the response has no ids).
  const artists = new Map<string, string>();
  const songs = new Map<string, Record<string, unknown>>();

  /** A record read from the value at `where`, whose fields map back to paths under it. */
  const add = (
    kind: SourceRecord['kind'],
    input: Record<string, unknown>,
    where: (string | number)[],
    fields: Record<string, (string | number)[]> = {},
  ) =>
    records.push({
      kind,
      input,
      file,
      label: doc.locate(where).field,
      slugNamesRecord: false,
      locate: (path) => doc.locate([...where, ...(fields[String(path[0])] ?? [])]),
    });

  list.forEach((raw, i) => {
    const at = many ? ['anime', i] : ['anime'];
    const parsed = AnimeSchema.safeParse(raw);
    if (!parsed.success) {
      for (const p of zodProblems(parsed.error, at))
        problems.push(problemIn({ file, locate: doc.locate }, p.path ?? at, p.message));
      return;
    }
    const anime: Anime = parsed.data;
    const synonyms = (anime.animesynonyms ?? anime.synonyms ?? []).flatMap((s) =>
      s.text?.trim() ? [{ text: s.text.trim(), type: synonymType(s.type) }] : [],
    );
    const native = synonyms.find((s) => s.type === 'native')?.text;
    const english = synonyms.find((s) => s.type === 'english')?.text;
    const workSlug = slugs.works(anime.name, anime.year);
    const ids: Record<string, string> = idOf(anime.id);
    for (const r of anime.resources ?? [])
      if (r.site && CATALOGS[r.site] && r.external_id != null)
        ids[CATALOGS[r.site] as string] = String(r.external_id);
    add(
      'works',
      {
        slug: workSlug,
        kind: WORK_KINDS[anime.media_format ?? ''] ?? 'other',
        title: {
          original: native ?? anime.name,
          ...(native ? { romanized: anime.name } : {}),
          ...(english && english !== anime.name ? { en: english } : {}),
        },
        aliases: [
          ...new Set(
            synonyms
              .filter((s) => s.type === 'other')
              .map((s) => s.text)
              .filter((t) => t !== anime.name),
          ),
        ],
        ...(anime.year ? { year: anime.year } : {}),
        external_ids: ids,
      },
      at,
      { title: ['name'], year: ['year'], kind: ['media_format'] },
    );

    (anime.animethemes ?? []).forEach((theme, j) => {
      const where = [...at, 'animethemes', j];
      const song = theme.song;
      const skip = (reason: string) =>
        skipped.push({ file, label: doc.locate(where).field, reason });
      if (!song) return skip('the theme has no song');
      if (!song.title?.trim()) return skip('the song has no title');
      const credited = song.artists ?? [];
      if (credited.length === 0) return skip(`"${song.title}" credits no artist`);
      const tieIn = {
        work: workSlug,
        role: ROLES[theme.type],
        ...(theme.sequence ? { sequence: theme.sequence } : {}),
      };
      const songKey =
        song.id !== undefined
          ? `id:${song.id}`
          : `${song.title.trim()}/${credited.map((a) => a.name).join('/')}`;
      const known = songs.get(songKey);
      if (known) {
        // The same song under another theme: one song, one tie-in per work and role.
        const tieIns = known.tie_ins as { work: string; role: string }[];
        if (!tieIns.some((t) => t.work === tieIn.work && t.role === tieIn.role)) tieIns.push(tieIn);
        return;
      }
      const credits = credited.map((artist, k) => {
        const artistAt = [...where, 'song', 'artists', k];
        const artistKey = artist.id !== undefined ? `id:${artist.id}` : artist.name;
        let slug = artists.get(artistKey);
        if (!slug) {
          slug = slugs.artists(artist.name);
          artists.set(artistKey, slug);
          add(
            'artists',
            {
              slug,
              kind: artist.members?.length ? 'group' : 'person',
              name: { original: artist.name },
              external_ids: idOf(artist.id),
            },
            artistAt,
            { name: ['name'] },
          );
        }
        const character = (artist.artistsong?.as ?? artist.as)?.trim();
        if (!character) return { artist: slug, role: 'vocals' };
        let as = artists.get(`as:${character}`);
        if (!as) {
          as = slugs.artists(character);
          artists.set(`as:${character}`, as);
          add(
            'artists',
            { slug: as, kind: 'character', name: { original: character } },
            [...artistAt, ...(artist.artistsong?.as ? ['artistsong'] : [])],
            { name: ['as'] },
          );
        }
        return { artist: slug, role: 'vocals', as };
      });
      const input = {
        slug: slugs.songs(song.title),
        title: { original: song.title.trim() },
        credits,
        tie_ins: [tieIn],
        external_ids: idOf(song.id),
      };
      songs.set(songKey, input);
      add('songs', input, [...where, 'song'], { title: ['title'], credits: ['artists'] });
    });
  });
  return { records, skipped, problems };
}
