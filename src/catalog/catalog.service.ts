import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { problemAt } from '#src/shared/errors.ts';
import { duplicateSlugs, fail, unknownRefs } from './catalog-checks.ts';
import { toTimestamp, type Clock } from '#src/shared/clock.ts';
import { parseBatch } from '#src/shared/validation.ts';
import * as repo from './catalog.repository.ts';
import {
  ArtistInputSchema,
  CategoryInputSchema,
  SongInputSchema,
  TagInputSchema,
  WorkInputSchema,
  type ArtistInput,
  type CategoryInput,
  type NameInput,
  type SongData,
  type SongInput,
  type TagInput,
  type WorkInput,
} from './catalog.schemas.ts';

export interface CatalogDeps {
  db: Kysely<Database>;
  clock: Clock;
}

type NamePrefix = 'name' | 'title';

export function nameColumns<P extends NamePrefix>(prefix: P, name: NameInput) {
  return {
    [`${prefix}_original`]: name.original,
    [`${prefix}_romanized`]: name.romanized ?? null,
    [`${prefix}_en`]: name.en ?? null,
    [`${prefix}_zh_hant`]: name['zh-hant'] ?? null,
    [`${prefix}_ko`]: name.ko ?? null,
  } as { [K in `${P}_original`]: string } & {
    [K in `${P}_romanized` | `${P}_en` | `${P}_zh_hant` | `${P}_ko`]: string | null;
  };
}

export function labelColumns<P extends 'label' | 'name'>(
  prefix: P,
  labels: { en: string; ja?: string; 'zh-hant'?: string; ko?: string },
) {
  return {
    [`${prefix}_en`]: labels.en,
    [`${prefix}_ja`]: labels.ja ?? null,
    [`${prefix}_zh_hant`]: labels['zh-hant'] ?? null,
    [`${prefix}_ko`]: labels.ko ?? null,
  } as { [K in `${P}_en`]: string } & {
    [K in `${P}_ja` | `${P}_zh_hant` | `${P}_ko`]: string | null;
  };
}

export type SongRefs = Awaited<ReturnType<typeof resolveSongRefs>>;

/**
 * The ids of everything a batch of songs refers to, and a problem for each reference that
 * does not resolve. An original may be defined earlier or anywhere in the same batch.
 */
export async function resolveSongRefs(db: Kysely<Database>, items: readonly SongData[]) {
  const artistRefs = items.flatMap((s, i) =>
    s.credits.flatMap((c, j) => [
      { path: [i, 'credits', j, 'artist'], slug: c.artist },
      ...(c.as ? [{ path: [i, 'credits', j, 'as'], slug: c.as }] : []),
    ]),
  );
  const workRefs = items.flatMap((s, i) =>
    s.tie_ins.map((t, j) => ({ path: [i, 'tie_ins', j, 'work'], slug: t.work })),
  );
  const tagRefs = items.flatMap((s, i) =>
    s.tags.map((slug, j) => ({ path: [i, 'tags', j], slug })),
  );
  const coverRefs = items.flatMap((s, i) =>
    s.cover_of ? [{ path: [i, 'cover_of'], slug: s.cover_of }] : [],
  );
  const [artists, works, tags, originals] = (await Promise.all(
    (
      [
        ['artists', artistRefs],
        ['works', workRefs],
        ['tags', tagRefs],
        ['songs', coverRefs],
      ] as const
    ).map(([table, refs]) =>
      repo.idsBySlug(
        db,
        table,
        refs.map((r) => r.slug),
      ),
    ),
  )) as [Map<string, number>, Map<string, number>, Map<string, number>, Map<string, number>];
  const songsKnown = new Map([...originals, ...items.map((s) => [s.slug, 0] as const)]);
  const problems = [
    ...unknownRefs(artistRefs, artists, 'artist'),
    ...unknownRefs(workRefs, works, 'work'),
    ...unknownRefs(tagRefs, tags, 'tag'),
    ...unknownRefs(coverRefs, songsKnown, 'song'),
    ...items.flatMap((s, i) =>
      s.cover_of === s.slug
        ? [problemAt([i, 'cover_of'], 'a song cannot be a cover of itself')]
        : [],
    ),
  ];
  return { artists, works, tags, originals, problems };
}

/** Writes a song's aliases, credits, tie-ins, tags and media; the cover link is set apart. */
export async function insertSongParts(
  db: Kysely<Database>,
  id: number,
  s: SongData,
  refs: SongRefs,
): Promise<void> {
  await repo.insertAliases(db, { table: 'song_aliases', column: 'song_id' }, id, s.aliases);
  await repo.insertCredits(
    db,
    s.credits.map((c, position) => ({
      song_id: id,
      position,
      artist_id: refs.artists.get(c.artist) as number,
      role: c.role,
      as_character_id: c.as ? (refs.artists.get(c.as) as number) : null,
    })),
  );
  await repo.insertTieIns(
    db,
    s.tie_ins.map((t) => ({
      song_id: id,
      work_id: refs.works.get(t.work) as number,
      role: t.role,
      sequence: t.sequence ?? null,
      season: t.season ?? null,
      note: t.note ?? null,
    })),
  );
  await repo.insertSongTags(
    db,
    id,
    s.tags.map((t) => refs.tags.get(t) as number),
  );
  await repo.insertSongMedia(
    db,
    id,
    Object.entries(s.media).flatMap(([provider, externalId]) =>
      externalId ? [{ provider, externalId }] : [],
    ),
  );
}

