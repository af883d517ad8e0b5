import type { EntryView } from '#src/features/index.ts';
import type { PageContext } from '../page-context.ts';
import { isNewEntry } from './entry-card.tsx';
import { performerLine } from './song-lines.ts';
import { Performers, SongTitle, TieInText } from './song-parts.tsx';

/** One line per entry: rank, title, artist, tie-in and a play button. */
export function PlaylistView({ entries, ctx }: { entries: EntryView[]; ctx: PageContext }) {
  const { locale, t } = ctx;
  return (
    <ol class="playlist" start={entries[0]?.position ?? 1}>
      {entries.map((entry) => {
        const { song } = entry;
        const id = song.media.youtube;
        const href = id
          ? `https://www.youtube.com/watch?v=${id}`
          : `https://www.youtube.com/results?search_query=${encodeURIComponent(`${song.title.original} ${performerLine(song, locale, t)}`)}`;
        return (
          <li class="playlist-row" id={`entry-${entry.position}`} data-youtube-id={id}>
            <span class="playlist-rank">{entry.position}</span>
            <span class="playlist-main">
              <span class="playlist-title">
                <SongTitle song={song} ctx={ctx} />
                {isNewEntry(entry, ctx) && <span class="badge-new">{t.newEntry}</span>}
              </span>
              <span class="playlist-artist">
                <Performers song={song} ctx={ctx} />
              </span>
              {song.tieIns[0] && (
                <span class="playlist-tie-in">
                  <TieInText tieIn={song.tieIns[0]} ctx={ctx} />
                </span>
              )}
            </span>
            <a
              class="playlist-play"
              data-play-song={song.slug}
              href={href}
              rel="noopener"
              target="_blank"
              aria-label={
                id ? t.play(song.title.original) : `${t.searchOnYouTube}: ${song.title.original}`
              }
            >
              ▶
            </a>
          </li>
        );
      })}
    </ol>
  );
}
