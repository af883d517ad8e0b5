import { displayName, originalBeside } from '#src/catalog/index.ts';
import type { EntryView } from '#src/features/index.ts';
import type { PageContext } from '../page-context.ts';
import { PlayControl } from './play-control.tsx';
import { performerLine, tieInLine } from './song-lines.ts';

const NEW_FOR_DAYS = 30;

export function EntryCard({ entry, ctx }: { entry: EntryView; ctx: PageContext }) {
  const { locale, t } = ctx;
  const { song } = entry;
  const title = displayName(song.title, locale);
  const original = originalBeside(song.title, locale);
  const artist = performerLine(song, locale, t);
  const isNew =
    ctx.clock.now().getTime() - new Date(entry.addedAt).getTime() < NEW_FOR_DAYS * 86_400_000;
  return (
    <article class="entry" id={`entry-${entry.position}`}>
      <div class="entry-head">
        <span class="entry-rank" aria-hidden="true">
          {entry.position}
        </span>
        <div class="entry-names">
          <h3 class="entry-title">
            <span class="song-title" lang={title.lang}>
              {title.text}
            </span>
            {original && (
              <span class="song-original" lang={original.lang}>
                {original.text}
              </span>
            )}
            {isNew && <span class="badge-new">{t.newEntry}</span>}
          </h3>
          <p class="entry-byline">
            <span class="entry-artist">{artist}</span>
            {song.releasedOn && (
              <>
                {' · '}
                <time class="entry-year" dateTime={song.releasedOn}>
                  {song.releasedOn.slice(0, 4)}
                </time>
              </>
            )}
          </p>
          {song.tieIns.map((tieIn) => (
            <p class="entry-tie-in">{tieInLine(tieIn, locale, t)}</p>
          ))}
          {song.coverOf && (
            <p class="entry-cover">{t.coverOf(displayName(song.coverOf.title, locale).text)}</p>
          )}
        </div>
      </div>
      <PlayControl
        t={t}
        title={song.title.original}
        artist={artist}
        youtubeId={song.media.youtube}
      />
      {entry.commentary && (
        <div
          class="commentary"
          lang={entry.commentary.lang}
          dangerouslySetInnerHTML={{ __html: entry.commentary.html }}
        />
      )}
    </article>
  );
}
