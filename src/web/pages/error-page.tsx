import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../page-context.ts';

/** The 404 and 500 pages: say what happened and offer a way on. */
export function ErrorPageView({ ctx, status }: { ctx: PageContext; status: 404 | 500 }) {
  const { t, locale } = ctx;
  const [title, text] =
    status === 404 ? [t.notFoundTitle, t.notFoundText] : [t.serverErrorTitle, t.serverErrorText];
  return (
    <Layout ctx={ctx} title={title} indexable={false}>
      <div class="error-page">
        <p class="error-code">{status}</p>
        <h1>{title}</h1>
        <p>{text}</p>
        <p>
          <a class="button" href={`/${locale}/`}>
            {t.notFoundBack}
          </a>
        </p>
      </div>
    </Layout>
  );
}
