import { XMLBuilder } from 'fast-xml-parser';
import { htmlLang, LOCALES } from '#src/shared/locale.ts';

/** One sitemap file can list 50,000 addresses; more go in further files of a sitemap index. */
export const SITEMAP_LIMIT = 50_000;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: false,
  suppressEmptyNode: true,
});

export interface SitemapPage {
  /** The address after the locale: `/songs/shinai`. */
  path: string;
  lastmod?: string;
}

/** Addresses a page takes in a sitemap: one in each locale. */
export const ADDRESSES_PER_PAGE = LOCALES.length;

export const SITEMAP_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">';
export const SITEMAP_TAIL = '</urlset>';

/**
 * The `<url>` elements of `pages` in every locale, each naming its language alternates: a
 * piece of a sitemap file, which is written a piece at a time.
 */
export function sitemapUrls(origin: string, pages: readonly SitemapPage[]): string {
  if (pages.length === 0) return '';
  const url = pages.flatMap((page) =>
    LOCALES.map((locale) => ({
      loc: `${origin}/${locale}${page.path}`,
      ...(page.lastmod ? { lastmod: page.lastmod.slice(0, 10) } : {}),
      'xhtml:link': [
        ...LOCALES.map((l) => ({
          '@_rel': 'alternate',
          '@_hreflang': htmlLang(l),
          '@_href': `${origin}/${l}${page.path}`,
        })),
        { '@_rel': 'alternate', '@_hreflang': 'x-default', '@_href': `${origin}/en${page.path}` },
      ],
    })),
  );
  return builder.build({ url }) as string;
}

/** A sitemap index naming each sitemap file by its address. */
export function buildSitemapIndex(locations: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({
    sitemapindex: {
      '@_xmlns': 'http://www.sitemaps.org/schemas/sitemap/0.9',
      sitemap: locations.map((loc) => ({ loc })),
    },
  })}`;
}
