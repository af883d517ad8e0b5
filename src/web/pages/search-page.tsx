import { displayName, type SearchResults } from '#src/catalog/index.ts';
import type { FeatureSummary } from '#src/features/index.ts';
import { FeatureCards } from '../components/feature-cards.tsx';
import { Layout } from '../components/layout.tsx';
import { SongList } from '../components/song-parts.tsx';
import type { PageContext } from '../page-context.ts';
import { paths } from '../paths.ts';

interface SearchPageProps {
  ctx: PageContext;
  query: string;
  results: SearchResults | null;
  features: FeatureSummary[];
}

export function SearchPageView({ ctx, query, results, features }: SearchPageProps) {
  const { locale, t } = ctx;
  const empty =
    results !== null &&
    results.songs.length + results.artists.length + results.works.length + features.length === 0;
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
          />
          <button type="submit">{t.searchButton}</button>
        </span>
      </form>
      {!query && <p class="hint">{t.searchHint}</p>}
      {empty && <p class="empty">{t.noResults(query)}</p>}
      {features.length > 0 && (
        <section aria-labelledby="r-features">
          <h2 id="r-features">{t.features}</h2>
          <FeatureCards features={features} ctx={ctx} />
        </section>
      )}
      {results && results.songs.length > 0 && (
        <section aria-labelledby="r-songs">
          <h2 id="r-songs">{t.songs}</h2>
          <SongList songs={results.songs} ctx={ctx} />
        </section>
      )}
      {results && results.artists.length > 0 && (
        <section aria-labelledby="r-artists">
          <h2 id="r-artists">{t.artists}</h2>
          <ul class="plain-list">
            {results.artists.map((a) => {
              const name = displayName(a.name, locale);
              return (
                <li>
                  <a href={paths.artist(locale, a.slug)} lang={name.lang}>
                    {name.text}
                  </a>{' '}
                  <span class="muted">{t.artistKind(a.kind)}</span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {results && results.works.length > 0 && (
        <section aria-labelledby="r-works">
          <h2 id="r-works">{t.works}</h2>
          <ul class="plain-list">
            {results.works.map((w) => {
              const title = displayName(w.title, locale);
              return (
                <li>
                  <a href={paths.work(locale, w.slug)} lang={title.lang}>
                    {title.text}
                  </a>{' '}
                  <span class="muted">{t.workWithYear(t.workKind(w.kind), 'tv', w.year)}</span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </Layout>
  );
}
