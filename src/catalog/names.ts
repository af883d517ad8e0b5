import type { Locale } from '#src/shared/locale.ts';

/** A multilingual name as stored: the original plus optional romanization and translations. */
export interface Name {
  original: string;
  romanized: string | null;
  en: string | null;
  zhHant: string | null;
  ko: string | null;
}

/** A name chosen for display, with the language it is written in (for the `lang` attribute). */
export interface DisplayName {
  text: string;
  lang: string;
}

/**
 * The display rule: each locale shows the official name in its own language when
 * there is one. English readers get the official English name (people in the order
 * they use abroad), then the romanization, never an ad-hoc transliteration.
 * Japanese readers always get the original. Chinese readers get the original when
 * no Chinese name exists (kanji and kana read better than romaji); Korean readers
 * fall back the way English readers do.
 */
export function displayName(name: Name, locale: Locale): DisplayName {
  const original = { text: name.original, lang: 'ja' };
  const latin = name.en
    ? { text: name.en, lang: 'en' }
    : name.romanized
      ? { text: name.romanized, lang: 'ja-Latn' }
      : original;
  switch (locale) {
    case 'ja':
      return original;
    case 'zh-hant':
      return name.zhHant ? { text: name.zhHant, lang: 'zh-Hant' } : original;
    case 'ko':
      return name.ko ? { text: name.ko, lang: 'ko' } : latin;
    case 'en':
      return latin;
  }
}

/** The original-script name to show beside the display name, when it differs from it. */
export function originalBeside(name: Name, locale: Locale): DisplayName | null {
  const shown = displayName(name, locale);
  return shown.text === name.original ? null : { text: name.original, lang: 'ja' };
}

type NameRow<P extends string> = { [K in `${P}_original`]: string } & {
  [K in `${P}_romanized` | `${P}_en` | `${P}_zh_hant` | `${P}_ko`]: string | null;
};

export function nameFromRow<P extends string>(row: NameRow<P>, prefix: P): Name {
  const r = row as Record<string, string | null>;
  return {
    original: r[`${prefix}_original`] as string,
    romanized: r[`${prefix}_romanized`] ?? null,
    en: r[`${prefix}_en`] ?? null,
    zhHant: r[`${prefix}_zh_hant`] ?? null,
    ko: r[`${prefix}_ko`] ?? null,
  };
}

/** Per-locale labels (tags, categories): English is required, others fall back to it. */
export interface Labels {
  en: string;
  ja: string | null;
  zhHant: string | null;
  ko: string | null;
}

export function displayLabel(labels: Labels, locale: Locale): DisplayName {
  const own = { ja: labels.ja, 'zh-hant': labels.zhHant, ko: labels.ko, en: labels.en }[locale];
  return own
    ? { text: own, lang: locale === 'zh-hant' ? 'zh-Hant' : locale }
    : { text: labels.en, lang: 'en' };
}
