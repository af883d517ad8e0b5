import { useEffect, useId, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { RecordKind, RecordSummary } from '../api-types.ts';

/** Search-as-you-type over one kind of catalog record (slug, any name, any alias). */
export function useRecordSearch(kind: RecordKind, query: string, limit = 8): RecordSummary[] {
  const [results, setResults] = useState<RecordSummary[]>([]);
  useEffect(() => {
    const text = query.trim();
    if (text.length === 0) {
      setResults([]);
      return;
    }
    const timer = setTimeout(() => {
      api.records(kind, text, limit).then(setResults, () => setResults([]));
    }, 150);
    return () => clearTimeout(timer);
  }, [kind, query, limit]);
  return results;
}

/**
 * Picks one record by searching for it; shows the chosen one with a way to change it.
 * `value` is a slug; `label` is how to show it when known.
 */
export function RecordPicker({
  kind,
  label,
  value,
  onChange,
  exclude = [],
  optional = false,
  display,
}: {
  kind: RecordKind;
  label: string;
  value: string | undefined;
  onChange: (slug: string | undefined, summary?: RecordSummary) => void;
  exclude?: string[];
  optional?: boolean;
  /** The chosen record's name, when the caller knows it. */
  display?: string | undefined;
}) {
  const [query, setQuery] = useState('');
  const [pickedName, setPickedName] = useState<string | null>(null);
  const [editing, setEditing] = useState(!value);
  // A value that arrives later (a record loading) shows as chosen.
  useEffect(() => setEditing(!value), [value]);
  const results = useRecordSearch(kind, query);
  const listId = useId();
  if (value && !editing) {
    return (
      <div class="picked">
        <span class="picked-label">{label}</span> {pickedName ?? display}{' '}
        <code class="muted">{value}</code>{' '}
        <button type="button" class="link" onClick={() => setEditing(true)}>
          change
        </button>
        {optional && (
          <>
            {' · '}
            <button type="button" class="link" onClick={() => onChange(undefined)}>
              remove
            </button>
          </>
        )}
      </div>
    );
  }
  return (
    <div class="picker">
      <label>
        {label}
        <input
          type="search"
          value={query}
          placeholder="Search by name in any script, or slug"
          onInput={(e) => setQuery(e.currentTarget.value)}
          aria-controls={listId}
        />
      </label>
      <ul id={listId} class="picker-results">
        {results.map((r) => (
          <li>
            <button
              type="button"
              disabled={exclude.includes(r.slug)}
              onClick={() => {
                onChange(r.slug, r);
                setPickedName(r.label);
                setQuery('');
                setEditing(false);
              }}
            >
              {r.label} <span class="muted">{r.detail}</span> <code>{r.slug}</code>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
