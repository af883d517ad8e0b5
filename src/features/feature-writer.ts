import type { Kysely } from 'kysely';
import type { CatalogService } from '#src/catalog/index.ts';
import type { Database } from '#src/db/schema.ts';
import { problemAt, type Problem } from '#src/shared/errors.ts';
import { renderMarkdown } from '#src/shared/markdown.ts';
import * as repo from './features.repository.ts';
import type { FeatureData } from './features.schemas.ts';
import * as rankings from './ranking.repository.ts';

type Db = Kysely<Database>;
type Path = (string | number)[];

/** Ids of everything a batch of features refers to by slug. */
export interface FeatureRefs {
  songs: Map<string, number>;
  tags: Map<string, number>;
  categories: Map<string, number>;
  features: Map<string, number>;
}

/**
 * Looks up every slug the features refer to and reports each unknown one, and each song
 * listed twice in one feature, by its path. `batch` slugs count as known features.
 */
export async function resolveRefs(
  db: Db,
  catalog: CatalogService,
  items: readonly { path: Path; f: FeatureData }[],
): Promise<{ refs: FeatureRefs; problems: Problem[] }> {
  const ref = (path: Path, slug: string) => ({ path, slug });
  const songRefs = items.flatMap(({ path, f }) =>
    f.entries.map((e, j) => ref([...path, 'entries', j, 'song'], e.song)),
  );
  const tagRefs = items.flatMap(({ path, f }) => [
    ...f.tags.map((t, j) => ref([...path, 'tags', j], t)),
    ...(f.ranking?.tags ?? []).map((t, j) => ref([...path, 'ranking', 'tags', j], t)),
  ]);
  const categoryRefs = items.flatMap(({ path, f }) => [
    ...(f.category ? [ref([...path, 'category'], f.category)] : []),
    ...(f.ranking?.category ? [ref([...path, 'ranking', 'category'], f.ranking.category)] : []),
  ]);
  const relatedRefs = items.flatMap(({ path, f }) =>
    f.related.map((r, j) => ref([...path, 'related', j], r)),
  );
  const [songs, tags, categories, features] = await Promise.all([
    catalog.idsBySlug(
      'songs',
      songRefs.map((r) => r.slug),
    ),
    catalog.idsBySlug(
      'tags',
      tagRefs.map((r) => r.slug),
    ),
    catalog.idsBySlug(
      'categories',
      categoryRefs.map((r) => r.slug),
    ),
    repo.idsBySlug(
      db,
      relatedRefs.map((r) => r.slug),
    ),
  ]);
  const batch = new Set(items.map(({ f }) => f.slug));
  const problems: Problem[] = [];
  const check = (
    refs: { path: Path; slug: string }[],
    known: (slug: string) => boolean,
    what: string,
  ) => {
    for (const r of refs)
      if (!known(r.slug)) problems.push(problemAt(r.path, `unknown ${what} "${r.slug}"`));
  };
  check(songRefs, (s) => songs.has(s), 'song');
  check(tagRefs, (s) => tags.has(s), 'tag');
  check(categoryRefs, (s) => categories.has(s), 'category');
  check(relatedRefs, (s) => batch.has(s) || features.has(s), 'feature');
  for (const { path, f } of items) {
    const first = new Map<string, number>();
    f.entries.forEach((e, j) => {
      const at = first.get(e.song);
      if (at !== undefined) {
        problems.push(
          problemAt(
            [...path, 'entries', j, 'song'],
            `"${e.song}" is already entry ${at + 1} of this feature`,
          ),
        );
      } else first.set(e.song, j);
    });
  }
  return { refs: { songs, tags, categories, features }, problems };
}

/**
 * Writes a feature's texts, tags and entries, replacing what it had. Markdown is rendered
 * and sanitized here, once. An entry keeps the date it was first added unless the input
 * gives one; songs new to the feature get `now`.
 */
export async function writeContent(
  db: Db,
  featureId: number,
  f: FeatureData,
  refs: FeatureRefs,
  now: string,
  addedBefore: Map<number, string> = new Map(),
): Promise<void> {
  await repo.clearContent(db, featureId);
  await repo.insertFeatureTexts(
    db,
    Object.entries(f.text).map(([locale, t]) => ({
      feature_id: featureId,
      locale,
      title: t.title,
      lead_md: t.lead,
      lead_html: renderMarkdown(t.lead),
      closing_md: t.closing,
      closing_html: renderMarkdown(t.closing),
      status: t.status,
    })),
  );
  await repo.insertFeatureTags(
    db,
    featureId,
    f.tags.map((t) => refs.tags.get(t) as number),
  );
  if (f.kind === 'ranking' && f.ranking) {
    await writeRanking(db, featureId, f, refs, now);
    return;
  }
  await rankings.removeRanking(db, featureId);
  for (const [index, e] of f.entries.entries()) {
    const songId = refs.songs.get(e.song) as number;
    const entryId = await repo.insertEntry(db, {
      feature_id: featureId,
      position: index + 1,
      song_id: songId,
      added_at: e.added ?? addedBefore.get(songId) ?? now,
    });
    await repo.insertEntryTexts(db, commentaryRows(entryId, e.commentary));
  }
}

function commentaryRows(entryId: number, commentary: Record<string, string>) {
  return Object.entries(commentary)
    .filter(([, text]) => text.trim() !== '')
    .map(([locale, text]) => ({
      entry_id: entryId,
      locale,
      commentary_md: text,
      commentary_html: renderMarkdown(text),
    }));
}

/**
 * A ranking's entries are not written by editors: plays order them. What editors write is
 * kept as notes by song, which the entries take on at every refresh.
 */
async function writeRanking(
  db: Db,
  featureId: number,
  f: FeatureData,
  refs: FeatureRefs,
  now: string,
): Promise<void> {
  const ranking = f.ranking as NonNullable<FeatureData['ranking']>;
  await rankings.writeDefinition(db, featureId, {
    categoryId: ranking.category ? (refs.categories.get(ranking.category) as number) : null,
    tagIds: ranking.tags.map((t) => refs.tags.get(t) as number),
    period: String(ranking.period),
    size: ranking.size,
  });
  await rankings.replaceNotes(
    db,
    featureId,
    f.entries.flatMap((e, index) =>
      Object.entries(e.commentary)
        .filter(([, text]) => text.trim() !== '')
        .map(([locale, text]) => ({
          feature_id: featureId,
          song_id: refs.songs.get(e.song) as number,
          position: index + 1,
          locale,
          commentary_md: text,
          commentary_html: renderMarkdown(text),
        })),
    ),
  );
  await placeRankedEntries(db, featureId, now);
}

/** Rewrites a ranking's entries in the order of its standings, each with its song's notes. */
export async function placeRankedEntries(db: Db, featureId: number, now: string): Promise<void> {
  await repo.clearEntries(db, featureId);
  const [songs, notes] = await Promise.all([
    rankings.rankedSongs(db, featureId),
    rankings.getNotes(db, featureId),
  ]);
  for (const [index, { id: songId }] of songs.entries()) {
    const entryId = await repo.insertEntry(db, {
      feature_id: featureId,
      position: index + 1,
      song_id: songId,
      added_at: now,
    });
    await repo.insertEntryTexts(
      db,
      notes
        .filter((n) => n.song_id === songId)
        .map((n) => ({
          entry_id: entryId,
          locale: n.locale,
          commentary_md: n.commentary_md,
          commentary_html: n.commentary_html,
        })),
    );
  }
}
