import { describe, expect, it } from 'vitest';
import {
  foldLatin,
  kanaToRomaji,
  lookupWords,
  MAX_QUERY_LENGTH,
  normalizedLength,
  normalizeText,
  queryForms,
} from './normalize.ts';

describe('normalizeText', () => {
  it('folds width, case and katakana, and turns punctuation into spaces', () => {
    expect(normalizeText('ＳＰｉＣａ')).toBe('spica');
    expect(normalizeText('ｼｰｸﾚｯﾄﾍﾞｰｽ')).toBe('しーくれっとべーす');
    expect(normalizeText('secret base 〜君がくれたもの〜')).toBe('secret base 君がくれたもの');
    expect(normalizeText('  Just   Be Friends! ')).toBe('just be friends');
  });
});

describe('foldLatin', () => {
  it('meets the long-vowel spellings in one form', () => {
    const forms = ['Tōkyō', 'Toukyou', 'Tookyoo', 'Tokyo', 'TÔKYÔ'].map(foldLatin);
    expect(new Set(forms)).toEqual(new Set(['tokyo']));
    expect(foldLatin('Ōno')).toBe(foldLatin('Ohno'));
    expect(foldLatin('Yuuki')).toBe(foldLatin('Yūki'));
  });

  it('treats Kunrei spellings, wo, n-apostrophe and m before b as Hepburn', () => {
    expect(foldLatin('tukimi')).toBe(foldLatin('tsukimi'));
    expect(foldLatin('sinai')).toBe(foldLatin('shinai'));
    expect(foldLatin('huyu')).toBe(foldLatin('fuyu'));
    expect(foldLatin('kimi wo')).toBe(foldLatin('kimi o'));
    expect(foldLatin("Shin'ai")).toBe(foldLatin('shinai'));
    expect(foldLatin('shimbun')).toBe(foldLatin('shinbun'));
    expect(foldLatin('shuukyuu')).toBe('shukyu');
  });
});

describe('kanaToRomaji and queryForms', () => {
  it('romanizes kana, doubling before a small tsu', () => {
    expect(kanaToRomaji('きっと')).toBe('kitto');
    expect(kanaToRomaji('とどかないこい')).toBe('todokanaikoi');
  });

  it('looks kana up by its romaji too, and kanji by itself only', () => {
    expect(queryForms('トドカナイ')).toEqual({ japanese: 'とどかない', latin: 'todokanai' });
    expect(queryForms('届かない恋')).toEqual({ japanese: '届かない恋', latin: null });
    expect(queryForms('Tōdokanai')).toEqual({ japanese: null, latin: 'todokanai' });
    expect(queryForms(' !! ')).toEqual({ japanese: null, latin: null });
  });
});

describe('what a query looks up', () => {
  it('has no form at all when nothing but marks is left', () => {
    expect(queryForms('\u0301'.repeat(200))).toEqual({ japanese: null, latin: null });
    expect(queryForms('\u3099\u309a')).toEqual({ japanese: null, latin: null });
  });

  it('is held to the length limit once normalized, without a word cut in two', () => {
    // 200 characters typed, 600 once written out: "a/ca/ca/c…" becomes "a ca ca c…".
    expect(normalizedLength('℀'.repeat(200))).toBe(600);
    const { latin } = queryForms('℀'.repeat(200));
    expect(latin).toMatch(/^a( ca)+$/);
    expect([...(latin ?? '')].length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    const words = queryForms(`${'abcdefghi '.repeat(25)}`).latin ?? '';
    expect(words.split(' ').every((w) => w === 'abcdefghi')).toBe(true);
  });

  it('looks each word up once, the longest first, skipping short ones and marks', () => {
    expect(lookupWords('a c a c a c', 3, 4)).toEqual([]);
    expect(lookupWords('kimi no na wa', 3, 4)).toEqual(['kimi']);
    expect(lookupWords('koi sakura koi sakura nagashi', 3, 4)).toEqual([
      'nagashi',
      'sakura',
      'koi',
    ]);
    expect(lookupWords('one two three four five sixsix', 3, 4)).toEqual([
      'sixsix',
      'three',
      'four',
      'five',
    ]);
    expect(lookupWords('\u0301\u0301\u0301 恋の歌', 3, 4)).toEqual(['恋の歌']);
  });
});
