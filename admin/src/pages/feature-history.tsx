import { diffLines } from 'diff';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import {
  LOCALES,
  type FeatureDocument,
  type Revision,
  type RevisionSummary,
} from '../api-types.ts';

/** A document as lines of text, so two revisions compare the way a person reads them. */
function asText(doc: FeatureDocument): string {
  const lines = [
    `slug: ${doc.slug}`,
    `category: ${doc.category ?? ''}`,
    `tags: ${doc.tags.join(', ')}`,
  ];
  for (const locale of LOCALES) {
    const t = doc.text[locale];
    if (t)
      lines.push(
        `[${locale}] ${t.status}`,
        `title: ${t.title}`,
        `lead: ${t.lead}`,
        `closing: ${t.closing}`,
      );
  }
  doc.entries.forEach((e, i) => {
    lines.push(`${i + 1}. ${e.song}`);
    for (const locale of LOCALES)
      if (e.commentary[locale]) lines.push(`   ${locale}: ${e.commentary[locale]}`);
  });
  return `${lines.join('\n')}\n`;
}

/** Who changed what, revision by revision, with a readable diff and a way back to any of them. */
export function FeatureHistory({ slug }: { slug: string }) {
  const [list, setList] = useState<RevisionSummary[] | null>(null);
  const [shown, setShown] = useState<{ current: Revision; previous: Revision | null } | null>(null);
  const [message, setMessage] = useState('');

  const load = () => api.revisions(slug).then(setList);
  useEffect(() => {
    void load();
  }, [slug]);

  const show = async (n: number) => {
    const [current, previous] = await Promise.all([
      api.revision(slug, n),
      n > 1 ? api.revision(slug, n - 1) : Promise.resolve(null),
    ]);
    setShown({ current, previous });
  };

  if (!list) return <p class="loading">Loading history…</p>;
  const latest = list[0]?.revision ?? 0;
  return (
    <div class="history">
      <div class="toolbar">
        <h1>History of {slug}</h1>
        <a href={`#/features/${slug}`}>Back to the editor</a>
      </div>
      {message && (
        <p class="message" role="status">
          {message}
        </p>
      )}
      <ol class="revisions" reversed>
        {list.map((r) => (
          <li>
            <button type="button" class="link" onClick={() => void show(r.revision)}>
              Revision {r.revision}
            </button>{' '}
            by {r.savedBy ?? 'unknown'}, {r.savedAt.slice(0, 16).replace('T', ' ')}
          </li>
        ))}
      </ol>
      {shown && (
        <section aria-labelledby="diff-heading">
          <h2 id="diff-heading">
            Revision {shown.current.revision}
            {shown.previous ? ` compared with ${shown.previous.revision}` : ' (first)'}
          </h2>
          <pre class="diff">
            {diffLines(
              shown.previous ? asText(shown.previous.document) : '',
              asText(shown.current.document),
            ).map((part) => (
              <span class={part.added ? 'added' : part.removed ? 'removed' : 'same'}>
                {part.value}
              </span>
            ))}
          </pre>
          {shown.current.revision !== latest && (
            <button
              type="button"
              onClick={() => {
                api.restore(slug, shown.current.revision, latest).then(
                  (view) => {
                    setMessage(
                      `Restored revision ${shown.current.revision} as revision ${view.revision}.`,
                    );
                    setShown(null);
                    void load();
                  },
                  (e: unknown) => setMessage(e instanceof ApiError ? e.problem.detail : String(e)),
                );
              }}
            >
              Restore revision {shown.current.revision}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
