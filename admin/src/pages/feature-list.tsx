import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { LOCALES, type EditorListItem } from '../api-types.ts';

export function FeatureList() {
  const [features, setFeatures] = useState<EditorListItem[] | null>(null);
  useEffect(() => {
    void api.features().then(setFeatures);
  }, []);
  if (!features) return <p class="loading">Loading features…</p>;
  return (
    <>
      <div class="toolbar">
        <h1>Features</h1>
        <a class="button" href="#/new">
          New feature
        </a>
      </div>
      <table class="features">
        <thead>
          <tr>
            <th>Title</th>
            <th>Status</th>
            <th>Songs</th>
            <th>Languages</th>
            <th>Updated</th>
          </tr>
        </thead>
        <tbody>
          {features.map((f) => (
            <tr>
              <td>
                <a href={`#/features/${f.slug}`}>{f.title}</a>
                <div class="muted">{f.slug}</div>
              </td>
              <td>
                <span class={`status status-${f.status}`}>{f.status}</span>
              </td>
              <td>{f.entryCount}</td>
              <td>
                <div class="locales">
                  {LOCALES.map((l) => (
                    <span class={`locale locale-${f.locales[l]}`} title={`${l}: ${f.locales[l]}`}>
                      {l} {f.locales[l] === 'reviewed' ? '✓' : f.locales[l] === 'draft' ? '…' : '–'}
                    </span>
                  ))}
                </div>
              </td>
              <td>{f.updatedAt.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
