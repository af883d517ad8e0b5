/**
 * What a site export holds, table by table in an order that inserts cleanly (what a row
 * refers to comes first), each read in the order of its key so that two exports of the same
 * data are the same bytes. The search index and the "like this" neighbours travel too (a
 * million songs take minutes to index again); daily salts never do.
 */
export interface SiteTable {
  name: string;
  key: string[];
  /** Only with --with-secrets (the whole table, or these columns). */
  secret?: true | string[];
}

export const SITE_TABLES: SiteTable[] = [
  { name: 'categories', key: ['id'] },
  { name: 'tags', key: ['id'] },
  { name: 'artists', key: ['id'] },
  { name: 'artist_aliases', key: ['artist_id', 'alias'] },
  { name: 'artist_members', key: ['group_id', 'member_id'] },
  { name: 'artist_external_ids', key: ['artist_id', 'source'] },
  { name: 'works', key: ['id'] },
  { name: 'work_aliases', key: ['work_id', 'alias'] },
  { name: 'work_external_ids', key: ['work_id', 'source', 'external_id'] },
  { name: 'work_links', key: ['work_id', 'position'] },
  { name: 'songs', key: ['id'] },
  { name: 'song_aliases', key: ['song_id', 'alias'] },
  { name: 'song_credits', key: ['song_id', 'position'] },
  { name: 'song_media', key: ['song_id', 'provider'] },
  { name: 'song_external_ids', key: ['song_id', 'source'] },
  { name: 'tie_ins', key: ['id'] },
  { name: 'song_tags', key: ['song_id', 'tag_id'] },
  { name: 'users', key: ['id'], secret: ['password_hash'] },
  { name: 'sessions', key: ['token_hash'], secret: true },
  { name: 'api_tokens', key: ['id'], secret: true },
  { name: 'audit_log', key: ['id'] },
  { name: 'features', key: ['id'] },
  { name: 'feature_texts', key: ['feature_id', 'locale'] },
  { name: 'feature_tags', key: ['feature_id', 'tag_id'] },
  { name: 'feature_related', key: ['feature_id', 'related_id'] },
  { name: 'entries', key: ['id'] },
  { name: 'entry_texts', key: ['entry_id', 'locale'] },
  { name: 'feature_revisions', key: ['feature_id', 'revision'] },
  { name: 'feature_redirects', key: ['old_slug'] },
  { name: 'feature_rankings', key: ['feature_id'] },
  { name: 'feature_ranking_tags', key: ['feature_id', 'tag_id'] },
  { name: 'ranking_standings', key: ['feature_id', 'song_id'] },
  { name: 'ranking_notes', key: ['feature_id', 'song_id', 'locale'] },
  { name: 'plays', key: ['id'] },
  { name: 'play_rollups', key: ['song_id', 'day', 'feature_id', 'locale'] },
  { name: 'song_neighbours', key: ['song_id', 'position'] },
  { name: 'feature_neighbours', key: ['feature_id', 'position'] },
  { name: 'search_entries', key: ['id'] },
  { name: 'search_names', key: ['id'] },
  { name: 'search_terms', key: ['variant', 'term'] },
];

/** Tables whose `id` the database numbers: PostgreSQL's sequences move past imported ids. */
export const NUMBERED = SITE_TABLES.filter((t) => t.key.length === 1 && t.key[0] === 'id').map(
  (t) => t.name,
);

export const FORMAT = 'tokushu-site';
export const VERSION = 1;
