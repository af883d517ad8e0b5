import type {
  ArtistInput,
  CategoryInput,
  SongInput,
  TagInput,
  WorkInput,
} from '#src/catalog/index.ts';
import type { FeatureInput } from '#src/features/index.ts';

/** A small, real-world catalog used across tests: the Anohana cover of "secret base". */
export const sampleCategories: CategoryInput[] = [
  { slug: 'anime-songs', name: { en: 'Anime songs', ja: 'アニソン' } },
];

export const sampleTags: TagInput[] = [
  { slug: 'heartbreak', kind: 'mood', name: { en: 'Heartbreak', ja: '失恋' } },
  { slug: 'ballad', kind: 'genre', name: { en: 'Ballad', ja: 'バラード' } },
];

export const sampleArtists: ArtistInput[] = [
  { slug: 'zone', kind: 'group', name: { original: 'ZONE', romanized: 'ZONE', en: 'ZONE' } },
  {
    slug: 'ai-kayano',
    kind: 'person',
    name: { original: '茅野愛衣', romanized: 'Kayano Ai', en: 'Ai Kayano' },
  },
  {
    slug: 'haruka-tomatsu',
    kind: 'person',
    name: { original: '戸松遥', romanized: 'Tomatsu Haruka', en: 'Haruka Tomatsu' },
  },
  {
    slug: 'saori-hayami',
    kind: 'person',
    name: { original: '早見沙織', romanized: 'Hayami Saori', en: 'Saori Hayami' },
  },
  {
    slug: 'meiko-honma',
    kind: 'character',
    name: { original: '本間芽衣子', romanized: 'Honma Meiko', en: 'Meiko Honma' },
  },
  {
    slug: 'naruko-anjou',
    kind: 'character',
    name: { original: '安城鳴子', romanized: 'Anjō Naruko', en: 'Naruko Anjou' },
  },
  {
    slug: 'chiriko-tsurumi',
    kind: 'character',
    name: { original: '鶴見知利子', romanized: 'Tsurumi Chiriko', en: 'Chiriko Tsurumi' },
  },
  {
    slug: 'nana-mizuki',
    kind: 'person',
    name: { original: '水樹奈々', romanized: 'Mizuki Nana', en: 'Nana Mizuki' },
  },
];

export const sampleWorks: WorkInput[] = [
  {
    slug: 'anohana',
    kind: 'tv',
    title: {
      original: 'あの日見た花の名前を僕達はまだ知らない。',
      romanized: 'Ano Hi Mita Hana no Namae o Bokutachi wa Mada Shiranai',
      en: 'Anohana: The Flower We Saw That Day',
    },
    aliases: ['あの花', 'Anohana'],
    year: 2011,
  },
  {
    slug: 'white-album',
    kind: 'tv',
    title: { original: 'WHITE ALBUM', romanized: 'White Album' },
    year: 2009,
  },
];

export const sampleSongs: SongInput[] = [
  {
    slug: 'secret-base-anohana',
    title: {
      original: 'secret base ~君がくれたもの~ (10 years after Ver.)',
      romanized: 'secret base ~Kimi ga Kureta Mono~ (10 years after Ver.)',
      en: 'secret base ~What You Gave Me~',
    },
    released: 2011,
    credits: [
      { artist: 'ai-kayano', role: 'vocals', as: 'meiko-honma' },
      { artist: 'haruka-tomatsu', role: 'vocals', as: 'naruko-anjou' },
      { artist: 'saori-hayami', role: 'vocals', as: 'chiriko-tsurumi' },
    ],
    cover_of: 'secret-base',
    tie_ins: [{ work: 'anohana', role: 'ending' }],
    tags: ['heartbreak'],
  },
  {
    slug: 'secret-base',
    title: {
      original: 'secret base ~君がくれたもの~',
      romanized: 'secret base ~Kimi ga Kureta Mono~',
    },
    released: '2001-08-08',
    credits: [{ artist: 'zone', role: 'vocals' }],
  },
  {
    slug: 'shinai',
    title: { original: '深愛', romanized: "Shin'ai", en: 'Deep love' },
    released: '2009-01-21',
    credits: [{ artist: 'nana-mizuki', role: 'vocals' }],
    tie_ins: [{ work: 'white-album', role: 'opening', sequence: 1 }],
    tags: ['heartbreak', 'ballad'],
    media: { youtube: 'AAAAAAAAAAA' },
  },
];

/** A feature of `count` entries cycling through the sample songs is not allowed (no repeats), so tests build their own. */
export function sampleFeature(overrides: Partial<FeatureInput> = {}): FeatureInput {
  return {
    slug: 'test-feature',
    category: 'anime-songs',
    tags: ['heartbreak'],
    byline: 'Test editor',
    published: '2026-10-01',
    updated: '2026-11-01',
    text: {
      en: { title: 'Songs for testing', lead: 'A *lead*.', closing: 'The end.' },
      ja: { title: 'テスト特集', lead: 'リード文。', closing: 'おわり。' },
    },
    entries: [
      { song: 'shinai', commentary: { en: 'English one.', ja: '日本語その一。' } },
      { song: 'secret-base-anohana', commentary: { en: 'English two ||spoiler||.' } },
    ],
    ...overrides,
  };
}
