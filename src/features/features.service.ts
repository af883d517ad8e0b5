import type { Kysely } from 'kysely';
import {
  displayLabel,
  type CatalogService,
  type DisplayName,
  type SongCard,
} from '#src/catalog/index.ts';
import type { Database } from '#src/db/schema.ts';
import { toTimestamp, type Clock } from '#src/shared/clock.ts';
import { problemAt, ValidationError } from '#src/shared/errors.ts';
import { contentFallbacks, htmlLang, type Locale } from '#src/shared/locale.ts';
import { parseBatch } from '#src/shared/validation.ts';
import { resolveRefs, writeContent } from './feature-writer.ts';
import { findRedirect } from './editing.repository.ts';
import * as repo from './features.repository.ts';
import * as rankings from './ranking.repository.ts';
import { FeatureInputSchema, type FeatureInput } from './features.schemas.ts';

export const PAGE_SIZE = 10;

export interface FeaturesDeps {
  db: Kysely<Database>;
  clock: Clock;
  catalog: CatalogService;
}

/** Which entries to show: one page of ten, or all of them. */
export type PageRequest = { page: number } | { all: true };

export interface LocalizedHtml {
  html: string;
  lang: string;
}

export interface EntryView {
  position: number;
  addedAt: string;
  song: SongCard;
  commentary: LocalizedHtml | null;
  /** Ranking features only: where the song stands and how it got there. */
  standing?: StandingView;
}

export interface StandingView {
  plays: number;
  /** Null when the song had no plays in the previous period. */
  previousRank: number | null;
  /** Plays a day in each step of the period (months of a year, days of the last 30). */
  trend: number[];
}

/** What a ranking ranks and when it was computed (`YYYY-MM-DD` days, inclusive). */
export interface RankingView {
  period: string;
  step: 'month' | 'day';
  from: string | null;
  to: string | null;
  previousFrom: string | null;
  previousTo: string | null;
  refreshedAt: string | null;
  category: { slug: string; name: DisplayName } | null;
  tags: { slug: string; name: DisplayName }[];
}

export interface FeaturePage {
  slug: string;
  kind: string;
  byline: string | null;
  publishedAt: string | null;
  updatedAt: string;
  title: string;
  titleLang: string;
  lead: LocalizedHtml | null;
  closing: LocalizedHtml | null;
  category: { slug: string; name: DisplayName } | null;
  tags: { slug: string; name: DisplayName }[];
  entries: EntryView[];
  /** Null for curated features. */
  ranking: RankingView | null;
  related: { slug: string; title: string; lang: string }[];
  /** `page` is null when every entry is shown. */
  pagination: { page: number | null; pageCount: number; total: number };
}

export interface FeatureSummary {
  slug: string;
  title: string;
  titleLang: string;
  /** The lead as HTML, for teasers. */
  lead: string;
  publishedAt: string | null;
  updatedAt: string;
  entryCount: number;
}

type TextRow = Awaited<ReturnType<typeof repo.getTexts>>[number];

/** The text for `locale`, or the best fallback, with the language it is actually in. */
function pickText<T>(
  byLocale: Partial<Record<string, T>>,
  locale: Locale,
): { value: T; lang: string } | null {
  for (const candidate of [locale, ...contentFallbacks(locale)]) {
    const value = byLocale[candidate];
    if (value !== undefined) return { value, lang: htmlLang(candidate as Locale) };
  }
  return null;
}

function textsByFeature(rows: TextRow[]): Map<number, Record<string, TextRow>> {
  const map = new Map<number, Record<string, TextRow>>();
  for (const row of rows) {
    const texts = map.get(row.feature_id) ?? {};
    texts[row.locale] = row;
    map.set(row.feature_id, texts);
  }
  return map;
}

interface CategoryColumns {
  category_slug: string | null;
  category_name_en: string | null;
  category_name_ja: string | null;
  category_name_zh_hant: string | null;
  category_name_ko: string | null;
}

function categoryView(row: CategoryColumns, locale: Locale) {
  return row.category_slug && row.category_name_en
    ? {
        slug: row.category_slug,
        name: displayLabel(
          {
            en: row.category_name_en,
            ja: row.category_name_ja,
            zhHant: row.category_name_zh_hant,
            ko: row.category_name_ko,
          },
          locale,
        ),
      }
    : null;
}

function nonEmpty(html: string, lang: string): LocalizedHtml | null {
  return html ? { html, lang } : null;
}

