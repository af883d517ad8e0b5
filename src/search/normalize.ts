import { isJapanese, toRomaji } from 'wanakana';

/**
 * The strings the index stores and the strings a query becomes go through the same
 * functions here, so both sides agree however a name was typed: full or half width, upper
 * or lower case, katakana or hiragana, ō / ou / oo / o.
 */

const KATAKANA = /[\u30a1-\u30f6]/g;
/** Anything that is not a letter, a digit or a mark separates words. */
const SEPARATORS = /[^\p{L}\p{N}\p{M}]+/gu;
const HAS_LATIN = /[a-z0-9]/;
const HAS_KANA = /[\u3041-\u3096\u30a1-\u30fa\u30fc]/;
/** A letter or a digit: text without one (marks alone, such as stray accents) says nothing. */
const MEANINGFUL = /[\p{L}\p{N}]/u;

/**
 * The most characters of a query, once normalized, that are looked up. Normalizing can make
 * text longer (NFKC writes ℀ as a/c, ﷺ as eighteen letters), so this applies after it, not
 * only to what was typed.
 */
export const MAX_QUERY_LENGTH = 200;

/** NFKC, lower case, katakana as hiragana, punctuation as single spaces. */
export function normalizeText(text: string): string {
  return (
    text
      .normalize('NFKC')
      // An apostrophe joins (Shin'ai, Don't); other punctuation separates.
      .replace(/['’]/g, '')
      .toLowerCase()
      .replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
      .replace(SEPARATORS, ' ')
      .trim()
  );
}

/**
 * Romaji folded so that spelling variants meet: diacritics dropped, long vowels written
 * once (ō, ou, oo, oh before a consonant → o), を as o, m before b/p/m as n, and
 * the Kunrei and Nihon-shiki spellings as Hepburn (si → shi, tu → tsu, zi → ji). Lossy on
 * purpose, and applied to index and query alike.
 */
export function foldLatin(text: string): string {
  return (
    normalizeText(text)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .normalize('NFC')
      // Kunrei-shiki and Nihon-shiki spellings become Hepburn.
      .replace(/\b(?:wo)\b/g, 'o')
      .replace(/si/g, 'shi')
      .replace(/sy([aueo])/g, 'sh$1')
      .replace(/ty([aueo])/g, 'ch$1')
      .replace(/zy([aueo])/g, 'j$1')
      .replace(/zi/g, 'ji')
      .replace(/tu/g, 'tsu')
      .replace(/(?<![sc])hu/g, 'fu')
      // Long vowels, however written.
      .replace(/oh(?=[^aeiou\s]|$)/g, 'o')
      .replace(/ou/g, 'o')
      .replace(/oo/g, 'o')
      .replace(/uu/g, 'u')
      .replace(/aa/g, 'a')
      .replace(/ii/g, 'i')
      .replace(/ee/g, 'e')
      .replace(/m(?=[bpm])/g, 'n')
  );
}

/** Kana as Hepburn romaji, word gaps kept; other characters pass through. */
export function kanaToRomaji(text: string): string {
  return toRomaji(text, { upcaseKatakana: false });
}

/** Whether `text` is written (at least partly) in Japanese script. */
export function hasJapanese(text: string): boolean {
  return [...text].some((c) => isJapanese(c) && !HAS_LATIN.test(c));
}

/** Whether `text` is all kana (and spaces), so its reading is itself. */
export function isKanaOnly(text: string): boolean {
  return [...text.replace(/\s+/g, '')].every((c) => HAS_KANA.test(c));
}

/** A normalized string without its spaces: the key the starts-with lane compares. */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/** How many characters (code points, not UTF-16 units) `text` has once normalized. */
export function normalizedLength(text: string): number {
  return [...normalizeText(text)].length;
}

/** The first `MAX_QUERY_LENGTH` characters of normalized text, without a word cut in two. */
function capped(text: string): string {
  const chars = [...text];
  if (chars.length <= MAX_QUERY_LENGTH) return text;
  const kept = chars.slice(0, MAX_QUERY_LENGTH + 1).join('');
  const lastGap = kept.lastIndexOf(' ');
  return (lastGap > 0 ? kept.slice(0, lastGap) : chars.slice(0, MAX_QUERY_LENGTH).join('')).trim();
}

/**
 * The forms a query is looked up by: its Japanese normalization, and its folded romaji
 * (for kana input, the romaji of the kana too), each without duplicates. A form with no
 * letter or digit left (a query of accents alone) is null: it would match every name.
 */
export function queryForms(query: string): { japanese: string | null; latin: string | null } {
  const text = capped(normalizeText(query));
  if (!MEANINGFUL.test(text)) return { japanese: null, latin: null };
  const japanese = hasJapanese(text) ? text : null;
  const latinSource = japanese ? (isKanaOnly(japanese) ? kanaToRomaji(japanese) : null) : text;
  const latin = latinSource ? foldLatin(latinSource) : null;
  return { japanese, latin: latin && MEANINGFUL.test(latin) ? latin : null };
}

/**
 * The words of a query form worth finding inside names: each once, those with at least
 * `minLength` characters and a letter or digit, longest (the most telling) first, at most
 * `max`. Shorter words still count through the whole-name and starts-with lanes.
 */
export function lookupWords(form: string, minLength: number, max: number): string[] {
  const words = [...new Set(form.split(' '))].filter(
    (w) => [...w].length >= minLength && MEANINGFUL.test(w),
  );
  return words
    .map((word, order) => ({ word, order, length: [...word].length }))
    .sort((a, b) => b.length - a.length || a.order - b.order)
    .slice(0, max)
    .map((w) => w.word);
}
