import type { SongCard } from '#src/catalog/index.ts';
import type { FeatureSummary } from '#src/features/index.ts';
import type {
  Facet,
  SearchFilters,
  SearchKind,
  SearchPage,
  SearchResult,
} from '#src/search/index.ts';
import { FeatureCards } from '../components/feature-cards.tsx';
import { Layout } from '../components/layout.tsx';
import { SongList } from '../components/song-parts.tsx';
import type { PageContext } from '../page-context.ts';
import { paths } from '../paths.ts';

export interface SearchView {
  query: string;
  filters: SearchFilters;
  found: SearchPage;
  /** Full cards for the songs on this page, and summaries for its features. */
  songs: SongCard[];
  features: FeatureSummary[];
}

interface SearchPageProps {
  ctx: PageContext;
  view: SearchView | null;
}

const KIND_ORDER: SearchKind[] = ['song', 'artist', 'work', 'feature', 'tag'];

/** The address of this search with some parameters changed (undefined removes one). */
function searchHref(
  ctx: PageContext,
  query: string,
  params: SearchFilters & { page?: number },
): string {
  const url = new URLSearchParams({ q: query });
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && !(key === 'page' && value === 1)) url.set(key, String(value));
  return `${paths.search(ctx.locale)}?${url.toString()}`;
}

function hrefOf(ctx: PageContext, result: SearchResult): string {
  const { locale } = ctx;
  switch (result.kind) {
    case 'song':
      return paths.song(locale, result.slug);
    case 'artist':
      return paths.artist(locale, result.slug);
    case 'work':
      return paths.work(locale, result.slug);
    case 'feature':
      return paths.feature(locale, result.slug);
    case 'tag':
      return paths.tag(locale, result.slug);
  }
}

function kindLabel(ctx: PageContext, kind: SearchKind): string {
  const { t } = ctx;
  return { song: t.songs, artist: t.artists, work: t.works, feature: t.features, tag: t.tags }[
    kind
  ];
}

