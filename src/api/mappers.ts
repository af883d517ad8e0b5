import type { z } from 'zod';
import { displayName, type ArtistRef, type Name, type SongCard } from '#src/catalog/index.ts';
import type { FeaturePage } from '#src/features/index.ts';
import { movement, RANKING_TIE_BREAK } from '#src/rankings/index.ts';
import type { Locale } from '#src/shared/locale.ts';
import type { FeatureOut, NameOut, SongOut } from './api.schemas.ts';

export function toName(name: Name, locale: Locale): z.output<typeof NameOut> {
  return {
    original: name.original,
    romanized: name.romanized,
    en: name.en,
    display: displayName(name, locale),
  };
}

function toArtist(artist: ArtistRef, locale: Locale) {
  return { slug: artist.slug, kind: artist.kind, name: toName(artist.name, locale) };
}

export function toSong(song: SongCard, locale: Locale): z.output<typeof SongOut> {
  return {
    slug: song.slug,
    title: toName(song.title, locale),
    releasedOn: song.releasedOn,
    credits: song.credits.map((c) => ({
      role: c.role,
      artist: toArtist(c.artist, locale),
      asCharacter: c.asCharacter ? toArtist(c.asCharacter, locale) : null,
    })),
    tieIns: song.tieIns.map((t) => ({
      role: t.role,
      sequence: t.sequence,
      season: t.season,
      work: {
        slug: t.work.slug,
        kind: t.work.kind,
        year: t.work.year,
        title: toName(t.work.title, locale),
      },
    })),
    media: song.media,
    coverOf: song.coverOf
      ? { slug: song.coverOf.slug, title: toName(song.coverOf.title, locale) }
      : null,
  };
}

export function toFeature(feature: FeaturePage, locale: Locale): z.output<typeof FeatureOut> {
  const localized = (value: { html: string; lang: string } | null) =>
    value ? { text: value.html, lang: value.lang } : null;
  return {
    slug: feature.slug,
    kind: feature.kind,
    title: { text: feature.title, lang: feature.titleLang },
    lead: localized(feature.lead),
    closing: localized(feature.closing),
    byline: feature.byline,
    publishedAt: feature.publishedAt,
    updatedAt: feature.updatedAt,
    category: feature.category,
    tags: feature.tags,
    pagination: feature.pagination,
    ranking: feature.ranking
      ? {
          period: feature.ranking.period,
          from: feature.ranking.from,
          to: feature.ranking.to,
          previousFrom: feature.ranking.previousFrom,
          previousTo: feature.ranking.previousTo,
          refreshedAt: feature.ranking.refreshedAt,
          category: feature.ranking.category,
          tags: feature.ranking.tags,
          tieBreak: RANKING_TIE_BREAK,
        }
      : null,
    entries: feature.entries.map((e) => ({
      position: e.position,
      addedAt: e.addedAt,
      song: toSong(e.song, locale),
      commentary: e.commentary,
      ...(e.standing
        ? {
            standing: {
              ...e.standing,
              movement: movement(e.position, e.standing.previousRank).kind,
            },
          }
        : {}),
    })),
  };
}
