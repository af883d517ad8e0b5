import { PAGE_SIZE, type EntryView, type FeaturePage } from '#src/features/index.ts';
import { EntryCard } from '../components/entry-card.tsx';
import { Layout } from '../components/layout.tsx';
import { Pagination } from '../components/pagination.tsx';
import { formatDate } from '../i18n/index.ts';
import type { PageContext } from '../page-context.ts';

function sections(entries: EntryView[]): EntryView[][] {
  const out: EntryView[][] = [];
  for (const entry of entries) {
    const index = Math.floor((entry.position - 1) / PAGE_SIZE);
    (out[index] ??= []).push(entry);
  }
  return out.filter(Boolean);
}

function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function Dateline({ ctx, iso, label }: { ctx: PageContext; iso: string; label: string }) {
  return (
    <span class="dateline">
      {label} <time dateTime={iso}>{formatDate(iso, ctx.locale)}</time>
    </span>
  );
}

export function FeaturePageView({ ctx, feature }: { ctx: PageContext; feature: FeaturePage }) {
  const { locale, t } = ctx;
  const { page, pageCount, total } = feature.pagination;
  const groups = sections(feature.entries);
  const first = feature.entries[0]?.position ?? 0;
  const last = feature.entries.at(-1)?.position ?? 0;
  const heading = page === null ? feature.title : `${feature.title} ${t.range(first, last)}`;
  const isLastPage = page === null || page === pageCount;
  const description = feature.lead ? plainText(feature.lead.html).slice(0, 160) : undefined;

  return (
    <Layout ctx={ctx} title={heading} description={description}>
      <article class="feature">
        <header class="feature-header">
          {feature.category && (
            <p class="feature-category">
              <span lang={feature.category.name.lang}>{feature.category.name.text}</span>
            </p>
          )}
          <h1 lang={feature.titleLang}>
            {feature.title}
            {page !== null && total > 0 && (
              <span class="feature-range"> {t.range(first, last)}</span>
            )}
          </h1>
          <p class="feature-meta">
            {feature.byline && <span class="byline">{t.by(feature.byline)}</span>}
            {feature.publishedAt && (
              <Dateline ctx={ctx} iso={feature.publishedAt} label={t.published} />
            )}
            {feature.updatedAt !== feature.publishedAt && (
              <Dateline ctx={ctx} iso={feature.updatedAt} label={t.updated} />
            )}
          </p>
          {feature.tags.length > 0 && (
            <ul class="tag-list" aria-label={t.tags}>
              {feature.tags.map((tag) => (
                <li lang={tag.name.lang}>{tag.name.text}</li>
              ))}
            </ul>
          )}
        </header>
        {feature.lead &&
          (page === null || page === 1 ? (
            <div
              class="feature-lead"
              lang={feature.lead.lang}
              dangerouslySetInnerHTML={{ __html: feature.lead.html }}
            />
          ) : (
            // Readers of later pages came for the songs: the introduction stays one tap away.
            <details class="feature-lead-toggle">
              <summary>{t.aboutFeature}</summary>
              <div
                class="feature-lead"
                lang={feature.lead.lang}
                dangerouslySetInnerHTML={{ __html: feature.lead.html }}
              />
            </details>
          ))}
        {groups.map((group) => {
          const from = group[0]?.position ?? 0;
          const to = group.at(-1)?.position ?? 0;
          return (
            <section class="entries" aria-labelledby={`range-${from}`}>
              <h2 class="range-heading" id={`range-${from}`}>
                {t.range(from, to)}
              </h2>
              {group.map((entry) => (
                <EntryCard entry={entry} ctx={ctx} />
              ))}
            </section>
          );
        })}
        <Pagination ctx={ctx} slug={feature.slug} page={page} pageCount={pageCount} total={total} />
        {isLastPage && feature.closing && (
          <div
            class="feature-closing"
            lang={feature.closing.lang}
            dangerouslySetInnerHTML={{ __html: feature.closing.html }}
          />
        )}
        {feature.related.length > 0 && (
          <aside class="related" aria-labelledby="related-heading">
            <h2 id="related-heading">{t.relatedFeatures}</h2>
            <ul>
              {feature.related.map((r) => (
                <li>
                  <a href={`/${locale}/${r.slug}`} lang={r.lang}>
                    {r.title}
                  </a>
                </li>
              ))}
            </ul>
          </aside>
        )}
        <p class="last-updated">
          {t.lastUpdated}{' '}
          <time dateTime={feature.updatedAt}>{formatDate(feature.updatedAt, locale)}</time>
        </p>
      </article>
    </Layout>
  );
}
