import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import type {
  ArtistRecord,
  RecordKind,
  RecordLabels,
  RecordSummary,
  RecordTypes,
  RecordView,
  SongRecord,
  TagRecord,
  User,
  WorkRecord,
} from '../api-types.ts';
import { RecordPicker } from '../components/record-picker.tsx';
import { ArtistFields, SongFields, TagFields, WorkFields } from '../components/record-fields.tsx';
import { KIND_LABELS } from './catalog-list.tsx';
import { slugFrom } from '../slug.ts';

const NO_LABELS: RecordLabels = { artists: {}, works: {}, songs: {} };

const BLANK: { [K in RecordKind]: RecordTypes[K] } = {
  songs: {
    slug: '',
    title: { original: '' },
    aliases: [],
    credits: [{ artist: '', role: 'vocals' }],
    tie_ins: [],
    tags: [],
    media: {},
  },
  artists: { slug: '', kind: 'person', name: { original: '' }, aliases: [], members: [] },
  works: { slug: '', kind: 'tv', title: { original: '' }, aliases: [] },
  tags: { slug: '', kind: 'mood', name: { en: '' } },
};

function nameOf(record: RecordTypes[RecordKind]): string {
  if ('title' in record) return record.title.en ?? record.title.romanized ?? record.title.original;
  if ('members' in record) return record.name.en ?? record.name.romanized ?? record.name.original;
  return record.name.en;
}

function latinName(record: RecordTypes[RecordKind]): string | undefined {
  if ('title' in record) return record.title.romanized ?? record.title.en;
  if ('members' in record) return record.name.romanized ?? record.name.en;
  return record.name.en;
}

function usesText(uses: Record<string, number>): string {
  const words: Record<string, [string, string]> = {
    entries: ['feature entry', 'feature entries'],
    credits: ['song credit', 'song credits'],
    tieIns: ['tie-in', 'tie-ins'],
    songs: ['tagged song', 'tagged songs'],
    features: ['tagged feature', 'tagged features'],
  };
  return Object.entries(uses)
    .map(([key, n]) => {
      const [one, many] = words[key] ?? [key, key];
      return `${n} ${n === 1 ? one : many}`;
    })
    .join(', ');
}

