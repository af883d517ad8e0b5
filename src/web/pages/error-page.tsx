import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../page-context.ts';
import { paths } from '../paths.ts';

/** The 404 and 500 pages: say what happened and offer ways on (search, the latest features). */
export function ErrorPageView({ ctx, status }: { ctx: PageContext; status: 404 | 500 }) {
  const { t, locale } = ctx;
  const [title, text] =
    status === 404 ? [t.notFoundTitle, t.notFoundText] : [t.serverErrorTitle, t.serverErrorText];
  return (
    <Layout ctx={ctx} meta={{ title, indexable: false }}>
      <div class="error-page">
        <p class="error-code">{status}</p>
        <h1>{title}</h1>
        <p>{text}</p>
        {status === 404 && (
          <form class="inline-search" action={paths.search(locale)} method="get">
            <label for="notfound-q">{t.searchLabel}</label>
            <span class="inline-search-row">
              <input id="notfound-q" type="search" name="q" placeholder={t.searchPlaceholder} />
              <button type="submit">{t.searchButton}</button>
            </span>
          </form>
        )}
        <p>
          <a class="button" href={paths.home(locale)}>
            {t.notFoundBack}
          </a>
        </p>
      </div>
    </Layout>
  );
}
