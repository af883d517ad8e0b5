import { displayLabel, type Category } from '#src/catalog/index.ts';
import type { FeatureSummary } from '#src/features/index.ts';
import { FeatureCards } from '../components/feature-cards.tsx';
import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../page-context.ts';

export function CategoryPageView({
  ctx,
  category,
  features,
}: {
  ctx: PageContext;
  category: Category;
  features: FeatureSummary[];
}) {
  const name = displayLabel(category.labels, ctx.locale);
  return (
    <Layout ctx={ctx} meta={{ title: name.text }}>
      <p class="page-kind">{ctx.t.nav.categories}</p>
      <h1 lang={name.lang}>{name.text}</h1>
      <FeatureCards features={features} ctx={ctx} />
    </Layout>
  );
}
