/** The shapes of the API this app uses, as described by /api/v1/openapi.json. */

export type Locale = 'en' | 'ja' | 'zh-hant' | 'ko';
export const LOCALES: Locale[] = ['en', 'ja', 'zh-hant', 'ko'];

export interface Problem {
  status: number;
  title: string;
  detail: string;
  errors?: { field: string; message: string }[];
  /** On 409: the version saved meanwhile, to reconcile with. */
  current?: unknown;
}

export interface User {
  id: number;
  email: string;
  displayName: string;
  role: 'admin' | 'editor' | 'writer';
}

export interface FeatureText {
  title: string;
  lead: string;
  closing: string;
  status: 'draft' | 'reviewed';
}

export interface Entry {
  song: string;
  added?: string;
  commentary: Partial<Record<Locale, string>>;
}

/** What a ranking feature ranks: songs of a category's features and/or with tags, by plays. */
export interface RankingDefinition {
  category?: string;
  tags: string[];
  /** A year, or the last 30 days. */
  period: number | 'last-30-days';
  size: number;
}

export interface FeatureDocument {
  slug: string;
  kind: string;
  ranking?: RankingDefinition;
  category?: string;
  tags: string[];
  byline?: string;
  related: string[];
  text: Partial<Record<Locale, FeatureText>>;
  entries: Entry[];
}

export interface EditorView {
  slug: string;
  status: string;
  publishedAt: string | null;
  updatedAt: string;
  revision: number;
  document: FeatureDocument;
  /** A readable label for each song slug in the document. */
  songs: Record<string, string>;
}

export interface EditorListItem {
  slug: string;
  kind: string;
  status: string;
  title: string;
  revision: number;
  publishedAt: string | null;
  updatedAt: string;
  entryCount: number;
  locales: Record<Locale, 'missing' | 'draft' | 'reviewed'>;
}

export interface Suggestion {
  type: 'song' | 'artist' | 'work' | 'feature' | 'tag';
  slug: string;
  label: string;
  lang: string;
  detail: string;
}

export interface NameWarning {
  position: number;
  locale: Locale;
  entity: 'song' | 'artist' | 'work';
  wrote: string;
  expected: string;
}

export interface RevisionSummary {
  revision: number;
  savedAt: string;
  savedBy: string | null;
}

export interface Revision extends RevisionSummary {
  document: FeatureDocument;
}

export type RecordKind = 'songs' | 'artists' | 'works' | 'tags';
export const RECORD_KINDS: RecordKind[] = ['songs', 'artists', 'works', 'tags'];

/** A multilingual name as the catalog stores it. */
export interface NameRecord {
  original: string;
  romanized?: string;
  en?: string;
  'zh-hant'?: string;
  ko?: string;
}

export interface SongRecord {
  slug: string;
  title: NameRecord;
  aliases: string[];
  released?: string;
  credits: { artist: string; role: string; as?: string }[];
  cover_of?: string;
  tie_ins: { work: string; role: string; sequence?: number; season?: string; note?: string }[];
  tags: string[];
  media: Partial<Record<'youtube' | 'spotify' | 'apple-music' | 'niconico', string>>;
}

export interface ArtistRecord {
  slug: string;
  kind: string;
  name: NameRecord;
  aliases: string[];
  members: string[];
}

export interface WorkRecord {
  slug: string;
  kind: string;
  title: NameRecord;
  aliases: string[];
  year?: number;
}

export interface TagRecord {
  slug: string;
  kind: string;
  name: { en: string; ja?: string; 'zh-hant'?: string; ko?: string };
}

export interface RecordTypes {
  songs: SongRecord;
  artists: ArtistRecord;
  works: WorkRecord;
  tags: TagRecord;
}

export interface RecordView<K extends RecordKind = RecordKind> {
  kind: K;
  slug: string;
  version: string | null;
  record: RecordTypes[K];
  uses: Record<string, number>;
  /** English names of the artists, works and songs the record refers to, by slug. */
  labels: RecordLabels;
}

export interface RecordLabels {
  artists: Record<string, string>;
  works: Record<string, string>;
  songs: Record<string, string>;
}

export interface RecordSummary {
  slug: string;
  label: string;
  detail: string;
  updatedAt: string | null;
}

export interface CategorySummary {
  slug: string;
  label: string;
}

/** A song the drafting assistant proposes, with why. */
export interface Proposal {
  song: string;
  label: string;
  detail: string;
  score: number;
  reasons: string[];
}
