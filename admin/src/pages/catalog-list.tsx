import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { RECORD_KINDS, type RecordKind, type RecordSummary } from '../api-types.ts';

export const KIND_LABELS: Record<RecordKind, { many: string; one: string }> = {
  songs: { many: 'Songs', one: 'song' },
  artists: { many: 'Artists', one: 'artist' },
  works: { many: 'Works', one: 'work' },
  tags: { many: 'Tags', one: 'tag' },
};

/** One kind of catalog record: search by any name, the most recently changed first. */
export function CatalogList({ kind }: { kind: RecordKind }) {
  const [query, setQuery] = useState('');
  const [records, setRecords] = useState<RecordSummary[] | null>(null);
  useEffect(() => {
    setRecords(null);
    const timer = setTimeout(
      () => {
        api.records(kind, query.trim(), 100).then(setRecords, () => setRecords([]));
      },
      query ? 150 : 0,
    );
    return () => clearTimeout(timer);
  }, [kind, query]);
  const { many, one } = KIND_LABELS[kind];
  return (
    <>
      <div class="toolbar">
        <h1>Catalog</h1>
        <a class="button" href={`#/catalog/${kind}/new`}>
          New {one}
        </a>
      </div>
      <nav class="tabs" aria-label="Kinds of record">
        {RECORD_KINDS.map((k) => (
          <a href={`#/catalog/${k}`} aria-current={k === kind ? 'page' : undefined}>
            {KIND_LABELS[k].many}
          </a>
        ))}
      </nav>
      <label class="search">
        Find {many.toLowerCase()}
        <input
          type="search"
          value={query}
          placeholder="Name in any script, alias or slug"
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </label>
      {records === null ? (
        <p class="loading">Loading…</p>
      ) : records.length === 0 ? (
        <p>
          No {many.toLowerCase()} match “{query}”.
        </p>
      ) : (
        <table class="records">
          <thead>
            <tr>
              <th>Name</th>
              <th>{kind === 'songs' ? 'Artist' : 'Kind'}</th>
              <th>Slug</th>
              <th>Changed</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr>
                <td>
                  <a href={`#/catalog/${kind}/${r.slug}`}>{r.label}</a>
                </td>
                <td>{r.detail}</td>
                <td>
                  <code>{r.slug}</code>
                </td>
                <td>{r.updatedAt?.slice(0, 10) ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
