import type { ComponentChildren } from 'preact';
import { htmlLang, LOCALES } from '#src/shared/locale.ts';
import { messagesFor } from '../i18n/index.ts';
import type { PageContext } from '../page-context.ts';
import { paths } from '../paths.ts';

export interface PageMeta {
  title: string;
  description?: string;
  /** Open Graph type: `website`, `article`, `music.song`, `profile` … */
  type?: string;
  /** Structured data for search engines (schema.org), rendered as JSON-LD. */
  jsonLd?: object;
  /** False for pages that must not be indexed (404s, search results). */
  indexable?: boolean;
}

/** JSON inside a script element: `<` is escaped so no text can close the element. */
function jsonLdText(data: object): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

export function Layout({
  ctx,
  meta,
  children,
}: {
  ctx: PageContext;
  meta: PageMeta;
  children: ComponentChildren;
}) {
  const { locale, t } = ctx;
  const { indexable = true } = meta;
  const suffix = ctx.pathAfterLocale + ctx.query;
  const canonical = `${ctx.origin}/${locale}${suffix}`;
  const fullTitle = `${meta.title} | ${t.siteName}`;
  return (
    <html lang={htmlLang(locale)} data-locale={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {meta.description && <meta name="description" content={meta.description} />}
        {!indexable && <meta name="robots" content="noindex" />}
        {indexable && <link rel="canonical" href={canonical} />}
        {indexable &&
          LOCALES.map((l) => (
            <link rel="alternate" hrefLang={htmlLang(l)} href={`${ctx.origin}/${l}${suffix}`} />
          ))}
        {indexable && (
          <link rel="alternate" hrefLang="x-default" href={`${ctx.origin}/en${suffix}`} />
        )}
        <link
          rel="alternate"
          type="application/atom+xml"
          title={t.siteName}
          href={paths.feed(locale)}
        />
        <meta property="og:site_name" content={t.siteName} />
        <meta property="og:title" content={meta.title} />
        {meta.description && <meta property="og:description" content={meta.description} />}
        <meta property="og:type" content={meta.type ?? 'website'} />
        <meta property="og:url" content={canonical} />
        <meta property="og:locale" content={htmlLang(locale).replace('-', '_')} />
        <meta name="twitter:card" content="summary" />
        <meta name="twitter:title" content={meta.title} />
        {meta.description && <meta name="twitter:description" content={meta.description} />}
        <link rel="icon" href={ctx.assets.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={ctx.assets.css} />
        <script type="module" src={ctx.assets.js} nonce={ctx.nonce} />
        {meta.jsonLd && (
          <script
            type="application/ld+json"
            nonce={ctx.nonce}
            dangerouslySetInnerHTML={{ __html: jsonLdText(meta.jsonLd) }}
          />
        )}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header class="site-header">
          <a class="brand" href={paths.home(locale)}>
            <span class="brand-mark" aria-hidden="true">
              特
            </span>
            <span class="brand-text">
              <span class="brand-name">{t.siteName}</span>
              <span class="brand-tagline">{t.tagline}</span>
            </span>
          </a>
          <form
            class="site-search"
            role="search"
            action={paths.search(locale)}
            method="get"
            data-suggest-locale={locale}
          >
            <label class="visually-hidden" for="site-search-q">
              {t.searchLabel}
            </label>
            <input
              id="site-search-q"
              type="search"
              name="q"
              placeholder={t.searchPlaceholder}
              enterKeyHint="search"
              autocomplete="off"
            />
            <button type="submit">{t.searchButton}</button>
          </form>
          <nav class="locale-switcher" aria-label={t.language}>
            {LOCALES.map((l) => (
              <a
                href={`${ctx.localeBase}/${l}${suffix}`}
                lang={htmlLang(l)}
                hrefLang={htmlLang(l)}
                aria-current={l === locale ? 'true' : undefined}
              >
                {messagesFor(l).localeName}
              </a>
            ))}
          </nav>
        </header>
        <main id="main">{children}</main>
        <footer class="site-footer">
          <nav aria-label={t.siteName}>
            <a href={paths.home(locale)}>{t.home}</a> ·{' '}
            <a href={paths.search(locale)}>{t.nav.search}</a> ·{' '}
            <a href={paths.about(locale)}>{t.nav.about}</a> · <a href={paths.feed(locale)}>Atom</a>
          </nav>
          <p>{t.footerCredit}</p>
        </footer>
      </body>
    </html>
  );
}
