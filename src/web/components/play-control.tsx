import type { Messages } from '../i18n/index.ts';

interface PlayControlProps {
  t: Messages;
  /** The song's slug: starting it sends a play (assets/site.js). */
  song: string;
  title: string;
  artist: string;
  youtubeId: string | undefined;
}

/**
 * A YouTube facade: a thumbnail and a button that become the player only when
 * pressed (assets/site.js), so a page of ten songs loads no third-party script.
 * Without a known video, a link searches YouTube for the song instead; we never
 * guess a video id.
 */
export function PlayControl({ t, song, title, artist, youtubeId }: PlayControlProps) {
  if (!youtubeId) {
    const query = encodeURIComponent(`${title} ${artist}`);
    return (
      <a
        class="play play-search"
        data-play-song={song}
        href={`https://www.youtube.com/results?search_query=${query}`}
        rel="noopener"
        target="_blank"
      >
        <span class="play-icon" aria-hidden="true">
          ▶
        </span>
        {t.searchOnYouTube}
      </a>
    );
  }
  return (
    <div class="play play-video" data-youtube={youtubeId} data-play-song={song}>
      <a
        class="play-facade"
        href={`https://www.youtube.com/watch?v=${youtubeId}`}
        aria-label={t.play(title)}
      >
        <img
          src={`https://i.ytimg.com/vi/${youtubeId}/hqdefault.jpg`}
          alt=""
          loading="lazy"
          width={480}
          height={360}
        />
        <span class="play-button" aria-hidden="true">
          ▶
        </span>
      </a>
    </div>
  );
}