function FacetList({
  ctx,
  view,
  name,
  title,
  facets,
}: {
  ctx: PageContext;
  view: SearchView;
  name: 'tag' | 'role' | 'decade' | 'category';
  title: string;
  facets: Facet[];
}) {
  if (facets.length === 0) return null;
  const chosen = view.filters[name];
  return (
    <div class="facet">
      <h3>{title}</h3>
      <ul class="facet-list">
        {facets.slice(0, 12).map((f) => (
          <li>
            <a
              href={searchHref(ctx, view.query, {
                ...view.filters,
                type: undefined,
                [name]: chosen === f.value ? undefined : f.value,
              })}
              aria-current={chosen === f.value ? 'true' : undefined}
            >
              {name === 'role' ? ctx.t.tieInRole(f.value, null) : f.label}{' '}
              <span class="count">{f.count}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Results({ ctx, view }: { ctx: PageContext; view: SearchView }) {
  const { found } = view;
  const songsBySlug = new Map(view.songs.map((s) => [s.slug, s]));
  const groups = KIND_ORDER.map(
    (kind) => [kind, found.results.filter((r) => r.kind === kind)] as const,
  ).filter(([, results]) => results.length > 0);
  return (
    <>
      {groups.map(([kind, results]) => (
        <section aria-labelledby={`r-${kind}s`} class="result-group">
          <h2 id={`r-${kind}s`}>{kindLabel(ctx, kind)}</h2>
          {kind === 'song' ? (
            <SongList songs={results.flatMap((r) => songsBySlug.get(r.slug) ?? [])} ctx={ctx} />
          ) : kind === 'feature' ? (
            <FeatureCards features={view.features} ctx={ctx} />
          ) : (
            <ul class="plain-list results">
              {results.map((r) => (
                <li>
                  <a href={hrefOf(ctx, r)} lang={r.name.lang}>
                    {r.name.text}
                  </a>{' '}
                  <span class="muted">
                    {r.detail}
                    {r.matched.field === 'alias' || r.matched.field === 'reading'
                      ? ` · ${ctx.t.matchedAs} “${r.matched.text}”`
                      : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

export function SearchPageView({ ctx, view }: SearchPageProps) {
  const { locale, t } = ctx;
  const query = view?.query ?? '';
  const found = view?.found;
  const filtered = Boolean(
    view && (view.filters.tag || view.filters.role || view.filters.decade || view.filters.category),
  );
  const allCount = found ? Object.values(found.counts).reduce((a, b) => a + b, 0) : 0;
  return (
    <Layout
      ctx={ctx}
      meta={{ title: query ? t.searchResultsFor(query) : t.nav.search, indexable: false }}
    >
      <h1>{query ? t.searchResultsFor(query) : t.searchLabel}</h1>
      <form class="inline-search" action={paths.search(locale)} method="get">
        <label for="search-q">{t.searchLabel}</label>
        <span class="inline-search-row">
          <input
            id="search-q"
            type="search"
            name="q"
            value={query}
            placeholder={t.searchPlaceholder}
            autocomplete="off"
          />
          <button type="submit">{t.searchButton}</button>
        </span>
      </form>
      {!view && <p class="hint">{t.searchHint}</p>}
      {view && found && allCount === 0 && <p class="empty">{t.noResults(query)}</p>}
      {view && found && allCount > 0 && (
        <>
          <nav class="result-kinds" aria-label={t.searchLabel}>
            <a
              href={searchHref(ctx, query, {})}
              aria-current={!view.filters.type && !filtered ? 'page' : undefined}
            >
              {t.allResults} <span class="count">{allCount}</span>
            </a>
            {KIND_ORDER.filter((k) => found.counts[k] > 0).map((k) => (
              <a
                href={searchHref(ctx, query, { type: k })}
                aria-current={view.filters.type === k && !filtered ? 'page' : undefined}
              >
                {kindLabel(ctx, k)} <span class="count">{found.counts[k]}</span>
              </a>
            ))}
          </nav>
          <div class="search-layout">
            <div class="search-results">
              <Results ctx={ctx} view={view} />
              {found.pageCount > 1 && (
                <nav class="pagination" aria-label={t.pages}>
                  {found.page > 1 && (
                    <a
                      class="page-step"
                      rel="prev"
                      href={searchHref(ctx, query, { ...view.filters, page: found.page - 1 })}
                    >
                      ← {t.previousPage}
                    </a>
                  )}
                  {found.page < found.pageCount && (
                    <a
                      class="page-step"
                      rel="next"
                      href={searchHref(ctx, query, { ...view.filters, page: found.page + 1 })}
                    >
                      {t.nextPage} →
                    </a>
                  )}
                </nav>
              )}
            </div>
            {(found.facets.tag.length > 0 || filtered) && (
              <aside class="facets" aria-labelledby="facets-heading">
                <h2 id="facets-heading">{t.narrowSongs}</h2>
                {filtered && (
                  <p>
                    <a href={searchHref(ctx, query, { type: 'song' })}>{t.clearFilters}</a>
                  </p>
                )}
                <FacetList
                  ctx={ctx}
                  view={view}
                  name="tag"
                  title={t.facetTag}
                  facets={found.facets.tag}
                />
                <FacetList
                  ctx={ctx}
                  view={view}
                  name="role"
                  title={t.facetRole}
                  facets={found.facets.role}
                />
                <FacetList
                  ctx={ctx}
                  view={view}
                  name="decade"
                  title={t.facetDecade}
                  facets={found.facets.decade}
                />
                <FacetList
                  ctx={ctx}
                  view={view}
                  name="category"
                  title={t.facetCategory}
                  facets={found.facets.category}
                />
              </aside>
            )}
          </div>
        </>
      )}
    </Layout>
  );
}
