import { useEffect, useId, useState } from 'preact/hooks';
import { api } from '../api.ts';

/**
 * A Markdown textarea with a live preview rendered by the server, so it matches the public
 * page exactly (spoilers included).
 */
export function MarkdownField({
  label,
  value,
  onInput,
  rows = 4,
}: {
  label: string;
  value: string;
  onInput: (v: string) => void;
  rows?: number;
}) {
  const id = useId();
  const [html, setHtml] = useState('');
  useEffect(() => {
    if (!value.trim()) {
      setHtml('');
      return;
    }
    const timer = setTimeout(() => {
      api.preview(value).then(
        (r) => setHtml(r.html),
        () => setHtml(''),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [value]);
  return (
    <div class="markdown-field">
      <label for={id}>{label}</label>
      <div class="markdown-pair">
        <textarea
          id={id}
          rows={rows}
          value={value}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
        {/* A labelled region, so a screen reader can find the preview of each field. */}
        <div
          class="preview commentary"
          role="region"
          aria-label={`${label}: preview`}
          dangerouslySetInnerHTML={{ __html: html }}
        />
      </div>
    </div>
  );
}