/** The problems a refused save named, each with the field at fault. */
function Problems({ problem }: { problem: ApiError['problem'] }) {
  return (
    <div class="message error" role="alert">
      <p>{problem.errors?.length ? 'Nothing was saved. Please fix:' : problem.detail}</p>
      {problem.errors && (
        <ul>
          {problem.errors.map((e) => (
            <li>
              <code>{e.field.replace(/^record\.?/, '') || 'record'}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Merge({ view, onMerged }: { view: RecordView; onMerged: (into: string) => void }) {
  const [target, setTarget] = useState<RecordView | null>(null);
  const [problem, setProblem] = useState<ApiError['problem'] | null>(null);
  const one = KIND_LABELS[view.kind].one;
  return (
    <section class="merge" aria-labelledby="merge-heading">
      <h2 id="merge-heading">Merge a duplicate</h2>
      <p class="muted">
        If this {one} is a duplicate, merge it into the one that stays: every reference follows,
        this {one} is deleted{view.kind === 'tags' ? '' : ' and its names become aliases'}.
      </p>
      <RecordPicker
        kind={view.kind}
        label={`The ${one} that stays`}
        value={target?.slug}
        display={target ? nameOf(target.record) : undefined}
        exclude={[view.slug]}
        onChange={(slug?: string, _summary?: RecordSummary) => {
          setProblem(null);
          if (!slug) setTarget(null);
          else
            api.record(view.kind, slug).then(setTarget, (e: unknown) => {
              if (e instanceof ApiError) setProblem(e.problem);
            });
        }}
      />
      {target && (
        <>
          <div class="conflict-pair">
            <div>
              <h3>Goes: {nameOf(view.record)}</h3>
              <p>
                <code>{view.slug}</code> · {usesText(view.uses)}
              </p>
            </div>
            <div>
              <h3>Stays: {nameOf(target.record)}</h3>
              <p>
                <code>{target.slug}</code> · {usesText(target.uses)}
              </p>
            </div>
          </div>
          <button
            type="button"
            class="danger"
            onClick={() => {
              if (!window.confirm(`Merge ${view.slug} into ${target.slug}? This cannot be undone.`))
                return;
              api.mergeRecord(view.kind, view.slug, target.slug).then(
                () => onMerged(target.slug),
                (e: unknown) => {
                  if (e instanceof ApiError) setProblem(e.problem);
                },
              );
            }}
          >
            Merge {view.slug} into {target.slug}
          </button>
        </>
      )}
      {problem && <Problems problem={problem} />}
    </section>
  );
}

/** Adds or corrects one catalog record; editors can also merge it into another. */
export function CatalogRecord({
  kind,
  slug,
  user,
}: {
  kind: RecordKind;
  slug: string | null;
  user: User;
}) {
  const [view, setView] = useState<RecordView | null>(null);
  const [record, setRecord] = useState<RecordTypes[RecordKind]>(BLANK[kind]);
  const [slugTouched, setSlugTouched] = useState(false);
  const [tags, setTags] = useState<RecordSummary[]>([]);
  const [problem, setProblem] = useState<ApiError['problem'] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<RecordView | null>(null);
  const [busy, setBusy] = useState(false);
  const { one } = KIND_LABELS[kind];
  const isEditor = user.role !== 'writer';
  const readOnly = slug !== null && !isEditor;

  useEffect(() => {
    setProblem(null);
    setConflict(null);
    // A new or merged record opens at its own address; the hash says what just happened.
    const done = new URLSearchParams(window.location.hash.split('?')[1]).get('done');
    setMessage(
      done === 'merged'
        ? 'Merged: this record now carries everything the duplicate had.'
        : done === 'added'
          ? `Added this ${one}.`
          : null,
    );
    if (kind === 'songs') void api.records('tags', '', 200).then(setTags);
    if (!slug) {
      setView(null);
      setRecord(BLANK[kind]);
      return;
    }
    api.record(kind, slug).then(
      (v) => {
        setView(v);
        setRecord(v.record);
      },
      (e: unknown) => {
        if (e instanceof ApiError) setProblem(e.problem);
      },
    );
  }, [kind, slug]);

  const change = (next: RecordTypes[RecordKind]) => {
    const latin = latinName(next);
    setRecord(slug || slugTouched ? next : { ...next, slug: slugFrom(latin) });
  };

  const save = async (baseVersion = view?.version ?? null) => {
    setBusy(true);
    setProblem(null);
    setMessage(null);
    try {
      const saved = view
        ? await api.updateRecord(kind, view.slug, baseVersion, record)
        : await api.createRecord(kind, record);
      setView(saved);
      setRecord(saved.record);
      if (view) setMessage('Saved. The public pages show it now.');
      else window.location.hash = `#/catalog/${kind}/${saved.slug}?done=added`;
    } catch (e) {
      if (e instanceof ApiError && e.problem.status === 409 && e.problem.current)
        setConflict(e.problem.current as RecordView);
      else if (e instanceof ApiError) setProblem(e.problem);
      else setMessage(String(e));
    } finally {
      setBusy(false);
    }
  };

  const fields =
    kind === 'songs' ? (
      <SongFields
        value={record as SongRecord}
        onChange={change}
        tags={tags}
        labels={view?.labels ?? NO_LABELS}
      />
    ) : kind === 'artists' ? (
      <ArtistFields
        value={record as ArtistRecord}
        onChange={change}
        labels={view?.labels ?? NO_LABELS}
      />
    ) : kind === 'works' ? (
      <WorkFields value={record as WorkRecord} onChange={change} />
    ) : (
      <TagFields value={record as TagRecord} onChange={change} />
    );

  return (
    <div class="editor">
      <div class="toolbar">
        <h1>{view ? nameOf(view.record) : `New ${one}`}</h1>
        <a href={`#/catalog/${kind}`}>All {KIND_LABELS[kind].many.toLowerCase()}</a>
        {view && (
          <a href={`/en/${kind}/${view.slug}`} target="_blank" rel="noopener">
            Public page
          </a>
        )}
        {view && <span class="muted">{usesText(view.uses)}</span>}
      </div>
      {message && (
        <p class="message ok" role="status">
          {message}
        </p>
      )}
      {problem && <Problems problem={problem} />}
      {readOnly && (
        <p class="message info">
          Writers can add {KIND_LABELS[kind].many.toLowerCase()}; an editor corrects them once they
          exist.
        </p>
      )}
      {conflict && (
        <section class="conflict" aria-labelledby="conflict-heading">
          <h2 id="conflict-heading">Someone else changed this {one} while you were editing</h2>
          <div class="conflict-pair">
            <div>
              <h3>Their version (saved)</h3>
              <pre>{JSON.stringify(conflict.record, null, 2)}</pre>
            </div>
            <div>
              <h3>Your version (not saved)</h3>
              <pre>{JSON.stringify(record, null, 2)}</pre>
            </div>
          </div>
          <button
            type="button"
            onClick={() => {
              const latest = conflict;
              setConflict(null);
              setView(latest);
              void save(latest.version);
            }}
          >
            Keep mine (save over theirs)
          </button>{' '}
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setView(conflict);
              setRecord(conflict.record);
              setConflict(null);
            }}
          >
            Take theirs
          </button>
        </section>
      )}
      <form
        class="record-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset disabled={readOnly || busy} class="plain">
          <label>
            Slug (the address; cannot change once added)
            <input
              value={record.slug}
              readOnly={slug !== null}
              required
              pattern="[a-z0-9]+(-[a-z0-9]+)*"
              onInput={(e) => {
                setSlugTouched(true);
                setRecord({ ...record, slug: e.currentTarget.value.trim() });
              }}
            />
          </label>
          {fields}
          <div class="actions">
            <button type="submit">{view ? 'Save' : `Add ${one}`}</button>
          </div>
        </fieldset>
      </form>
      {view && isEditor && (
        <Merge
          view={view}
          onMerged={(into) => {
            window.location.hash = `#/catalog/${kind}/${into}?done=merged`;
          }}
        />
      )}
    </div>
  );
}
