import { createRequire } from 'node:module';
import path from 'node:path';
import kuromoji, { type IpadicFeatures, type Tokenizer } from 'kuromoji';
import { kanaToRomaji } from './normalize.ts';

const require = createRequire(import.meta.url);
const DICTIONARY = path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');

let loading: Promise<Tokenizer<IpadicFeatures>> | undefined;

/** The dictionary takes seconds and ~250 MB to load, so only writes that need a reading do it. */
function tokenizer(): Promise<Tokenizer<IpadicFeatures>> {
  loading ??= new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath: DICTIONARY }).build((error, built) => {
      if (error) {
        loading = undefined;
        reject(error);
      } else resolve(built);
    });
  });
  return loading;
}

/** Particles are read differently from how they are written. */
const PARTICLES: Record<string, string> = { は: 'わ', へ: 'え', を: 'お' };

/** Inflections and suffixes read as part of the word before them: todoka + nai → todokanai. */
function attaches(token: IpadicFeatures): boolean {
  return (
    token.pos === '助動詞' ||
    token.pos_detail_1 === '接尾' ||
    token.pos_detail_1 === '非自立' ||
    (token.pos === '助詞' && token.pos_detail_1 === '接続助詞')
  );
}

/**
 * The reading of Japanese text in Hepburn romaji, word by word, from the kuromoji
 * dictionary; null when some word has no known reading (rare kanji), so that no half
 * reading is stored. Editors correct readings through the romanized name.
 */
export async function readingOf(text: string): Promise<string | null> {
  const tokens = (await tokenizer()).tokenize(text);
  const words: string[] = [];
  for (const token of tokens) {
    const surface = token.surface_form;
    if (/^[\s\p{P}\p{S}]+$/u.test(surface)) continue;
    const kana =
      token.pos === '助詞' && PARTICLES[surface]
        ? PARTICLES[surface]
        : token.reading && token.reading !== '*'
          ? token.reading
          : /^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u.test(surface) ||
              /^[\p{Script=Latin}\d]+$/u.test(surface)
            ? surface
            : null;
    if (kana === null) return null;
    const romaji = kanaToRomaji(kana).toLowerCase();
    if (words.length > 0 && attaches(token)) words[words.length - 1] += romaji;
    else words.push(romaji);
  }
  return words.join(' ') || null;
}
