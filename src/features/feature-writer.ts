import type { Kysely } from 'kysely';
import type { CatalogService } from '#src/catalog/index.ts';
import type { Database } from '#src/db/schema.ts';
import { problemAt, type Problem } from '#src/shared/errors.ts';
import { renderMarkdown } from '#src/shared/markdown.ts';
import * as repo from './features.repository.ts';
import type { FeatureData } from './features.schemas.ts';

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
  const tagRefs = items.flatMap(({ path, f }) =>
    f.tags.map((t, j) => ref([...path, 'tags', j], t)),
  );
  const categoryRefs = items.flatMap(({ path, f }) =>
    f.category ? [ref([...path, 'category'], f.category)] : [],
  );
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
  for (const [index, e] of f.entries.entries()) {
    const songId = refs.songs.get(e.song) as number;
    const entryId = await repo.insertEntry(db, {
      feature_id: featureId,
      position: index + 1,
      song_id: songId,
      added_at: e.added ?? addedBefore.get(songId) ?? now,
    });
    await repo.insertEntryTexts(
      db,
      Object.entries(e.commentary)
        .filter(([, commentary]) => commentary.trim() !== '')
        .map(([locale, commentary]) => ({
          entry_id: entryId,
          locale,
          commentary_md: commentary,
          commentary_html: renderMarkdown(commentary),
        })),
    );
  }
}
