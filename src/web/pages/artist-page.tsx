import { displayName, type ArtistPage, type ArtistRef, type SongCard } from '#src/catalog/index.ts';
import { Layout } from '../components/layout.tsx';
import { SongList } from '../components/song-parts.tsx';
import type { PageContext } from '../page-context.ts';
import { paths } from '../paths.ts';
import { artistDocument } from '../structured-data.ts';

function ArtistLinks({ artists, ctx }: { artists: ArtistRef[]; ctx: PageContext }) {
  return (
    <>
      {artists.map((a, i) => {
        const name = displayName(a.name, ctx.locale);
        return (
          <>
            {i > 0 && ctx.t.listSeparator}
            <a href={paths.artist(ctx.locale, a.slug)} lang={name.lang}>
              {name.text}
            </a>
          </>
        );
      })}
    </>
  );
}

/** Songs grouped by release year, newest first; songs without a date last. */
function byYear(songs: SongCard[]): [string, SongCard[]][] {
  const groups = new Map<string, SongCard[]>();
  for (const song of songs) {
    const year = song.releasedOn?.slice(0, 4) ?? '—';
    groups.set(year, [...(groups.get(year) ?? []), song]);
  }
  return [...groups.entries()].sort(([a], [b]) =>
    a === '—' ? 1 : b === '—' ? -1 : b.localeCompare(a),
  );
}

export function ArtistPageView({ ctx, artist }: { ctx: PageContext; artist: ArtistPage }) {
  const { locale, t } = ctx;
  const name = displayName(artist.name, locale);
  const others = [artist.name.original, artist.name.romanized, artist.name.en].filter(
    (n, i, all): n is string => Boolean(n) && n !== name.text && all.indexOf(n) === i,
  );
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: name.text,
        type: 'profile',
        jsonLd: artistDocument(artist, locale, ctx.origin),
      }}
    >
      <article class="detail">
        <p class="page-kind">{t.artistKind(artist.kind)}</p>
        <h1 lang={name.lang}>{name.text}</h1>
        {others.length > 0 && <p class="detail-names">{others.join(' · ')}</p>}
        {artist.aliases.length + artist.members.length + artist.memberOf.length > 0 && (
          <dl class="facts">
            {artist.aliases.length > 0 && (
              <>
                <dt>{t.alsoKnownAs}</dt>
                <dd>{artist.aliases.join(t.listSeparator)}</dd>
              </>
            )}
            {artist.members.length > 0 && (
              <>
                <dt>{t.members}</dt>
                <dd>
                  <ArtistLinks artists={artist.members} ctx={ctx} />
                </dd>
              </>
            )}
            {artist.memberOf.length > 0 && (
              <>
                <dt>{t.memberOf}</dt>
                <dd>
                  <ArtistLinks artists={artist.memberOf} ctx={ctx} />
                </dd>
              </>
            )}
          </dl>
        )}
        <section aria-labelledby="songs-heading">
          <h2 id="songs-heading">{t.songsByArtist}</h2>
          {byYear(artist.songs).map(([year, songs]) => (
            <section class="year-group" aria-label={year}>
              <h3>{year}</h3>
              <SongList songs={songs} ctx={ctx} />
            </section>
          ))}
        </section>
      </article>
    </Layout>
  );
}
