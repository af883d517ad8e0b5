import type { EntryView } from '#src/features/index.ts';
import type { PageContext } from '../page-context.ts';
import { PlayControl } from './play-control.tsx';
import { RankingStanding } from './ranking-standing.tsx';
import { performerLine } from './song-lines.ts';
import { Performers, SongTitle, TieInText } from './song-parts.tsx';

const NEW_FOR_DAYS = 30;

export function isNewEntry(entry: EntryView, ctx: PageContext): boolean {
  return ctx.clock.now().getTime() - new Date(entry.addedAt).getTime() < NEW_FOR_DAYS * 86_400_000;
}

export function EntryCard({
  entry,
  ctx,
  step = 'month',
}: {
  entry: EntryView;
  ctx: PageContext;
  /** A ranking's trend steps. */
  step?: 'month' | 'day' | undefined;
}) {
  const { locale, t } = ctx;
  const { song } = entry;
  return (
    <article class="entry" id={`entry-${entry.position}`} data-youtube-id={song.media.youtube}>
      <div class="entry-head">
        <span class="entry-rank" aria-hidden="true">
          {entry.position}
        </span>
        <div class="entry-names">
          <h3 class="entry-title">
            <SongTitle song={song} ctx={ctx} />
            {!entry.standing && isNewEntry(entry, ctx) && (
              <span class="badge-new">{t.newEntry}</span>
            )}
          </h3>
          <p class="entry-byline">
            <span class="entry-artist">
              <Performers song={song} ctx={ctx} />
            </span>
            {song.releasedOn && (
              <>
                {' · '}
                <time class="entry-year" dateTime={song.releasedOn}>
                  {song.releasedOn.slice(0, 4)}
                </time>
              </>
            )}
          </p>
          {entry.standing && (
            <RankingStanding
              rank={entry.position}
              standing={entry.standing}
              step={step}
              ctx={ctx}
            />
          )}
          {song.tieIns.map((tieIn) => (
            <p class="entry-tie-in">
              <TieInText tieIn={tieIn} ctx={ctx} />
            </p>
          ))}
        </div>
      </div>
      <PlayControl
        t={t}
        song={song.slug}
        title={song.title.original}
        artist={performerLine(song, locale, t)}
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
