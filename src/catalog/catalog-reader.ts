import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { getSongCards, type ArtistRef, type SongCard } from './catalog.repository.ts';
import * as details from './details.repository.ts';
import { nameFromRow, type Labels, type Name } from './names.ts';

export type { TagRef } from './details.repository.ts';

export interface SongPage {
  song: SongCard;
  aliases: string[];
  tags: details.TagRef[];
  /** Other recordings of this song. */
  covers: SongCard[];
}

export interface ArtistPage {
  id: number;
  slug: string;
  kind: string;
  name: Name;
  aliases: string[];
  members: ArtistRef[];
  memberOf: ArtistRef[];
  songs: SongCard[];
}

export interface WorkLink {
  kind: string;
  site: string;
  label: string;
  url: string;
  regions: string[];
}

export interface WorkPage {
  id: number;
  slug: string;
  kind: string;
  title: Name;
  aliases: string[];
  year: number | null;
  firstAired: string | null;
  lastAired: string | null;
  officialSite: string | null;
  links: WorkLink[];
  externalIds: Record<string, string>;
  songs: {
    role: string;
    sequence: number | null;
    season: string | null;
    note: string | null;
    song: SongCard;
  }[];
}

export interface TagPage {
  id: number;
  slug: string;
  kind: string;
  labels: Labels;
  songs: SongCard[];
}

export interface Category {
  id: number;
  slug: string;
  labels: Labels;
}

const PAGE_SONGS = 200;
/** A common tag is on a tenth of the catalog: its page shows the best-weighted songs. */
const TAG_PAGE_SONGS = 60;

/** Signals for "songs like this", weighted: a shared work or feature says more than a shared tag. */

function labelsOf(row: {
  name_en: string;
  name_ja: string | null;
  name_zh_hant: string | null;
  name_ko: string | null;
}): Labels {
  return { en: row.name_en, ja: row.name_ja, zhHant: row.name_zh_hant, ko: row.name_ko };
}

/** Read-only views of the catalog for the public pages. */
export function createCatalogReader({ db }: { db: Kysely<Database> }) {
  return {
    async getSongPage(slug: string): Promise<SongPage | null> {
      const id = await details.findSongId(db, slug);
      if (id === undefined) return null;
      const [[song], aliases, tags, coverIds] = await Promise.all([
        getSongCards(db, [id]),
        details.getAliases(db, 'song', id),
        details.getSongTags(db, id),
        details.getCoverIds(db, id),
      ]);
      if (!song) return null;
      return { song, aliases, tags, covers: await getSongCards(db, coverIds) };
    },

    /**
     * Up to `limit` songs like this one, best first, with at most two by any one artist so
     * the list is not one discography.
     */
    /** "Songs like this", as computed when content last changed (see src/discovery). */
    async songsLike(songId: number, limit = 6): Promise<SongCard[]> {
      const rows = await db
        .selectFrom('song_neighbours')
        .select('neighbour_id')
        .where('song_id', '=', songId)
        .orderBy('position')
        .limit(limit)
        .execute();
      return getSongCards(
        db,
        rows.map((r) => r.neighbour_id),
      );
    },

    async getArtistPage(slug: string): Promise<ArtistPage | null> {
      const row = await details.findArtist(db, slug);
      if (!row) return null;
      const [aliases, membership, songIds] = await Promise.all([
        details.getAliases(db, 'artist', row.id),
        details.getMembership(db, row.id),
        details.getArtistSongIds(db, row.id, PAGE_SONGS),
      ]);
      return {
        id: row.id,
        slug: row.slug,
        kind: row.kind,
        name: nameFromRow(row, 'name'),
        aliases,
        ...membership,
        songs: await getSongCards(db, songIds),
      };
    },

    async getWorkPage(slug: string): Promise<WorkPage | null> {
      const row = await details.findWork(db, slug);
      if (!row) return null;
      const [aliases, links, ids, tieIns] = await Promise.all([
        details.getAliases(db, 'work', row.id),
        details.getWorkLinks(db, row.id),
        details.getWorkExternalIds(db, row.id),
        details.getWorkTieIns(db, row.id, PAGE_SONGS),
      ]);
      const cards = new Map(
        (
          await getSongCards(
            db,
            tieIns.map((t) => t.song_id),
          )
        ).map((c) => [c.id, c]),
      );
      return {
        id: row.id,
        slug: row.slug,
        kind: row.kind,
        title: nameFromRow(row, 'title'),
        aliases,
        year: row.year,
        firstAired: row.first_aired,
        lastAired: row.last_aired,
        officialSite: row.official_site,
        links: links.map((l) => ({
          kind: l.kind,
          site: l.site,
          label: l.label,
          url: l.url,
          regions: l.regions?.split(',') ?? [],
        })),
        externalIds: Object.fromEntries(ids.map((i) => [i.source, i.external_id])),
        songs: tieIns.flatMap((t) => {
          const song = cards.get(t.song_id);
          return song
            ? [{ role: t.role, sequence: t.sequence, season: t.season, note: t.note, song }]
            : [];
        }),
      };
    },

    async getTagPage(slug: string): Promise<TagPage | null> {
      const tag = await details.findTag(db, slug);
      if (!tag) return null;
      const songs = await getSongCards(
        db,
        await details.getTaggedSongIds(db, tag.id, TAG_PAGE_SONGS),
      );
      return {
        id: tag.id,
        slug: tag.slug,
        kind: tag.kind,
        labels: { en: tag.label_en, ja: tag.label_ja, zhHant: tag.label_zh_hant, ko: tag.label_ko },
        songs,
      };
    },

    async listTags(): Promise<details.TagRef[]> {
      return (await details.listTags(db)).map((t) => ({
        slug: t.slug,
        kind: t.kind,
        labels: { en: t.label_en, ja: t.label_ja, zhHant: t.label_zh_hant, ko: t.label_ko },
      }));
    },

    async listCategories(): Promise<Category[]> {
      return (await details.listCategories(db)).map((c) => ({
        id: c.id,
        slug: c.slug,
        labels: labelsOf(c),
      }));
    },

    async getCategory(slug: string): Promise<Category | null> {
      const c = await details.findCategory(db, slug);
      return c ? { id: c.id, slug: c.slug, labels: labelsOf(c) } : null;
    },

    slugsFrom: (table: 'songs' | 'artists' | 'works', from: string | null, limit: number) =>
      details.slugsFrom(db, table, from, limit),

    slugAfter: (table: 'songs' | 'artists' | 'works', from: string | null, skip: number) =>
      details.slugAfter(db, table, from, skip),

    /** Song cards in the order of `ids`. */
    songCards: (ids: readonly number[]): Promise<SongCard[]> => getSongCards(db, ids),
  };
}

export type CatalogReader = ReturnType<typeof createCatalogReader>;