export function createFeaturesService({ db, clock, catalog }: FeaturesDeps) {
  const now = () => toTimestamp(clock.now());
  const summarize = async (
    features: { id: number; slug: string; published_at: string | null; updated_at: string }[],
    locale: Locale,
  ): Promise<FeatureSummary[]> => {
    const ids = features.map((f) => f.id);
    const [texts, counts] = await Promise.all([
      repo.getTexts(db, ids),
      repo.countEntriesFor(db, ids),
    ]);
    const textBy = textsByFeature(texts);
    return features.flatMap((f) => {
      const t = pickText(textBy.get(f.id) ?? {}, locale);
      return t
        ? [
            {
              slug: f.slug,
              title: t.value.title,
              titleLang: t.lang,
              lead: t.value.lead_html,
              publishedAt: f.published_at,
              updatedAt: f.updated_at,
              entryCount: counts.get(f.id) ?? 0,
            },
          ]
        : [];
    });
  };

  return {
    /**
     * Adds features with their entries. The whole batch is validated first, with every
     * problem reported by its path (`[2].entries[4].song`), and nothing is written if any.
     */
    async addFeatures(inputs: readonly FeatureInput[]): Promise<void> {
      const items = parseBatch(FeatureInputSchema, inputs).map((f, i) => ({ path: [i], f }));
      const { refs, problems } = await resolveRefs(db, catalog, items);
      const taken = await repo.idsBySlug(
        db,
        items.map(({ f }) => f.slug),
      );
      const seen = new Set<string>();
      for (const { path, f } of items) {
        if (seen.has(f.slug) || taken.has(f.slug))
          problems.push(problemAt([...path, 'slug'], `"${f.slug}" is already in use`));
        seen.add(f.slug);
      }
      if (problems.length > 0) throw new ValidationError(problems);

      const at = now();
      const ids = new Map(refs.features);
      for (const { f } of items) {
        const publishedAt = f.status === 'published' ? (f.published ?? at) : (f.published ?? null);
        const id = await repo.insertFeature(db, {
          slug: f.slug,
          kind: f.kind,
          category_id: f.category ? (refs.categories.get(f.category) ?? null) : null,
          status: f.status,
          byline: f.byline ?? null,
          published_at: publishedAt,
          updated_at: f.updated ?? publishedAt ?? at,
          created_at: at,
          revision: 1,
        });
        ids.set(f.slug, id);
        // Entries without their own date were added when the feature was published.
        await writeContent(
          db,
          id,
          { ...f, entries: f.entries.map((e) => ({ ...e, added: e.added ?? publishedAt ?? at })) },
          refs,
          at,
        );
      }
      // Related features may point forward within the batch, so they are linked last.
      for (const { f } of items) {
        await repo.insertRelated(
          db,
          ids.get(f.slug) as number,
          f.related.map((r) => ids.get(r) as number),
        );
      }
    },

    /** One page of a published feature, or null when the feature or the page does not exist. */
    /**
     * A page of a live feature as readers see it. With `preview`, an editor's view of the
     * saved state instead: any status, draft languages included.
     */
    async getFeaturePage(
      slug: string,
      locale: Locale,
      request: PageRequest,
      { preview = false } = {},
    ): Promise<FeaturePage | null> {
      const feature = await repo.findPublished(db, slug, preview ? null : now());
      if (!feature) return null;
      const total = await repo.countEntries(db, feature.id);
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const page = 'page' in request ? request.page : null;
      if (page !== null && (!Number.isSafeInteger(page) || page < 1 || page > pageCount))
        return null;
      const [from, to] =
        page === null ? [1, total] : [(page - 1) * PAGE_SIZE + 1, page * PAGE_SIZE];

      const [entries, related, tagIds] = await Promise.all([
        repo.getEntries(db, feature.id, from, to),
        repo.getRelated(db, feature.id, now()),
        repo.getTagIds(db, feature.id),
      ]);
      const isRanking = feature.kind === 'ranking';
      const [summary, standings] = isRanking
        ? await Promise.all([
            rankings.getDefinition(db, feature.id),
            rankings.getStandings(
              db,
              feature.id,
              entries.map((e) => e.song_id),
            ),
          ])
        : [undefined, []];
      const [cards, texts, tagLabels] = await Promise.all([
        catalog.getSongCards(entries.map((e) => e.song_id)),
        repo.getTexts(db, [feature.id, ...related.map((r) => r.id)], preview),
        catalog.getTagLabels([...tagIds, ...(summary?.tags.map((t) => t.id) ?? [])]),
      ]);
      const standingBySong = new Map(standings.map((s) => [s.song_id, s]));
      const tagViews = (ids: readonly number[]) =>
        ids.flatMap((id) => {
          const tag = tagLabels.get(id);
          return tag ? [{ slug: tag.slug, name: displayLabel(tag.labels, locale) }] : [];
        });
      const cardById = new Map(cards.map((c) => [c.id, c]));
      const textBy = textsByFeature(texts);
      const ownTexts = textBy.get(feature.id) ?? {};
      const own = pickText(ownTexts, locale);
      if (!own) return null;

      return {
        slug: feature.slug,
        kind: feature.kind,
        byline: feature.byline,
        publishedAt: feature.published_at,
        updatedAt: feature.updated_at,
        title: own.value.title,
        titleLang: own.lang,
        lead: nonEmpty(own.value.lead_html, own.lang),
        closing: nonEmpty(own.value.closing_html, own.lang),
        category: categoryView(feature, locale),
        tags: tagViews(tagIds),
        entries: entries.flatMap((e) => {
          const song = cardById.get(e.song_id);
          if (!song) return [];
          // Commentary goes live with its language: only reviewed languages are shown.
          const reviewed = Object.fromEntries(
            Object.entries(e.commentary).filter(([l]) => ownTexts[l] !== undefined),
          );
          const commentary = pickText(reviewed, locale);
          const standing = standingBySong.get(e.song_id);
          return [
            {
              position: e.position,
              addedAt: e.added_at,
              song,
              commentary: commentary ? { html: commentary.value, lang: commentary.lang } : null,
              ...(standing
                ? {
                    standing: {
                      plays: standing.plays,
                      previousRank: standing.previous_rank,
                      trend: standing.trend === '' ? [] : standing.trend.split(',').map(Number),
                    },
                  }
                : {}),
            },
          ];
        }),
        ranking: summary
          ? {
              period: summary.period,
              step: summary.period === 'last-30-days' ? 'day' : 'month',
              from: summary.period_from,
              to: summary.period_to,
              previousFrom: summary.previous_from,
              previousTo: summary.previous_to,
              refreshedAt: summary.refreshed_at,
              category: categoryView(summary, locale),
              tags: tagViews(summary.tags.map((t) => t.id)),
            }
          : null,
        related: related.flatMap((r) => {
          const t = pickText(textBy.get(r.id) ?? {}, locale);
          return t ? [{ slug: r.slug, title: t.value.title, lang: t.lang }] : [];
        }),
        pagination: { page, pageCount, total },
      };
    },

    /** Published features, newest first: all of them, or those in a category, with a tag or a song. */
    async listPublished(
      locale: Locale,
      limit = 50,
      filter: repo.FeatureFilter = {},
    ): Promise<FeatureSummary[]> {
      return summarize(await repo.listPublished(db, limit, filter, now()), locale);
    },

    /** Published features after `after` in slug order, with their entry counts (sitemap). */
    async listPublishedSlugs(
      after: string | null,
      limit: number,
    ): Promise<{ slug: string; updatedAt: string; entryCount: number }[]> {
      const rows = await repo.listPublishedSlugs(db, after, limit, now());
      return rows.map((r) => ({
        slug: r.slug,
        updatedAt: r.updated_at,
        entryCount: Number(r.entry_count ?? 0),
      }));
    },

    /**
     * Features like this one, as computed when content last changed (see src/discovery).
     * Editors' own picks (`exclude`) are shown separately and left out here.
     */
    async featuresLike(
      slug: string,
      locale: Locale,
      exclude: readonly string[] = [],
      limit = 4,
    ): Promise<FeatureSummary[]> {
      const feature = await repo.findPublished(db, slug, now());
      if (!feature) return [];
      const ranked = await repo.neighboursOf(db, feature.id);
      const rows = (await repo.listPublished(db, ranked.length, { ids: ranked }, now())).filter(
        (f) => !exclude.includes(f.slug),
      );
      rows.sort((a, b) => ranked.indexOf(a.id) - ranked.indexOf(b.id));
      return summarize(rows.slice(0, limit), locale);
    },

    /** Every published feature that includes the song, with the song's position in it. */
    async featuresWithSong(
      songId: number,
      locale: Locale,
    ): Promise<(FeatureSummary & { position: number })[]> {
      const [features, positions] = await Promise.all([
        repo.listPublished(db, 100, { songId }, now()),
        repo.positionsOfSong(db, songId, now()),
      ]);
      const at = new Map(positions.map((p) => [p.feature_id, p.position]));
      const summaries = await summarize(features, locale);
      return summaries.map((f, i) => ({ ...f, position: at.get(features[i]?.id ?? -1) ?? 0 }));
    },

    count: () => repo.countFeatures(db),

    /** The next scheduled features to go live, soonest first, with when. */
    scheduledAfter: async (after: string, limit = 20) => repo.scheduledAfter(db, after, limit),

    /** The current slug of a live feature that was renamed, for a permanent redirect. */
    redirectFor: (oldSlug: string) => findRedirect(db, oldSlug, now()),
  };
}

export type FeaturesService = ReturnType<typeof createFeaturesService>;
