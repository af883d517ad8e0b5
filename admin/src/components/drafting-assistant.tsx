import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import type { Proposal } from '../api-types.ts';
import type { PickedSong } from './song-picker.tsx';

/**
 * Proposes songs for the feature's theme: its tags plus free words ("graduation", "ending
 * themes 2010s"), each proposal with the reasons it fits.
 */
export function DraftingAssistant({
  tags,
  exclude,
  onAdd,
}: {
  tags: string[];
  exclude: string[];
  onAdd: (song: PickedSong) => void;
}) {
  const [words, setWords] = useState('');
  const [proposals, setProposals] = useState<Proposal[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ask = async () => {
    setBusy(true);
    setError(null);
    try {
      setProposals((await api.propose({ tags, words, exclude })).candidates);
    } catch (e) {
      setError(e instanceof ApiError ? e.problem.detail : String(e));
    } finally {
      setBusy(false);
    }
  };
  const shown = proposals?.filter((p) => !exclude.includes(p.song)) ?? null;
  return (
    <section class="assistant" aria-labelledby="assistant-heading">
      <h3 id="assistant-heading">Suggest songs for this theme</h3>
      <form
        class="assistant-form"
        onSubmit={(e) => {
          e.preventDefault();
          void ask();
        }}
      >
        <label>
          Theme words, with the tags above
          <input
            value={words}
            placeholder="graduation, rain, ending themes 2010s…"
            onInput={(e) => setWords(e.currentTarget.value)}
          />
        </label>
        <button
          type="submit"
          class="secondary"
          disabled={busy || (!words.trim() && tags.length === 0)}
        >
          Suggest
        </button>
      </form>
      {error && (
        <p class="message error" role="alert">
          {error}
        </p>
      )}
      {shown && shown.length === 0 && <p>No songs fit that theme yet.</p>}
      {shown && shown.length > 0 && (
        <ul class="proposals">
          {shown.map((p) => (
            <li>
              <div>
                <strong>{p.label}</strong> <span class="muted">{p.detail}</span>
                <div class="muted">{p.reasons.join(' · ')}</div>
              </div>
              <button
                type="button"
                class="secondary"
                aria-label={`Add ${p.label}`}
                onClick={() => onAdd({ slug: p.song, label: `${p.label} — ${p.detail}` })}
              >
                Add
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
