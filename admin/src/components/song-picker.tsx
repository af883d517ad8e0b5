import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { Suggestion } from '../api-types.ts';
import { NewSongForm } from './new-song-form.tsx';

export interface PickedSong {
  slug: string;
  label: string;
}

/**
 * Search-as-you-type over the catalog; choosing a song adds it to the feature. A song the
 * catalog lacks can be added on the spot.
 */
export function SongPicker({
  exclude,
  onPick,
}: {
  exclude: string[];
  onPick: (song: PickedSong) => void;
}) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Suggestion[]>([]);
  const [creating, setCreating] = useState<string | null>(null);
  useEffect(() => {
    if (query.trim().length === 0) {
      setResults([]);
      return;
    }
    const timer = setTimeout(() => {
      api.songSuggestions(query.trim()).then(
        (r) => setResults(r.suggestions),
        () => setResults([]),
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [query]);
  if (creating !== null) {
    return (
      <NewSongForm
        title={creating}
        onCreated={(song) => {
          onPick(song);
          setCreating(null);
          setQuery('');
        }}
        onCancel={() => setCreating(null)}
      />
    );
  }
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
                onPick({ slug: s.slug, label: `${s.label} — ${s.detail}` });
                setQuery('');
              }}
            >
              <span lang={s.lang}>{s.label}</span> <span class="muted">{s.detail}</span>
              {exclude.includes(s.slug) ? ' (already in)' : ''}
            </button>
          </li>
        ))}
        {query.trim() && (
          <li>
            <button type="button" class="new" onClick={() => setCreating(query.trim())}>
              + New song “{query.trim()}”, not in the catalog yet
            </button>
          </li>
        )}
      </ul>
    </div>
  );
}
