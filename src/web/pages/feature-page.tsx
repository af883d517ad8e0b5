import type { FeaturePage, FeatureSummary, EntryView } from '#src/features/index.ts';
import { PAGE_SIZE } from '#src/features/index.ts';
import { EntryCard } from '../components/entry-card.tsx';
import { FeatureCards } from '../components/feature-cards.tsx';
import { Layout } from '../components/layout.tsx';
import { Pagination } from '../components/pagination.tsx';
import { PlaylistView } from '../components/playlist-view.tsx';
import { RankingMethod } from '../components/ranking-method.tsx';
import { formatDate } from '../i18n/index.ts';
import type { PageContext } from '../page-context.ts';
import { paths } from '../paths.ts';
import { featureItemList } from '../structured-data.ts';

export type FeatureView = 'article' | 'playlist';

function sections(entries: EntryView[]): EntryView[][] {
  const out: EntryView[][] = [];
  for (const entry of entries)
    (out[Math.floor((entry.position - 1) / PAGE_SIZE)] ??= []).push(entry);
  return out.filter(Boolean);
}

function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An "untitled" YouTube playlist of the given videos, in order (YouTube takes up to 50). */
export function youtubePlaylistUrl(ids: string[]): string | null {
  return ids.length > 0
    ? `https://www.youtube.com/watch_videos?video_ids=${ids.slice(0, 50).join(',')}`
    : null;
}

function Dateline({ ctx, iso, label }: { ctx: PageContext; iso: string; label: string }) {
  return (
    <span class="dateline">
      {label} <time dateTime={iso}>{formatDate(iso, ctx.locale)}</time>
    </span>
  );
}

interface FeaturePageProps {
  ctx: PageContext;
  feature: FeaturePage;
  similar: FeatureSummary[];
  view: FeatureView;
  /** An editor's preview of the saved state: not indexed, and says so. */
  preview?: boolean;
}

export function FeaturePageView({
  ctx,
  feature,
  similar,
  view,
  preview = false,
}: FeaturePageProps) {
  const { locale, t } = ctx;
  const { page, pageCount, total } = feature.pagination;
  const first = feature.entries[0]?.position ?? 0;
  const last = feature.entries.at(-1)?.position ?? 0;
  const heading = page === null ? feature.title : `${feature.title} ${t.range(first, last)}`;
  const videoIds = feature.entries.flatMap((e) =>
    e.song.media.youtube ? [e.song.media.youtube] : [],
  );
  const playlistUrl = youtubePlaylistUrl(videoIds);
  const viewHref = (v: FeatureView) => {
    const params = new URLSearchParams();
    if (page === null) params.set('all', '1');
    if (v === 'playlist') params.set('view', 'playlist');
    const query = params.toString();
    return `${page === null ? paths.feature(locale, feature.slug) : paths.feature(locale, feature.slug, page)}${query ? `?${query}` : ''}`;
  };

  return (
    <Layout
      ctx={ctx}
      meta={{
        title: heading,
        description: feature.lead ? plainText(feature.lead.html).slice(0, 160) : undefined,
        type: 'article',
        jsonLd: featureItemList(feature, locale, ctx.origin),
        indexable: !preview,
      }}
    >
      {preview && (
        <p class="preview-notice" role="status">
          {t.previewNotice}
        </p>
      )}
      <article class="feature" data-feature={feature.slug}>
        <header class="feature-header">
          {feature.category && (
            <p class="feature-category">
              <a
                href={paths.category(locale, feature.category.slug)}
                lang={feature.category.name.lang}
              >
                {feature.category.name.text}
              </a>
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
                <li>
                  <a href={paths.tag(locale, tag.slug)} lang={tag.name.lang}>
                    {tag.name.text}
                  </a>
                </li>
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
        {feature.ranking && <RankingMethod ranking={feature.ranking} ctx={ctx} />}
        {feature.ranking && total === 0 && <p class="ranking-empty">{t.rankingEmpty}</p>}
        <div class="feature-tools">
          <a class="tool" href={viewHref(view === 'playlist' ? 'article' : 'playlist')}>
            {view === 'playlist' ? t.viewArticle : t.viewPlaylist}
          </a>
          {videoIds.length > 0 && (
            <button class="tool" type="button" data-play-all hidden>
              ▶ {t.playAll}
            </button>
          )}
          {playlistUrl && (
            <a class="tool" href={playlistUrl} rel="noopener" target="_blank">
              {t.openYouTubePlaylist}
            </a>
          )}
        </div>
        {view === 'playlist' ? (
          <PlaylistView entries={feature.entries} ctx={ctx} />
        ) : (
          sections(feature.entries).map((group) => {
            const from = group[0]?.position ?? 0;
            const to = group.at(-1)?.position ?? 0;
            return (
              <section class="entries" aria-labelledby={`range-${from}`}>
                <h2 class="range-heading" id={`range-${from}`}>
                  {t.range(from, to)}
                </h2>
                {group.map((entry) => (
                  <EntryCard entry={entry} ctx={ctx} step={feature.ranking?.step} />
                ))}
              </section>
            );
          })
        )}
        <Pagination ctx={ctx} slug={feature.slug} page={page} pageCount={pageCount} total={total} />
        {(page === null || page === pageCount) && feature.closing && (
          <div
            class="feature-closing"
            lang={feature.closing.lang}
            dangerouslySetInnerHTML={{ __html: feature.closing.html }}
          />
        )}
        <p class="last-updated">
          {t.lastUpdated}{' '}
          <time dateTime={feature.updatedAt}>{formatDate(feature.updatedAt, locale)}</time>
        </p>
        {feature.related.length > 0 && (
          <aside class="related" aria-labelledby="related-heading">
            <h2 id="related-heading">{t.relatedFeatures}</h2>
            <ul>
              {feature.related.map((r) => (
                <li>
                  <a href={paths.feature(locale, r.slug)} lang={r.lang}>
                    {r.title}
                  </a>
                </li>
              ))}
            </ul>
          </aside>
        )}
        {similar.length > 0 && (
          <aside class="similar" aria-labelledby="similar-heading">
            <h2 id="similar-heading">{t.moreLikeThis}</h2>
            <FeatureCards features={similar} ctx={ctx} />
          </aside>
        )}
      </article>
    </Layout>
  );
}
