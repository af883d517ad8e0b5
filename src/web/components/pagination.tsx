import type { PageContext } from '../page-context.ts';

interface PaginationProps {
  ctx: PageContext;
  slug: string;
  /** null when every entry is on one page. */
  page: number | null;
  pageCount: number;
  total: number;
}

export function featurePageHref(locale: string, slug: string, page: number): string {
  return page === 1 ? `/${locale}/${slug}` : `/${locale}/${slug}/${page}`;
}

/** "(1–10) (11–20) (21–27)" links, previous/next, and the one-page view. */
export function Pagination({ ctx, slug, page, pageCount, total }: PaginationProps) {
  const { locale, t } = ctx;
  const pages = Array.from({ length: pageCount }, (_, i) => i + 1);
  return (
    <nav class="pagination" aria-label={t.pages}>
      {page !== null && page > 1 && (
        <a class="page-step" rel="prev" href={featurePageHref(locale, slug, page - 1)}>
          ← {t.previousPage}
        </a>
      )}
      <ol class="page-list">
        {pages.map((n) => {
          const label = t.range((n - 1) * 10 + 1, Math.min(n * 10, total));
          return (
            <li>
              {n === page ? (
                <span class="page-current" aria-current="page" title={t.pageN(n)}>
                  {label}
                </span>
              ) : (
                <a href={featurePageHref(locale, slug, n)} title={t.pageN(n)}>
                  {label}
                </a>
              )}
            </li>
          );
        })}
      </ol>
      {page !== null && page < pageCount && (
        <a class="page-step" rel="next" href={featurePageHref(locale, slug, page + 1)}>
          {t.nextPage} →
        </a>
      )}
      {pageCount > 1 &&
        (page === null ? (
          <a class="page-all" href={featurePageHref(locale, slug, 1)}>
            {t.showPaged}
          </a>
        ) : (
          <a class="page-all" href={`/${locale}/${slug}?all=1`}>
            {t.showAll}
          </a>
        ))}
    </nav>
  );
}
