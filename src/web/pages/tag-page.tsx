import { displayLabel, type TagPage } from '#src/catalog/index.ts';
import type { FeatureSummary } from '#src/features/index.ts';
import { FeatureCards } from '../components/feature-cards.tsx';
import { Layout } from '../components/layout.tsx';
import { SongList } from '../components/song-parts.tsx';
import type { PageContext } from '../page-context.ts';

export function TagPageView({
  ctx,
  tag,
  features,
}: {
  ctx: PageContext;
  tag: TagPage;
  features: FeatureSummary[];
}) {
  const { t } = ctx;
  const name = displayLabel(tag.labels, ctx.locale);
  return (
    <Layout ctx={ctx} meta={{ title: name.text }}>
      <p class="page-kind">{t.tagKind(tag.kind)}</p>
      <h1 lang={name.lang}>{name.text}</h1>
      {features.length > 0 && (
        <section aria-labelledby="tag-features">
          <h2 id="tag-features">{t.tagFeatures}</h2>
          <FeatureCards features={features} ctx={ctx} />
        </section>
      )}
      <section aria-labelledby="tag-songs">
        <h2 id="tag-songs">{t.tagSongs}</h2>
        {tag.songs.length > 0 ? (
          <SongList songs={tag.songs} ctx={ctx} />
        ) : (
          <p class="empty">{t.noFeaturesYet}</p>
        )}
      </section>
    </Layout>
  );
}
