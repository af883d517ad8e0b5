import { describe, expect, it } from 'vitest';
import { foldLatin, kanaToRomaji, normalizeText, queryForms } from './normalize.ts';

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
