import { displayName, type WorkPage } from '#src/catalog/index.ts';
import { Layout } from '../components/layout.tsx';
import { SongList } from '../components/song-parts.tsx';
import { formatDate } from '../i18n/index.ts';
import type { PageContext } from '../page-context.ts';

const INFO_SITES: Record<string, { label: string; url: (id: string) => string }> = {
  mal: { label: 'MyAnimeList', url: (id) => `https://myanimelist.net/anime/${id}` },
  anilist: { label: 'AniList', url: (id) => `https://anilist.co/anime/${id}` },
  anidb: { label: 'AniDB', url: (id) => `https://anidb.net/anime/${id}` },
  bangumi: { label: 'Bangumi', url: (id) => `https://bangumi.tv/subject/${id}` },
};

/** The language a streaming service names itself in, judged by where it is offered. */
function serviceLang(regions: string[]): string | undefined {
  if (regions.length === 0) return undefined;
  if (regions.every((r) => r === 'JP')) return 'ja';
  if (regions.every((r) => r === 'CN')) return 'zh-Hans';
  if (regions.every((r) => ['TW', 'HK', 'MO'].includes(r))) return 'zh-Hant';
  return undefined;
}

export function WorkPageView({ ctx, work }: { ctx: PageContext; work: WorkPage }) {
  const { locale, t } = ctx;
  const title = displayName(work.title, locale);
  const others = [
    work.title.original,
    work.title.romanized,
    work.title.en,
    work.title.zhHant,
  ].filter((n, i, all): n is string => Boolean(n) && n !== title.text && all.indexOf(n) === i);
  const roles = [...new Set(work.songs.map((s) => s.role))];
  const streaming = work.links.filter((l) => l.kind === 'streaming');
  return (
    <Layout
      ctx={ctx}
      meta={{ title: title.text, type: work.kind === 'movie' ? 'video.movie' : 'video.tv_show' }}
    >
      <article class="detail">
        <p class="page-kind">
          {t.workKind(work.kind)}
          {work.year ? ` · ${work.year}` : ''}
        </p>
        <h1 lang={title.lang}>{title.text}</h1>
        {others.length > 0 && <p class="detail-names">{others.join(' · ')}</p>}
        {work.firstAired && (
          <p class="detail-dates">
            {t.aired(
              formatDate(work.firstAired, locale),
              work.lastAired ? formatDate(work.lastAired, locale) : null,
            )}
          </p>
        )}
        {work.aliases.length > 0 && (
          <p class="detail-names">
            {t.alsoKnownAs}: {work.aliases.join(t.listSeparator)}
          </p>
        )}
        <section aria-labelledby="songs-heading">
          <h2 id="songs-heading">{t.songsOfWork}</h2>
          {roles.map((role) => (
            <section class="role-group" aria-label={t.tieInRole(role, null)}>
              <h3>{t.tieInRole(role, null)}</h3>
              <ol class="role-list">
                {work.songs
                  .filter((s) => s.role === role)
                  .map((s) => (
                    <li>
                      <span class="role-label">
                        {t.tieInRole(s.role, s.sequence)}
                        {s.season ? ` · ${s.season}` : ''}
                      </span>
                      <SongList songs={[s.song]} ctx={ctx} showTieIn={false} />
                    </li>
                  ))}
              </ol>
            </section>
          ))}
        </section>
        <section aria-labelledby="watch-heading" id="where-to-watch">
          <h2 id="watch-heading">{t.whereToWatch}</h2>
          {streaming.length > 0 ? (
            <ul class="watch-list">
              {streaming.map((l) => (
                <li>
                  <a
                    class="watch-link"
                    href={l.url}
                    rel="noopener nofollow"
                    lang={serviceLang(l.regions)}
                  >
                    {l.label}
                  </a>
                  {l.regions.length > 0 && (
                    <span class="regions"> {t.regions(l.regions.join(', '))}</span>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">{t.noWatchLinks}</p>
          )}
        </section>
        {(work.officialSite || Object.keys(work.externalIds).length > 0) && (
          <section aria-labelledby="more-heading">
            <h2 id="more-heading">{t.moreAboutWork}</h2>
            <ul class="plain-list">
              {work.officialSite && (
                <li>
                  <a href={work.officialSite} rel="noopener nofollow">
                    {t.officialSite}
                  </a>
                </li>
              )}
              {Object.entries(work.externalIds).flatMap(([source, id]) => {
                const site = INFO_SITES[source];
                return site
                  ? [
                      <li>
                        <a href={site.url(id)} rel="noopener nofollow">
                          {site.label}
                        </a>
                      </li>,
                    ]
                  : [];
              })}
            </ul>
          </section>
        )}
      </article>
    </Layout>
  );
}
