import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { Suggestion } from '../api-types.ts';

/** Search-as-you-type over the catalog; choosing a song adds it to the feature. */
export function SongPicker({
  exclude,
  onPick,
}: {
  exclude: string[];
  onPick: (song: Suggestion) => void;
}) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Suggestion[]>([]);
  useEffect(() => {
    if (query.trim().length === 0) {
      setResults([]);
      return;
    }
    const timer = setTimeout(() => {
      api.suggest(query.trim()).then(
        (r) => setResults(r.suggestions.filter((s) => s.type === 'song')),
        () => setResults([]),
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [query]);
  return (
    <div class="picker">
      <label>
        Add a song
        <input
          type="search"
          value={query}
          placeholder="Title or artist, any script"
          onInput={(e) => setQuery(e.currentTarget.value)}
          aria-controls="picker-results"
        />
      </label>
      <ul id="picker-results" class="picker-results">
        {results.map((s) => (
          <li>
            <button
              type="button"
              disabled={exclude.includes(s.slug)}
              onClick={() => {
                onPick(s);
                setQuery('');
              }}
            >
              <span lang={s.lang}>{s.label}</span> <span class="muted">{s.detail}</span>
              {exclude.includes(s.slug) ? ' (already in)' : ''}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
