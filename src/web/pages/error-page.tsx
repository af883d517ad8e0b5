import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../page-context.ts';
import { paths } from '../paths.ts';

/**
 * The 404, 500 and 503 pages: say what happened and offer ways on (search, the latest
 * features). They read nothing from the database, so they show while it is away.
 */
export function ErrorPageView({ ctx, status }: { ctx: PageContext; status: 404 | 500 | 503 }) {
  const { t, locale } = ctx;
  const [title, text] = (
    {
      404: [t.notFoundTitle, t.notFoundText],
      500: [t.serverErrorTitle, t.serverErrorText],
      503: [t.unavailableTitle, t.unavailableText],
    } as const
  )[status];
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
