import {
  displayName,
  originalBeside,
  type Credit,
  type SongCard,
  type TieIn,
} from '#src/catalog/index.ts';
import type { PageContext } from '../page-context.ts';
import { paths } from '../paths.ts';

function CreditName({ credit, ctx }: { credit: Credit; ctx: PageContext }) {
  const { locale, t } = ctx;
  const artist = displayName(credit.artist.name, locale);
  const link = (
    <a href={paths.artist(locale, credit.artist.slug)} lang={artist.lang}>
      {artist.text}
    </a>
  );
  if (!credit.asCharacter) return link;
  const character = displayName(credit.asCharacter.name, locale);
  // The message puts the two names in the order the language wants.
  const [before, after] = t.asCharacter('\u0000', '\u0001').split('\u0000');
  const [middle, end] = (after ?? '').split('\u0001');
  return (
    <>
      {before}
      <a href={paths.artist(locale, credit.asCharacter.slug)} lang={character.lang}>
        {character.text}
      </a>
      {middle}
      {link}
      {end}
    </>
  );
}

function joined(items: preact.JSX.Element[], separator: string) {
  return items.flatMap((item, i) => (i === 0 ? [item] : [<>{separator}</>, item]));
}

/** Who the song is by, each name a link: singers, or "producer feat. voice". */
export function Performers({ song, ctx }: { song: SongCard; ctx: PageContext }) {
  const { t } = ctx;
  const names = (role: string) =>
    song.credits.filter((c) => c.role === role).map((c) => <CreditName credit={c} ctx={ctx} />);
  const vocals = names('vocals');
  const producers = names('producer');
  if (producers.length > 0 && vocals.length > 0) {
    const [before, after] = t.featuring('\u0000', '\u0001').split('\u0000');
    const [middle, end] = (after ?? '').split('\u0001');
    return (
      <>
        {before}
        {joined(producers, t.listSeparator)}
        {middle}
        {joined(vocals, t.listSeparator)}
        {end}
      </>
    );
  }
  const shown =
    vocals.length > 0
      ? vocals
      : producers.length > 0
        ? producers
        : song.credits.map((c) => <CreditName credit={c} ctx={ctx} />);
  return <>{joined(shown, t.listSeparator)}</>;
}

/** "Opening theme 1 · WHITE ALBUM (2009)" with the work linked. */
export function TieInText({ tieIn, ctx }: { tieIn: TieIn; ctx: PageContext }) {
  const { locale, t } = ctx;
  const work = displayName(tieIn.work.title, locale);
  const label = t.workWithYear(
    tieIn.season ? `${work.text} ${tieIn.season}` : work.text,
    tieIn.work.kind,
    tieIn.work.year,
  );
  return (
    <>
      {t.tieInRole(tieIn.role, tieIn.sequence)} ·{' '}
      <a href={paths.work(locale, tieIn.work.slug)} lang={work.lang}>
        {label}
      </a>
    </>
  );
}

export function SongTitle({
  song,
  ctx,
  link = true,
}: {
  song: SongCard;
  ctx: PageContext;
  link?: boolean;
}) {
  const title = displayName(song.title, ctx.locale);
  const original = originalBeside(song.title, ctx.locale);
  return (
    <>
      {link ? (
        <a class="song-title" href={paths.song(ctx.locale, song.slug)} lang={title.lang}>
          {title.text}
        </a>
      ) : (
        <span class="song-title" lang={title.lang}>
          {title.text}
        </span>
      )}
      {original && (
        <span class="song-original" lang={original.lang}>
          {original.text}
        </span>
      )}
    </>
  );
}

/** A compact list of songs: title, artists, first tie-in and year, one item each. */
export function SongList({
  songs,
  ctx,
  showTieIn = true,
}: {
  songs: SongCard[];
  ctx: PageContext;
  /** False where the page is the work itself. */
  showTieIn?: boolean;
}) {
  return (
    <ul class="song-list">
      {songs.map((song) => (
        <li class="song-row">
          <p class="song-row-title">
            <SongTitle song={song} ctx={ctx} />
          </p>
          <p class="song-row-meta">
            <span class="entry-artist">
              <Performers song={song} ctx={ctx} />
            </span>
            {song.releasedOn && <> · {song.releasedOn.slice(0, 4)}</>}
          </p>
          {showTieIn && song.tieIns[0] && (
            <p class="song-row-tie-in">
              <TieInText tieIn={song.tieIns[0]} ctx={ctx} />
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
