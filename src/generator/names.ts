/**
 * Names for a synthetic catalog, built from common Japanese words with their readings the
 * way real titles and names are, plus English, Chinese and Korean forms for some of them.
 */
// Words with their readings; titles are built from them the way real titles are.
export const NOUNS: [string, string][] = [
  ['恋', 'koi'],
  ['夢', 'yume'],
  ['空', 'sora'],
  ['雨', 'ame'],
  ['花', 'hana'],
  ['春', 'haru'],
  ['夏', 'natsu'],
  ['秋', 'aki'],
  ['冬', 'fuyu'],
  ['星', 'hoshi'],
  ['月', 'tsuki'],
  ['光', 'hikari'],
  ['風', 'kaze'],
  ['海', 'umi'],
  ['涙', 'namida'],
  ['心', 'kokoro'],
  ['声', 'koe'],
  ['君', 'kimi'],
  ['夜', 'yoru'],
  ['朝', 'asa'],
  ['道', 'michi'],
  ['街', 'machi'],
  ['歌', 'uta'],
  ['約束', 'yakusoku'],
  ['奇跡', 'kiseki'],
  ['未来', 'mirai'],
  ['記憶', 'kioku'],
  ['世界', 'sekai'],
  ['桜', 'sakura'],
  ['蛍', 'hotaru'],
  ['花火', 'hanabi'],
  ['手紙', 'tegami'],
  ['季節', 'kisetsu'],
  ['永遠', 'eien'],
  ['初恋', 'hatsukoi'],
  ['物語', 'monogatari'],
  ['東京', 'tōkyō'],
  ['放課後', 'hōkago'],
  ['メロディ', 'merodi'],
  ['ダンス', 'dansu'],
  ['スター', 'sutā'],
  ['ラブレター', 'rabu retā'],
];
export const ADJECTIVES: [string, string][] = [
  ['遠い', 'tōi'],
  ['青い', 'aoi'],
  ['優しい', 'yasashii'],
  ['悲しい', 'kanashii'],
  ['小さな', 'chiisana'],
  ['最後の', 'saigo no'],
  ['透明な', 'tōmei na'],
  ['白い', 'shiroi'],
];
export const FAMILY: [string, string][] = [
  ['佐藤', 'Satō'],
  ['鈴木', 'Suzuki'],
  ['高橋', 'Takahashi'],
  ['田中', 'Tanaka'],
  ['伊藤', 'Itō'],
  ['渡辺', 'Watanabe'],
  ['山本', 'Yamamoto'],
  ['中村', 'Nakamura'],
  ['小林', 'Kobayashi'],
  ['加藤', 'Katō'],
];
export const GIVEN: [string, string][] = [
  ['花子', 'Hanako'],
  ['美咲', 'Misaki'],
  ['陽菜', 'Hina'],
  ['結衣', 'Yui'],
  ['翔太', 'Shōta'],
  ['蓮', 'Ren'],
  ['大翔', 'Hiroto'],
  ['葵', 'Aoi'],
  ['悠真', 'Yūma'],
  ['凛', 'Rin'],
];
export const LATIN_WORDS = [
  'Starlight',
  'Memories',
  'Blue',
  'Summer',
  'Promise',
  'Again',
  'Forever',
  'Goodbye',
  'Letter',
  'Dream',
  'Light',
  'Rain',
  'Ride',
  'Wish',
  'Sky',
  'Days',
  'Colors',
  'Echo',
];
const KO_TITLES = ['별빛', '약속', '비', '꿈', '여름', '봄날', '편지', '하늘'];
const ZH_TITLES = ['星光', '約定', '雨天', '夢想', '夏日', '春天', '信', '天空'];
const GROUP_WORDS: [string, string][] = [
  ['ハルカ', 'Haruka'],
  ['ソラ', 'Sora'],
  ['ミライ', 'Mirai'],
  ['ホシゾラ', 'Hoshizora'],
  ['アオイロ', 'Aoiro'],
];

export const capitalized = (s: string) => s.replace(/(^|\s)\S/g, (c) => c.toUpperCase());

export interface SyntheticName {
  original: string;
  romanized: string | null;
  en: string | null;
  zhHant: string | null;
  ko: string | null;
}

export function syntheticNames(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const japaneseTitle = (): [string, string] => {
    const [a, ar] = pick(NOUNS);
    const [b, br] = pick(NOUNS);
    const [adj, adjr] = pick(ADJECTIVES);
    switch (Math.floor(random() * 4)) {
      case 0:
        return [`${a}の${b}`, `${ar} no ${br}`];
      case 1:
        return [`${adj}${a}`, `${adjr} ${ar}`];
      case 2:
        return [`${a}と${b}`, `${ar} to ${br}`];
      default:
        return [a, ar];
    }
  };
  return {
    pick,
    /** A title built the way Japanese titles are, with its reading in romaji. */
    japaneseTitle,
    /** A song or work title: mostly Japanese (most with a romanization), some English. */
    title(): SyntheticName & { reading: string } {
      if (random() < 0.08) {
        const english = `${pick(LATIN_WORDS)} ${pick(LATIN_WORDS)}`;
        return {
          original: english,
          romanized: null,
          en: null,
          zhHant: null,
          ko: null,
          reading: english,
        };
      }
      const [original, reading] = japaneseTitle();
      const translated = random() < 0.2;
      return {
        original,
        romanized: random() < 0.8 ? capitalized(reading) : null,
        en: translated ? `${pick(LATIN_WORDS)} ${pick(LATIN_WORDS)}` : null,
        zhHant: translated && random() < 0.4 ? pick(ZH_TITLES) : null,
        ko: translated && random() < 0.4 ? pick(KO_TITLES) : null,
        reading,
      };
    },
    /** A person in Japanese order, romanized family name first, as the catalog keeps people. */
    person(): SyntheticName {
      const [f, fr] = pick(FAMILY);
      const [g, gr] = pick(GIVEN);
      return {
        original: `${f}${g}`,
        romanized: `${fr} ${gr}`,
        en: random() < 0.3 ? `${gr} ${fr}` : null,
        zhHant: null,
        ko: null,
      };
    },
    group(): SyntheticName {
      const [a, ar] = pick(GROUP_WORDS);
      const [b, br] = pick(NOUNS);
      return {
        original: `${a}${b}`,
        romanized: `${ar} ${capitalized(br)}`,
        en: null,
        zhHant: null,
        ko: null,
      };
    },
  };
}
