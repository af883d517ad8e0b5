import {
  displayName,
  type ArtistPage,
  type ArtistRef,
  type Name,
  type SongCard,
} from '#src/catalog/index.ts';
import type { FeaturePage } from '#src/features/index.ts';
import type { Locale } from '#src/shared/locale.ts';
import { paths } from './paths.ts';

/** schema.org descriptions of our pages, for search engines (rendered as JSON-LD). */

function names(name: Name, locale: Locale): { name: string; alternateName?: string[] } {
  const shown = displayName(name, locale).text;
  const others = [
    ...new Set(
      [name.original, name.romanized, name.en].filter(
        (n): n is string => Boolean(n) && n !== shown,
      ),
    ),
  ];
  return others.length ? { name: shown, alternateName: others } : { name: shown };
}

function artistType(kind: string): string {
  return kind === 'group' || kind === 'unit' ? 'MusicGroup' : 'Person';
}

function artistRef(artist: ArtistRef, locale: Locale, origin: string) {
  return {
    '@type': artistType(artist.kind),
    ...names(artist.name, locale),
    url: origin + paths.artist(locale, artist.slug),
  };
}

export function musicRecording(song: SongCard, locale: Locale, origin: string) {
  const performers = song.credits.filter((c) => c.role === 'vocals' || c.role === 'producer');
  return {
    '@type': 'MusicRecording',
    ...names(song.title, locale),
    url: origin + paths.song(locale, song.slug),
    ...(song.releasedOn ? { datePublished: song.releasedOn } : {}),
    byArtist: (performers.length ? performers : song.credits).map((c) =>
      artistRef(c.artist, locale, origin),
    ),
    ...(song.media.youtube
      ? { sameAs: [`https://www.youtube.com/watch?v=${song.media.youtube}`] }
      : {}),
  };
}

export function featureItemList(feature: FeaturePage, locale: Locale, origin: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'ItemList',
    name: feature.title,
    url: origin + paths.feature(locale, feature.slug),
    numberOfItems: feature.pagination.total,
    ...(feature.publishedAt ? { datePublished: feature.publishedAt } : {}),
    dateModified: feature.updatedAt,
    itemListElement: feature.entries.map((e) => ({
      '@type': 'ListItem',
      position: e.position,
      item: musicRecording(e.song, locale, origin),
    })),
  };
}

export function songDocument(song: SongCard, locale: Locale, origin: string) {
  return { '@context': 'https://schema.org', ...musicRecording(song, locale, origin) };
}

export function artistDocument(
  artist: Pick<ArtistPage, 'slug' | 'kind' | 'name' | 'aliases' | 'members' | 'memberOf'>,
  locale: Locale,
  origin: string,
) {
  const base = names(artist.name, locale);
  return {
    '@context': 'https://schema.org',
    '@type': artistType(artist.kind),
    ...base,
    ...(artist.aliases.length
      ? { alternateName: [...(base.alternateName ?? []), ...artist.aliases] }
      : {}),
    url: origin + paths.artist(locale, artist.slug),
    ...(artist.members.length
      ? { member: artist.members.map((m) => artistRef(m, locale, origin)) }
      : {}),
    ...(artist.memberOf.length
      ? { memberOf: artist.memberOf.map((m) => artistRef(m, locale, origin)) }
      : {}),
  };
}