/**
 * Writes to the catalog. Each `add*` call validates the whole batch (shapes, duplicate
 * slugs, references) before writing anything; callers wrap calls in a transaction.
 */
export function createCatalogService({ db, clock }: CatalogDeps) {
  return {
    async addCategories(inputs: readonly CategoryInput[]): Promise<void> {
      const items = parseBatch(CategoryInputSchema, inputs);
      fail(
        duplicateSlugs(
          items,
          await repo.idsBySlug(
            db,
            'categories',
            items.map((c) => c.slug),
          ),
        ),
      );
      for (const [position, c] of items.entries()) {
        await repo.insertCategory(db, { slug: c.slug, position, ...labelColumns('name', c.name) });
      }
    },

    async addTags(inputs: readonly TagInput[]): Promise<void> {
      const items = parseBatch(TagInputSchema, inputs);
      fail(
        duplicateSlugs(
          items,
          await repo.idsBySlug(
            db,
            'tags',
            items.map((t) => t.slug),
          ),
        ),
      );
      for (const t of items) {
        await repo.insertTag(db, { slug: t.slug, kind: t.kind, ...labelColumns('label', t.name) });
      }
    },

    async addArtists(inputs: readonly ArtistInput[]): Promise<void> {
      const items = parseBatch(ArtistInputSchema, inputs);
      const [taken, existingMembers] = await Promise.all([
        repo.idsBySlug(
          db,
          'artists',
          items.map((a) => a.slug),
        ),
        repo.idsBySlug(
          db,
          'artists',
          items.flatMap((a) => a.members),
        ),
      ]);
      // Members may be defined earlier or anywhere in this batch.
      const known = new Map([...existingMembers, ...items.map((a) => [a.slug, 0] as const)]);
      fail([
        ...duplicateSlugs(items, taken),
        ...unknownRefs(
          items.flatMap((a, i) => a.members.map((slug, j) => ({ path: [i, 'members', j], slug }))),
          known,
          'artist',
        ),
      ]);
      const now = toTimestamp(clock.now());
      const ids = new Map(existingMembers);
      for (const a of items) {
        const id = await repo.insertArtist(db, {
          slug: a.slug,
          kind: a.kind,
          ...nameColumns('name', a.name),
          created_at: now,
          updated_at: now,
        });
        ids.set(a.slug, id);
        await repo.insertAliases(
          db,
          { table: 'artist_aliases', column: 'artist_id' },
          id,
          a.aliases,
        );
      }
      for (const a of items) {
        await repo.insertMembers(
          db,
          ids.get(a.slug) as number,
          a.members.map((m) => ids.get(m) as number),
        );
      }
    },

    async addWorks(inputs: readonly WorkInput[]): Promise<void> {
      const items = parseBatch(WorkInputSchema, inputs);
      fail(
        duplicateSlugs(
          items,
          await repo.idsBySlug(
            db,
            'works',
            items.map((w) => w.slug),
          ),
        ),
      );
      const now = toTimestamp(clock.now());
      for (const w of items) {
        const id = await repo.insertWork(db, {
          slug: w.slug,
          kind: w.kind,
          year: w.year ?? null,
          ...nameColumns('title', w.title),
          created_at: now,
          updated_at: now,
        });
        await repo.insertAliases(db, { table: 'work_aliases', column: 'work_id' }, id, w.aliases);
      }
    },

    async addSongs(inputs: readonly SongInput[]): Promise<void> {
      const items = parseBatch(SongInputSchema, inputs);
      const [refs, taken] = await Promise.all([
        resolveSongRefs(db, items),
        repo.idsBySlug(
          db,
          'songs',
          items.map((s) => s.slug),
        ),
      ]);
      fail([...duplicateSlugs(items, taken), ...refs.problems]);

      const now = toTimestamp(clock.now());
      const ids = new Map(refs.originals);
      for (const s of items) {
        const id = await repo.insertSong(db, {
          slug: s.slug,
          released_on: s.released ?? null,
          cover_of_id: null,
          ...nameColumns('title', s.title),
          created_at: now,
          updated_at: now,
        });
        ids.set(s.slug, id);
        await insertSongParts(db, id, s, refs);
      }
      // Covers point at songs that may come later in the same batch, so they are linked last.
      for (const s of items) {
        if (s.cover_of)
          await repo.setCoverOf(db, ids.get(s.slug) as number, ids.get(s.cover_of) as number);
      }
    },

    getSongCards: (ids: readonly number[]) => repo.getSongCards(db, ids),
    idsBySlug: repo.idsBySlug.bind(null, db),
    getTagLabels: (ids: readonly number[]) => repo.getTagLabels(db, ids),
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
