import { displayLabel, displayName, type SongCard, type SongPage } from '#src/catalog/index.ts';
import type { FeatureSummary } from '#src/features/index.ts';
import { FeatureCards } from '../components/feature-cards.tsx';
import { Layout } from '../components/layout.tsx';
import { PlayControl } from '../components/play-control.tsx';
import { performerLine } from '../components/song-lines.ts';
import { Performers, SongList, TieInText } from '../components/song-parts.tsx';
import type { PageContext } from '../page-context.ts';
import { paths } from '../paths.ts';
import { songDocument } from '../structured-data.ts';

interface SongPageProps {
  ctx: PageContext;
  page: SongPage;
  features: (FeatureSummary & { position: number })[];
  similar: SongCard[];
}

export function SongPageView({ ctx, page, features, similar }: SongPageProps) {
  const { locale, t } = ctx;
  const { song } = page;
  const title = displayName(song.title, locale);
  const artist = performerLine(song, locale, t);
  const scripts = [
    [t.originalTitle, song.title.original, 'ja'],
    [t.romanization, song.title.romanized, 'ja-Latn'],
    [t.englishTitle, song.title.en, 'en'],
  ].filter((row): row is [string, string, string] => Boolean(row[1]));
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: `${title.text} — ${artist}`,
        description: `${title.text} · ${artist}`,
        type: 'music.song',
        jsonLd: songDocument(song, locale, ctx.origin),
      }}
    >
      <article class="detail">
        <p class="page-kind">{t.songs}</p>
        <h1 lang={title.lang}>{title.text}</h1>
        <p class="detail-artist">
          <Performers song={song} ctx={ctx} />
        </p>
        <PlayControl
          t={t}
          song={song.slug}
          title={song.title.original}
          artist={artist}
          youtubeId={song.media.youtube}
        />
        <dl class="facts">
          {scripts.map(([label, value, lang]) => (
            <>
              <dt>{label}</dt>
              <dd lang={lang}>{value}</dd>
            </>
          ))}
          {page.aliases.length > 0 && (
            <>
              <dt>{t.alsoKnownAs}</dt>
              <dd>{page.aliases.join(t.listSeparator)}</dd>
            </>
          )}
          {song.releasedOn && (
            <>
              <dt>{t.released}</dt>
              <dd>
                <time dateTime={song.releasedOn}>{song.releasedOn}</time>
              </dd>
            </>
          )}
          {song.coverOf && (
            <>
              <dt>{t.originalSong}</dt>
              <dd>
                <a
                  href={paths.song(locale, song.coverOf.slug)}
                  lang={displayName(song.coverOf.title, locale).lang}
                >
                  {displayName(song.coverOf.title, locale).text}
                </a>
              </dd>
            </>
          )}
        </dl>
        <section aria-labelledby="credits-heading">
          <h2 id="credits-heading">{t.credits}</h2>
          <dl class="facts">
            {song.credits.map((c) => {
              const name = displayName(c.artist.name, locale);
              const character = c.asCharacter ? displayName(c.asCharacter.name, locale) : null;
              return (
                <>
                  <dt>{t.creditRole(c.role)}</dt>
                  <dd>
                    <a href={paths.artist(locale, c.artist.slug)} lang={name.lang}>
                      {name.text}
                    </a>
                    {character && c.asCharacter && (
                      <>
                        {' '}
                        ({t.artistKind('character')}:{' '}
                        <a href={paths.artist(locale, c.asCharacter.slug)} lang={character.lang}>
                          {character.text}
                        </a>
                        )
                      </>
                    )}
                  </dd>
                </>
              );
            })}
          </dl>
        </section>
        {song.tieIns.length > 0 && (
          <section aria-labelledby="tie-ins-heading">
            <h2 id="tie-ins-heading">{t.tieIns}</h2>
            <ul class="plain-list">
              {song.tieIns.map((tieIn) => (
                <li>
                  <TieInText tieIn={tieIn} ctx={ctx} />
                  {tieIn.note && (
                    <span class="note" lang="en">
                      {' '}
                      — {tieIn.note}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
        {page.tags.length > 0 && (
          <ul class="tag-list" aria-label={t.tags}>
            {page.tags.map((tag) => {
              const label = displayLabel(tag.labels, locale);
              return (
                <li>
                  <a href={paths.tag(locale, tag.slug)} lang={label.lang}>
                    {label.text}
                  </a>
                </li>
              );
            })}
          </ul>
        )}
        {page.covers.length > 0 && (
          <section aria-labelledby="covers-heading">
            <h2 id="covers-heading">{t.covers}</h2>
            <SongList songs={page.covers} ctx={ctx} />
          </section>
        )}
        {features.length > 0 && (
          <section aria-labelledby="features-heading">
            <h2 id="features-heading">{t.inFeatures}</h2>
            <FeatureCards features={features} ctx={ctx} position />
          </section>
        )}
        {similar.length > 0 && (
          <section aria-labelledby="similar-heading">
            <h2 id="similar-heading">{t.songsLike}</h2>
            <SongList songs={similar} ctx={ctx} />
          </section>
        )}
      </article>
    </Layout>
  );
}
