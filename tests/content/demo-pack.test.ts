import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_TITLES } from '#tests/factories/seed.ts';
import { readContentPack } from '#src/content-pack/index.ts';

const pack = readContentPack(path.resolve('content'));
const songs = new Map(pack.songs.map((s) => [s.value.slug, s.value]));
const feature = (slug: string) => pack.features.find((f) => f.value.slug === slug)?.value;

describe('the demo content pack', () => {
  it('holds the seed feature with the seed’s seven songs at positions 21–27', () => {
    const heartbreak = feature('anime-heartbreak-songs');
    expect(heartbreak?.category).toBe('anime-songs');
    expect(heartbreak?.tags).toEqual(expect.arrayContaining(['heartbreak', 'sad', 'bittersweet']));
    expect(heartbreak?.entries?.length).toBeGreaterThanOrEqual(27);
    const seed = heartbreak?.entries?.slice(20, 27).map((e) => songs.get(e.song)?.title.en);
    expect(seed).toEqual(SEED_TITLES);
  });

  it('has at least four features of ten or more entries, each written in English and Japanese', () => {
    const curated = pack.features.filter(({ value: f }) => f.kind !== 'ranking');
    expect(curated.length).toBeGreaterThanOrEqual(4);
    for (const { value: f } of curated) {
      expect(f.entries?.length, f.slug).toBeGreaterThanOrEqual(10);
      for (const locale of ['en', 'ja'] as const) {
        expect(f.text[locale]?.title, `${f.slug} ${locale} title`).toBeTruthy();
        expect(f.text[locale]?.lead, `${f.slug} ${locale} lead`).toBeTruthy();
        f.entries?.forEach((e, i) =>
          expect(e.commentary?.[locale], `${f.slug} entry ${i + 1} ${locale}`).toBeTruthy(),
        );
      }
    }
  });

  it('has at least three rankings, each saying what it ranks in English and Japanese', () => {
    const rankings = pack.features.filter(({ value: f }) => f.kind === 'ranking');
    expect(rankings.length).toBeGreaterThanOrEqual(3);
    for (const { value: f } of rankings) {
      expect(f.ranking?.period, f.slug).toBeTruthy();
      for (const locale of ['en', 'ja'] as const) {
        expect(f.text[locale]?.title, `${f.slug} ${locale} title`).toBeTruthy();
        expect(f.text[locale]?.lead, `${f.slug} ${locale} lead`).toBeTruthy();
      }
    }
  });

  it('gives every song its original title, romanization and English title', () => {
    for (const { value: s } of pack.songs) {
      expect([s.slug, Boolean(s.title.original && s.title.romanized && s.title.en)]).toEqual([
        s.slug,
        true,
      ]);
    }
  });

  it('gives every artist a name in both scripts', () => {
    for (const { value: a } of pack.artists) {
      expect([a.slug, Boolean(a.name.original && (a.name.romanized || a.name.en))]).toEqual([
        a.slug,
        true,
      ]);
    }
  });
});
