import { describe, expect, it } from 'vitest';
import type { SongCard } from '#src/catalog/index.ts';
import { checkNames } from './name-check.ts';

const name = (original: string, romanized: string | null, en: string | null) => ({
  original,
  romanized,
  en,
  zhHant: null,
  ko: null,
});

const shinai: SongCard = {
  id: 1,
  slug: 'shinai',
  title: name('深愛', "Shin'ai", 'Deep love'),
  releasedOn: '2009-01-21',
  credits: [
    {
      role: 'vocals',
      artist: {
        slug: 'nana-mizuki',
        kind: 'person',
        name: name('水樹奈々', 'Mizuki Nana', 'Nana Mizuki'),
      },
      asCharacter: null,
    },
  ],
  tieIns: [
    {
      role: 'opening',
      sequence: 1,
      season: null,
      note: null,
      work: {
        slug: 'white-album',
        kind: 'tv',
        year: 2009,
        title: name('WHITE ALBUM', 'White Album', 'WHITE ALBUM'),
      },
    },
  ],
  media: {},
  coverOf: null,
};

describe('the name check', () => {
  it('flags the other name order in English and a Latin name in Japanese', () => {
    expect(
      checkNames([
        {
          song: shinai,
          commentary: { en: 'Mizuki Nana sings Deep love.', ja: 'Nana Mizukiの代表曲「深愛」。' },
        },
      ]),
    ).toEqual([
      {
        position: 1,
        locale: 'en',
        entity: 'artist',
        wrote: 'Mizuki Nana',
        expected: 'Nana Mizuki',
      },
      { position: 1, locale: 'ja', entity: 'artist', wrote: 'Nana Mizuki', expected: '水樹奈々' },
    ]);
  });

  it('is quiet when each language uses its own names', () => {
    expect(
      checkNames([
        {
          song: shinai,
          commentary: {
            en: 'Nana Mizuki sings Deep love (深愛).',
            ja: '水樹奈々の「深愛」は WHITE ALBUM の主題歌。',
          },
        },
      ]),
    ).toEqual([]);
  });
});
