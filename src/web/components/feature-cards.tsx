import type { FeatureSummary } from '#src/features/index.ts';
import { formatDate } from '../i18n/index.ts';
import type { PageContext } from '../page-context.ts';
import { paths } from '../paths.ts';

function teaser(html: string): string {
  const text = html
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

/** Feature teasers: title, count, date and the start of the lead. */
export function FeatureCards({
  features,
  ctx,
  position,
}: {
  features: (FeatureSummary & { position?: number })[];
  ctx: PageContext;
  position?: boolean;
}) {
  const { locale, t } = ctx;
  if (features.length === 0) return <p class="empty">{t.noFeaturesYet}</p>;
  return (
    <ul class="feature-list">
      {features.map((f) => (
        <li class="feature-card">
          <a class="feature-card-title" href={paths.feature(locale, f.slug)} lang={f.titleLang}>
            {position && f.position ? (
              <span class="feature-card-position">{t.positionIn(f.position)} </span>
            ) : null}
            {f.title}
          </a>
          {f.lead && (
            <p class="feature-card-lead" lang={f.titleLang}>
              {teaser(f.lead)}
            </p>
          )}
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
  );
}
