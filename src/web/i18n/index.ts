import type { Locale } from '#src/shared/locale.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';
import { ko } from './ko.ts';
import type { Messages } from './messages.ts';
import { zhHant } from './zh-hant.ts';

const MESSAGES: Record<Locale, Messages> = { en, ja, 'zh-hant': zhHant, ko };

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}

const DATE_LOCALES: Record<Locale, string> = {
  en: 'en-GB',
  ja: 'ja-JP',
  'zh-hant': 'zh-TW',
  ko: 'ko-KR',
};
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/** "14 September 2026" / "2026年9月14日": a date in the reader's language, in UTC. */
export function formatDate(iso: string, locale: Locale): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(DATE_LOCALES[locale], { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(iso));
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** "1,234" in the reader's convention. */
export function formatNumber(n: number, locale: Locale): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(DATE_LOCALES[locale], { maximumFractionDigits: 1 });
    numberFormats.set(locale, format);
  }
  return format.format(n);
}

export type { Messages };
