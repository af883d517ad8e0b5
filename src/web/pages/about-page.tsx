import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../page-context.ts';

export function AboutPageView({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} meta={{ title: t.aboutTitle, description: t.aboutParagraphs[0] }}>
      <h1>{t.aboutTitle}</h1>
      {t.aboutParagraphs.map((p) => (
        <p>{p}</p>
      ))}
      <section id="privacy" aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">{t.privacyTitle}</h2>
        {t.privacyParagraphs.map((p) => (
          <p>{p}</p>
        ))}
      </section>
      <section id="data" aria-labelledby="data-heading">
        <h2 id="data-heading">{t.dataCreditTitle}</h2>
        <p>{t.dataCredit}</p>
        <ul>
          <li>
            <a href="https://github.com/bangumi-data/bangumi-data">bangumi-data</a> —{' '}
            <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">
              CC BY 4.0
            </a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}
