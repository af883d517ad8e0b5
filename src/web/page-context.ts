import type { Clock } from '#src/shared/clock.ts';
import type { Locale } from '#src/shared/locale.ts';
import type { Messages } from './i18n/index.ts';

/** What every view needs to know about the request it renders for. */
export interface PageContext {
  locale: Locale;
  t: Messages;
  /** The path after the locale prefix (`/anime-heartbreak-songs/3`), for the language switcher. */
  pathAfterLocale: string;
  /** What comes before the locale in this page's address: '' on the public site. */
  localeBase: string;
  /** Query string to keep when switching language (`?all=1`), or ''. */
  query: string;
  assets: AssetUrls;
  /** Scheme and host for absolute URLs (canonical, Open Graph, sitemap): `https://tokushu.example`. */
  origin: string;
  clock: Clock;
  /** This rendering's script nonce (see content-security.ts). */
  nonce: string;
}

export interface AssetUrls {
  css: string;
  js: string;
  icon: string;
}
