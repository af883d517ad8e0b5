import { displayName, type Credit, type SongCard } from '#src/catalog/index.ts';
import type { Locale } from '#src/shared/locale.ts';
import type { Messages } from '../i18n/index.ts';

function creditName(credit: Credit, locale: Locale, t: Messages): string {
  const artist = displayName(credit.artist.name, locale).text;
  return credit.asCharacter
    ? t.asCharacter(displayName(credit.asCharacter.name, locale).text, artist)
    : artist;
}

/**
 * Who a reader would say the song is by: the singers, or for producer songs
 * (Vocaloid and the like) "producer feat. voice".
 */
export function performerLine(song: SongCard, locale: Locale, t: Messages): string {
  const names = (role: string) =>
    song.credits.filter((c) => c.role === role).map((c) => creditName(c, locale, t));
  const vocals = names('vocals').join(t.listSeparator);
  const producers = names('producer').join(t.listSeparator);
  if (producers && vocals) return t.featuring(producers, vocals);
  return (
    vocals || producers || song.credits.map((c) => creditName(c, locale, t)).join(t.listSeparator)
  );
}
