import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * Kysely's view of the database. Timestamps are ISO-8601 UTC text and dates are
 * `YYYY`, `YYYY-MM` or `YYYY-MM-DD` text in both SQLite and PostgreSQL, so rows
 * read the same whichever database holds them.
 */

/** The columns every named entity carries; see catalog/names.ts for the display rule. */
type Named<P extends string> = {
  [
    K in `${P}_original` | `${P}_romanized` | `${P}_en` | `${P}_zh_hant` | `${P}_ko`
  ]: K extends `${P}_original` ? string : string | null;
};

type Labelled<P extends string> = {
  [K in `${P}_en` | `${P}_ja` | `${P}_zh_hant` | `${P}_ko`]: K extends `${P}_en`
    ? string
    : string | null;
};

export type ArtistsTable = Named<'name'> & {
  id: Generated<number>;
  slug: string;
  kind: string;
  /** 0 while a writer's addition waits for an editor; readers see only 1 (see migration 0012). */
  reviewed: Generated<number>;
  created_at: string;
  updated_at: string;
};

export interface ArtistAliasesTable {
  artist_id: number;
  alias: string;
}

export interface ArtistMembersTable {
  group_id: number;
  member_id: number;
}

export type WorksTable = Named<'title'> & {
  id: Generated<number>;
  slug: string;
  kind: string;
  year: number | null;
  first_aired: string | null;
  last_aired: string | null;
  official_site: string | null;
  /** 0 while a writer's addition waits for an editor; readers see only 1 (see migration 0012). */
  reviewed: Generated<number>;
  created_at: string;
  updated_at: string;
};

/** Another catalog's id for a record: `source` names the catalog (anilist, animethemes …). */
export interface WorkExternalIdsTable {
  work_id: number;
  source: string;
  external_id: string;
}

export interface ArtistExternalIdsTable {
  artist_id: number;
  source: string;
  external_id: string;
}

export interface SongExternalIdsTable {
  song_id: number;
  source: string;
  external_id: string;
}

/** Where to watch a work, and its other pages; `source` says who supplied the link. */
export interface WorkLinksTable {
  work_id: number;
  position: number;
  kind: string;
  site: string;
  label: string;
  url: string;
  /** Comma-separated ISO 3166 region codes where the service is available; null for everywhere. */
  regions: string | null;
  source: string;
}

export interface WorkAliasesTable {
  work_id: number;
  alias: string;
}

export type SongsTable = Named<'title'> & {
  id: Generated<number>;
  slug: string;
  released_on: string | null;
  cover_of_id: number | null;
  /** 0 while a writer's addition waits for an editor; readers see only 1 (see migration 0012). */
  reviewed: Generated<number>;
  created_at: string;
  updated_at: string;
};

export interface SongAliasesTable {
  song_id: number;
  alias: string;
}

export interface SongCreditsTable {
  song_id: number;
  position: number;
  artist_id: number;
  role: string;
  as_character_id: number | null;
}

export interface SongMediaTable {
  song_id: number;
  provider: string;
  external_id: string;
}

export interface TieInsTable {
  id: Generated<number>;
  song_id: number;
  work_id: number;
  role: string;
  sequence: number | null;
  season: string | null;
  note: string | null;
}

export type TagsTable = Labelled<'label'> & {
  id: Generated<number>;
  slug: string;
  kind: string;
};

export interface SongTagsTable {
  song_id: number;
  tag_id: number;
  weight: number;
}

export type CategoriesTable = Labelled<'name'> & {
  id: Generated<number>;
  slug: string;
  position: number;
};

export interface FeaturesTable {
  id: Generated<number>;
  slug: string;
  kind: string;
  category_id: number | null;
  status: string;
  byline: string | null;
  published_at: string | null;
  updated_at: string;
  created_at: string;
  revision: number;
}

export interface FeatureTextsTable {
  feature_id: number;
  locale: string;
  /** `draft` or `reviewed`; only reviewed texts are shown to readers. */
  status: Generated<string>;
  title: string;
  lead_md: string;
  lead_html: string;
  closing_md: string;
  closing_html: string;
}

export interface FeatureTagsTable {
  feature_id: number;
  tag_id: number;
}

export interface FeatureRelatedTable {
  feature_id: number;
  related_id: number;
  position: number;
}

export interface EntriesTable {
  id: Generated<number>;
  feature_id: number;
  position: number;
  song_id: number;
  added_at: string;
}

export interface EntryTextsTable {
  entry_id: number;
  locale: string;
  commentary_md: string;
  commentary_html: string;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  role: string;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a leaked table does not log anyone in. */
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  /** JSON text. */
  detail: string | null;
}

export interface FeatureRevisionsTable {
  feature_id: number;
  revision: number;
  user_id: number | null;
  created_at: string;
  /** JSON of the feature as saved (texts, entries, settings). */
  snapshot: string;
}

export interface FeatureRedirectsTable {
  old_slug: string;
  feature_id: number;
}

/** One searchable thing: a song, artist, work, feature or tag. */
export interface SearchEntriesTable {
  id: Generated<number>;
  kind: string;
  entity_id: number;
  slug: string;
  popularity: number;
  /** '' for always, an ISO time from which a scheduled feature is live, null for never. */
  live_from: string | null;
}

