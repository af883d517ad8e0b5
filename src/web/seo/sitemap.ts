import { XMLBuilder } from 'fast-xml-parser';
import { htmlLang, LOCALES } from '#src/shared/locale.ts';

/** One sitemap can list 50,000 addresses; larger catalogs need a sitemap index. */
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

/** A sitemap listing each page in every locale, each entry naming its language alternates. */
export function buildSitemap(origin: string, pages: SitemapPage[]): string {
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
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({
    urlset: {
      '@_xmlns': 'http://www.sitemaps.org/schemas/sitemap/0.9',
      '@_xmlns:xhtml': 'http://www.w3.org/1999/xhtml',
      url,
    },
  })}`;
}
