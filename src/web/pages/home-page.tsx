import type { Category, TagRef } from '#src/catalog/index.ts';
import { displayLabel } from '#src/catalog/index.ts';
import type { FeatureSummary } from '#src/features/index.ts';
import { FeatureCards } from '../components/feature-cards.tsx';
import { Layout } from '../components/layout.tsx';
import { TagCloud } from '../components/tag-cloud.tsx';
import type { PageContext } from '../page-context.ts';
import { paths } from '../paths.ts';

interface HomeProps {
  ctx: PageContext;
  latest: FeatureSummary[];
  /** Ranking features computed from plays; the section appears once there are any. */
  rankings: FeatureSummary[];
  categories: Category[];
  tags: TagRef[];
}

export function HomePageView({ ctx, latest, rankings, categories, tags }: HomeProps) {
  const { locale, t } = ctx;
  return (
    <Layout ctx={ctx} meta={{ title: t.homeTitle, description: t.homeIntro }}>
      <section class="hero">
        <h1>{t.homeTitle}</h1>
        <p>{t.homeIntro}</p>
      </section>
      <section aria-labelledby="latest-heading">
        <h2 id="latest-heading">{t.latestFeatures}</h2>
        <FeatureCards features={latest} ctx={ctx} />
      </section>
      {rankings.length > 0 && (
        <section aria-labelledby="rankings-heading">
          <h2 id="rankings-heading">{t.rankings}</h2>
          <FeatureCards features={rankings} ctx={ctx} />
        </section>
      )}
      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading">{t.categories}</h2>
        <ul class="chip-list">
          {categories.map((c) => {
            const name = displayLabel(c.labels, locale);
            return (
              <li>
                <a class="chip" href={paths.category(locale, c.slug)} lang={name.lang}>
                  {name.text}
                </a>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="tags-heading">
        <h2 id="tags-heading">{t.browseTags}</h2>
        <TagCloud tags={tags} ctx={ctx} />
      </section>
    </Layout>
  );
}
