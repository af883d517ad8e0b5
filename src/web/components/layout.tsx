import type { ComponentChildren } from 'preact';
import { htmlLang, LOCALES } from '#src/shared/locale.ts';
import { messagesFor } from '../i18n/index.ts';
import type { PageContext } from '../page-context.ts';

interface LayoutProps {
  ctx: PageContext;
  title: string;
  description?: string;
  /** False for pages that must not be indexed (404s). */
  indexable?: boolean;
  children: ComponentChildren;
}

export function Layout({ ctx, title, description, indexable = true, children }: LayoutProps) {
  const { locale, t } = ctx;
  const suffix = ctx.pathAfterLocale + ctx.query;
  return (
    <html lang={htmlLang(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${t.siteName}`}</title>
        {description && <meta name="description" content={description} />}
        {!indexable && <meta name="robots" content="noindex" />}
        {indexable && <link rel="canonical" href={`/${locale}${suffix}`} />}
        {indexable &&
          LOCALES.map((l) => (
            <link rel="alternate" hrefLang={htmlLang(l)} href={`/${l}${suffix}`} />
          ))}
        {indexable && <link rel="alternate" hrefLang="x-default" href={`/en${suffix}`} />}
        <link rel="icon" href={ctx.assets.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={ctx.assets.css} />
        <script type="module" src={ctx.assets.js} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.home}
        </a>
        <header class="site-header">
          <a class="brand" href={`/${locale}/`}>
            <span class="brand-mark" aria-hidden="true">
              特
            </span>
            <span class="brand-text">
              <span class="brand-name">{t.siteName}</span>
              <span class="brand-tagline">{t.tagline}</span>
            </span>
          </a>
          <nav class="locale-switcher" aria-label={t.language}>
            {LOCALES.map((l) => (
              <a
                href={`/${l}${suffix}`}
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
          <p>
            <a href={`/${locale}/`}>{t.siteName}</a> · {t.tagline}
          </p>
        </footer>
      </body>
    </html>
  );
}
