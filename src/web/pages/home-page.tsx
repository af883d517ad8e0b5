import type { FeatureSummary } from '#src/features/index.ts';
import { Layout } from '../components/layout.tsx';
import { formatDate } from '../i18n/index.ts';
import type { PageContext } from '../page-context.ts';

export function HomePageView({ ctx, features }: { ctx: PageContext; features: FeatureSummary[] }) {
  const { locale, t } = ctx;
  return (
    <Layout ctx={ctx} title={t.latestFeatures} description={t.tagline}>
      <h1>{t.latestFeatures}</h1>
      <ul class="feature-list">
        {features.map((f) => (
          <li class="feature-card">
            <a href={`/${locale}/${f.slug}`} lang={f.titleLang}>
              {f.title}
            </a>
            <p class="feature-card-meta">
              {t.entryCount(f.entryCount)}
              {f.publishedAt && (
                <>
                  {' · '}
                  <time dateTime={f.publishedAt}>{formatDate(f.publishedAt, locale)}</time>
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
