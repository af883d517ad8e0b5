export const LOCALES = ['en', 'ja', 'zh-hant', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];

/** Locales whose editorial text is written in full; the others fall back to one of these. */
export type ContentLocale = 'en' | 'ja';

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** The BCP 47 tag for `lang` and `hreflang` attributes. */
export function htmlLang(locale: Locale): string {
  return locale === 'zh-hant' ? 'zh-Hant' : locale;
}

/**
 * Which editorial locales to try, in order, for a page in `locale`.
 * Readers of Chinese and Korean are served Japanese before English when a
 * translation is missing only for song and work names (see names.ts); for prose,
 * English is the wider-read fallback.
 */
export function contentFallbacks(locale: Locale): ContentLocale[] {
  return locale === 'ja' ? ['ja', 'en'] : ['en', 'ja'];
}

/** Picks the best supported locale from an Accept-Language header. */
export function negotiateLocale(header: string | undefined): Locale {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('ja')) return 'ja';
    if (tag.startsWith('ko')) return 'ko';
    if (
      tag === 'zh-hant' ||
      tag === 'zh-tw' ||
      tag === 'zh-hk' ||
      tag === 'zh-mo' ||
      tag.startsWith('zh-hant')
    ) {
      return 'zh-hant';
    }
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