/** One name of an entry as search reads it: normalized text, and the same without spaces. */
export interface SearchNamesTable {
  id: Generated<number>;
  entry_id: number;
  /** Which name this is: title, romanized, en, alias, reading, artist, … */
  field: string;
  text: string;
  key: string;
}

/** The romaji vocabulary: each word under itself and each form with one letter deleted. */
export interface SearchTermsTable {
  variant: string;
  term: string;
}

/** One of a song's neighbours ("songs like this"), at its position. */
export interface SongNeighboursTable {
  song_id: number;
  position: number;
  neighbour_id: number;
  score: number;
  reasons: string;
}

/** One of a feature's neighbours ("features like this"), at its position. */
export interface FeatureNeighboursTable {
  feature_id: number;
  position: number;
  neighbour_id: number;
  score: number;
}

/** A change written but not yet followed by search and "like this" (see src/pending-changes). */
export interface PendingChangesTable {
  id: Generated<number>;
  entity: string;
  /** A JSON array of slugs. */
  slugs: string;
  noted_at: string;
}

/** One counted play: a reader (anonymous, per day) starting a song. */
export interface PlaysTable {
  id: Generated<number>;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  at: string;
  song_id: number;
  feature_id: number | null;
  locale: string;
  reader: string;
  /** The reader's address group (IPv4 address, IPv6 /64) hashed under the day's salt. */
  address: string | null;
  /** The address's network (IPv4 /24, IPv6 /48) hashed under the day's salt. */
  network: string | null;
  /** Which of the few readers an address may count for a song that day this play is. */
  address_slot: number | null;
  /** 1 when the screening before a recount held the play out of the rankings. */
  held: Generated<number>;
}

/** The salt of one day's reader hashes; deleted once the day is over. */
export interface PlaySaltsTable {
  day: string;
  salt: string;
}

/** Daily counts per song, feature (0 for none) and locale. */
export interface PlayRollupsTable {
  day: string;
  song_id: number;
  feature_id: number;
  locale: string;
  plays: number;
}

/** What a ranking feature ranks, and the bounds of its last refresh (`YYYY-MM-DD`). */
export interface FeatureRankingsTable {
  feature_id: number;
  category_id: number | null;
  /** A year (`2026`) or `last-30-days`. */
  period: string;
  size: number;
  refreshed_at: string | null;
  period_from: string | null;
  period_to: string | null;
  previous_from: string | null;
  previous_to: string | null;
}

export interface FeatureRankingTagsTable {
  feature_id: number;
  tag_id: number;
}

/** A ranked song as of the last refresh. */
export interface RankingStandingsTable {
  feature_id: number;
  song_id: number;
  rank: number;
  plays: number;
  /** Days of the period with at least one play: the first tie-break. */
  days: number;
  previous_rank: number | null;
  /** Plays a day in each step of the period (months or days), comma-separated. */
  trend: string;
}

/** An editor's commentary on a ranked song, kept by song across refreshes. */
export interface RankingNotesTable {
  feature_id: number;
  song_id: number;
  /** The order the editor listed notes in, for songs not ranked at the moment. */
  position: number;
  locale: string;
  commentary_md: string;
  commentary_html: string;
}

export interface Database {
  artists: ArtistsTable;
  artist_aliases: ArtistAliasesTable;
  artist_members: ArtistMembersTable;
  artist_external_ids: ArtistExternalIdsTable;
  works: WorksTable;
  work_aliases: WorkAliasesTable;
  work_external_ids: WorkExternalIdsTable;
  work_links: WorkLinksTable;
  songs: SongsTable;
  song_aliases: SongAliasesTable;
  song_credits: SongCreditsTable;
  song_media: SongMediaTable;
  song_external_ids: SongExternalIdsTable;
  tie_ins: TieInsTable;
  tags: TagsTable;
  song_tags: SongTagsTable;
  categories: CategoriesTable;
  features: FeaturesTable;
  feature_texts: FeatureTextsTable;
  feature_tags: FeatureTagsTable;
  feature_related: FeatureRelatedTable;
  entries: EntriesTable;
  entry_texts: EntryTextsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  feature_revisions: FeatureRevisionsTable;
  feature_redirects: FeatureRedirectsTable;
  search_entries: SearchEntriesTable;
  search_names: SearchNamesTable;
  search_terms: SearchTermsTable;
  song_neighbours: SongNeighboursTable;
  feature_neighbours: FeatureNeighboursTable;
  pending_changes: PendingChangesTable;
  plays: PlaysTable;
  play_salts: PlaySaltsTable;
  play_rollups: PlayRollupsTable;
  feature_rankings: FeatureRankingsTable;
  feature_ranking_tags: FeatureRankingTagsTable;
  ranking_standings: RankingStandingsTable;
  ranking_notes: RankingNotesTable;
}

export type ArtistRow = Selectable<ArtistsTable>;
export type WorkRow = Selectable<WorksTable>;
export type SongRow = Selectable<SongsTable>;
export type FeatureRow = Selectable<FeaturesTable>;
export type NewSong = Insertable<SongsTable>;
