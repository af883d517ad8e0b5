import { useState } from 'preact/hooks';
import { CREDIT_ROLES } from '../../../src/catalog/vocabulary.ts';
import { api, ApiError } from '../api.ts';
import type { Problem } from '../api-types.ts';
import { slugFrom } from '../slug.ts';
import { RecordPicker } from './record-picker.tsx';

export interface CreatedSong {
  slug: string;
  label: string;
}

/**
 * Adds a song to the catalog without leaving the feature: a title, one credit (an artist
 * from the catalog, or a new one named here), and its slug. The rest waits for the catalog
 * editor.
 */
export function NewSongForm({
  title,
  onCreated,
  onCancel,
}: {
  title: string;
  onCreated: (song: CreatedSong) => void;
  onCancel: () => void;
}) {
  const [original, setOriginal] = useState(title);
  const [romanized, setRomanized] = useState(/^[\x20-\x7e]+$/.test(title) ? title : '');
  const [english, setEnglish] = useState('');
  const [slug, setSlug] = useState<string | null>(null);
  const [artist, setArtist] = useState<{ slug: string; label: string } | null>(null);
  const [newArtist, setNewArtist] = useState({ original: '', romanized: '' });
  const [role, setRole] = useState('vocals');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const songSlug = slug ?? slugFrom(romanized || english);

  const create = async () => {
    setBusy(true);
    setProblem(null);
    try {
      let credited = artist;
      if (!credited) {
        const created = await api.createRecord('artists', {
          slug: slugFrom(newArtist.romanized),
          kind: 'person',
          name: {
            original: newArtist.original,
            ...(newArtist.romanized ? { romanized: newArtist.romanized } : {}),
          },
          aliases: [],
          members: [],
        });
        credited = { slug: created.slug, label: newArtist.romanized || newArtist.original };
        // Kept, so a retry after a problem with the song does not add the artist twice.
        setArtist(credited);
      }
      const song = await api.createRecord('songs', {
        slug: songSlug,
        title: {
          original,
          ...(romanized ? { romanized } : {}),
          ...(english ? { en: english } : {}),
        },
        aliases: [],
        credits: [{ artist: credited.slug, role }],
        tie_ins: [],
        tags: [],
        media: {},
      });
      onCreated({
        slug: song.slug,
        label: `${english || romanized || original} — ${credited.label}`,
      });
    } catch (e) {
      setProblem(
        e instanceof ApiError ? e.problem : { status: 0, title: 'Error', detail: String(e) },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset class="new-song" aria-label="New song">
      <legend>New song</legend>
      <div class="grid">
        <label>
          Title as released
          <input lang="ja" value={original} onInput={(e) => setOriginal(e.currentTarget.value)} />
        </label>
        <label>
          Romanized title
          <input value={romanized} onInput={(e) => setRomanized(e.currentTarget.value)} />
        </label>
        <label>
          Official English title
          <input lang="en" value={english} onInput={(e) => setEnglish(e.currentTarget.value)} />
        </label>
        <label>
          Slug
          <input value={songSlug} onInput={(e) => setSlug(e.currentTarget.value.trim())} />
        </label>
      </div>
      <RecordPicker
        kind="artists"
        label="Artist"
        value={artist?.slug}
        display={artist?.label}
        optional
        onChange={(slug, summary) =>
          setArtist(slug ? { slug, label: summary?.label ?? slug } : null)
        }
      />
      {!artist && (
        <div class="grid">
          <label>
            …or a new artist: name as written
            <input
              lang="ja"
              value={newArtist.original}
              onInput={(e) => setNewArtist({ ...newArtist, original: e.currentTarget.value })}
            />
          </label>
          <label>
            New artist, romanized
            <input
              value={newArtist.romanized}
              onInput={(e) => setNewArtist({ ...newArtist, romanized: e.currentTarget.value })}
            />
          </label>
        </div>
      )}
      <label>
        Credited for
        <select value={role} onChange={(e) => setRole(e.currentTarget.value)}>
          {CREDIT_ROLES.map((r) => (
            <option value={r}>{r}</option>
          ))}
        </select>
      </label>
      {problem && (
        <div class="message error" role="alert">
          <p>{problem.detail}</p>
          {problem.errors && (
            <ul>
              {problem.errors.map((e) => (
                <li>
                  <code>{e.field.replace(/^record\.?/, '')}</code>: {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <button type="button" disabled={busy} onClick={() => void create()}>
        Add to catalog and feature
      </button>{' '}
      <button type="button" class="secondary" onClick={onCancel}>
        Cancel
      </button>
    </fieldset>
  );
}
