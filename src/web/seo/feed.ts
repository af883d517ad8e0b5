import { XMLBuilder } from 'fast-xml-parser';
import type { FeatureSummary } from '#src/features/index.ts';
import { htmlLang, type Locale } from '#src/shared/locale.ts';
import { paths } from '../paths.ts';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  suppressEmptyNode: true,
});

/**
 * XML 1.0 cannot carry most control characters, even escaped: one in a title would make the
 * whole feed unreadable, so they are left out of the text it carries.
 */
function xmlText(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

/** An Atom feed of the newest features in one locale. */
export function buildFeed(
  origin: string,
  locale: Locale,
  siteName: string,
  features: FeatureSummary[],
): string {
  const updated = features.reduce(
    (max, f) => (f.updatedAt > max ? f.updatedAt : max),
    '1970-01-01T00:00:00.000Z',
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      '@_xml:lang': htmlLang(locale),
      id: `${origin}${paths.home(locale)}`,
      title: siteName,
      updated,
      link: [
        { '@_rel': 'self', '@_href': `${origin}${paths.feed(locale)}` },
        { '@_rel': 'alternate', '@_type': 'text/html', '@_href': `${origin}${paths.home(locale)}` },
      ],
      entry: features.map((f) => ({
        id: `${origin}${paths.feature(locale, f.slug)}`,
        title: { '@_xml:lang': f.titleLang, '#text': xmlText(f.title) },
        link: {
          '@_rel': 'alternate',
          '@_type': 'text/html',
          '@_href': `${origin}${paths.feature(locale, f.slug)}`,
        },
        ...(f.publishedAt ? { published: f.publishedAt } : {}),
        updated: f.updatedAt,
        author: { name: siteName },
        summary: { '@_type': 'html', '#text': xmlText(f.lead) },
      })),
    },
  })}`;
}
