import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import {
  LOCALES,
  type EditorView,
  type FeatureDocument,
  type Locale,
  type CategorySummary,
  type NameWarning,
  type RecordSummary,
  type User,
} from '../api-types.ts';
import { DraftingAssistant } from '../components/drafting-assistant.tsx';
import { EntryList } from '../components/entry-list.tsx';
import { MarkdownField } from '../components/markdown-field.tsx';
import { RankingFields } from '../components/ranking-fields.tsx';
import { TagChoices } from '../components/tag-choices.tsx';
import { SongPicker, type PickedSong } from '../components/song-picker.tsx';
import { localDraft } from '../local-draft.ts';

const EMPTY: FeatureDocument = {
  slug: '',
  kind: 'curated',
  tags: [],
  related: [],
  text: { en: { title: '', lead: '', closing: '', status: 'draft' } },
  entries: [],
};

function same(a: FeatureDocument, b: FeatureDocument): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What a version says, briefly, for comparing two of them side by side. */
function Summary({ document }: { document: FeatureDocument }) {
  return (
    <div>
      <p>
        <strong>{document.text.en?.title ?? document.slug}</strong> · {document.entries.length}{' '}
        songs
      </p>
      <ol>
        {document.entries.map((e) => (
          <li>
            {e.song}: {(e.commentary.en ?? e.commentary.ja ?? '').slice(0, 80)}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function FeatureEditor({ slug, user }: { slug: string | null; user: User }) {
  const [view, setView] = useState<EditorView | null>(null);
  const [doc, setDoc] = useState<FeatureDocument>(EMPTY);
  const [locale, setLocale] = useState<Locale>('en');
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'info'; text: string } | null>(
    null,
  );
  const [conflict, setConflict] = useState<EditorView | null>(null);
  const [busy, setBusy] = useState(false);
  const [scheduleAt, setScheduleAt] = useState('');
  const [warnings, setWarnings] = useState<NameWarning[] | null>(null);
  const canPublish = user.role !== 'writer';
  const [categories, setCategories] = useState<CategorySummary[]>([]);
  const [tags, setTags] = useState<RecordSummary[]>([]);
  useEffect(() => {
    void api.categories().then(setCategories);
    void api.records('tags', '', 200).then(setTags);
  }, []);

  useEffect(() => {
    const load = async () => {
      const server = slug ? await api.feature(slug) : null;
      const base = server?.document ?? EMPTY;
      const saved = localDraft.read(slug);
      setView(server);
      if (server) setLabels((known) => ({ ...server.songs, ...known }));
      if (saved && saved.baseRevision === (server?.revision ?? 0) && !same(saved.document, base)) {
        setDoc(saved.document);
        setMessage({
          kind: 'info',
          text: `Restored your unsaved changes from ${saved.savedAt.slice(0, 16).replace('T', ' ')}.`,
        });
      } else setDoc(base);
    };
    load().catch((e: unknown) =>
      setMessage({ kind: 'error', text: e instanceof ApiError ? e.problem.detail : String(e) }),
    );
  }, [slug]);

  const update = (next: FeatureDocument) => {
    setDoc(next);
    localDraft.write(slug, view?.revision ?? 0, next);
  };

  const run = async (action: () => Promise<EditorView>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await action();
      setView(result);
      setLabels((known) => ({ ...result.songs, ...known }));
      setDoc(result.document);
      localDraft.clear(slug);
      setMessage({ kind: 'ok', text: done });
      if (result.slug !== slug) window.location.hash = `#/features/${result.slug}`;
    } catch (e) {
      if (e instanceof ApiError && e.problem.status === 409 && e.problem.current)
        setConflict(e.problem.current as EditorView);
      else if (e instanceof ApiError) {
        const fields = e.problem.errors?.map((f) => `${f.field}: ${f.message}`).join('; ');
        setMessage({
          kind: 'error',
          text: fields ? `${e.problem.detail} (${fields})` : e.problem.detail,
        });
      } else setMessage({ kind: 'error', text: String(e) });
    } finally {
      setBusy(false);
    }
  };

  const save = (baseRevision = view?.revision ?? 0) =>
    run(
      () => (view ? api.save(view.slug, baseRevision, doc) : api.create(doc)),
      `Saved revision ${baseRevision + 1}.`,
    );

  const addSong = (song: PickedSong) => {
    setLabels({ ...labels, [song.slug]: song.label });
    update({ ...doc, entries: [...doc.entries, { song: song.slug, commentary: {} }] });
  };

  const text = doc.text[locale];
  const setText = (patch: Partial<NonNullable<typeof text>>) =>
    update({
      ...doc,
      text: {
        ...doc.text,
        [locale]: { title: '', lead: '', closing: '', status: 'draft', ...text, ...patch },
      },
    });

  return (
    <div class="editor">
      <div class="toolbar">
        <h1>{view ? (doc.text.en?.title ?? view.slug) : 'New feature'}</h1>
        <span class={`status status-${view?.status ?? 'draft'}`}>
          {view?.status ?? 'not saved'}
        </span>
        {view && <span class="muted">revision {view.revision}</span>}
        {view && <a href={`#/features/${view.slug}/history`}>History</a>}
      </div>
      {message && (
        <p class={`message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {conflict && (
        <section class="conflict" aria-labelledby="conflict-heading">
          <h2 id="conflict-heading">
            Someone else saved revision {conflict.revision} while you were editing
          </h2>
          <div class="conflict-pair">
            <div>
              <h3>Their version (saved)</h3>
              <Summary document={conflict.document} />
            </div>
            <div>
              <h3>Your version (not saved)</h3>
              <Summary document={doc} />
            </div>
          </div>
          <button
            type="button"
            onClick={() => {
              const latest = conflict;
              setConflict(null);
              void save(latest.revision);
            }}
          >
            Keep mine (save over theirs)
          </button>{' '}
          <button
            type="button"
            onClick={() => {
              setView(conflict);
              setDoc(conflict.document);
              localDraft.clear(slug);
              setConflict(null);
            }}
          >
            Take theirs
          </button>
        </section>
      )}
      <section class="settings" aria-label="Settings">
        <RankingFields doc={doc} categories={categories} tags={tags} onChange={update} />
        <label>
          Slug
          <input
            value={doc.slug}
            onInput={(e) => update({ ...doc, slug: e.currentTarget.value.trim() })}
            placeholder="anime-rain-songs"
          />
        </label>
        <label>
          Category
          <select
            value={doc.category ?? ''}
            onChange={(e) => update({ ...doc, category: e.currentTarget.value || undefined })}
          >
            <option value="">(none)</option>
            {categories.map((c) => (
              <option value={c.slug}>{c.label}</option>
            ))}
          </select>
        </label>
        <label>
          Byline
          <input
            value={doc.byline ?? ''}
            onInput={(e) => update({ ...doc, byline: e.currentTarget.value || undefined })}
          />
        </label>
      </section>
      <TagChoices
        legend="Tags"
        tags={tags}
        chosen={doc.tags}
        withKind
        onChange={(chosen) => update({ ...doc, tags: chosen })}
      />
      <div class="tabs" role="tablist" aria-label="Language">
        {LOCALES.map((l) => (
          <button
            type="button"
            role="tab"
            aria-selected={l === locale}
            onClick={() => setLocale(l)}
          >
            {l} {doc.text[l] ? (doc.text[l]?.status === 'reviewed' ? '✓' : '…') : '–'}
          </button>
        ))}
      </div>
      <section class="texts" aria-label={`Texts in ${locale}`}>
        <label>
          Title ({locale})
          <input
            value={text?.title ?? ''}
            onInput={(e) => setText({ title: e.currentTarget.value })}
          />
        </label>
        <label>
          Status of this language
          <select
            value={text?.status ?? 'draft'}
            onChange={(e) => setText({ status: e.currentTarget.value as 'draft' | 'reviewed' })}
          >
            <option value="draft">draft (readers see another language)</option>
            <option value="reviewed">reviewed (live)</option>
          </select>
        </label>
        <MarkdownField
          label={`Lead (${locale})`}
          value={text?.lead ?? ''}
          onInput={(v) => setText({ lead: v })}
        />
        <MarkdownField
          label={`Closing (${locale})`}
          value={text?.closing ?? ''}
          onInput={(v) => setText({ closing: v })}
          rows={2}
        />
      </section>
      {doc.kind === 'ranking' ? (
        <section aria-label="Notes on ranked songs">
          <h2>Notes on ranked songs ({doc.entries.length})</h2>
          <p class="muted">
            Plays set the order; what you write here stays with each song through every recount, and
            shows whenever the song is ranked.
          </p>
          <SongPicker exclude={doc.entries.map((e) => e.song)} onPick={addSong} />
          <EntryList
            entries={doc.entries}
            locale={locale}
            labels={labels}
            ordered={false}
            onChange={(entries) => update({ ...doc, entries })}
          />
        </section>
      ) : (
        <section aria-label="Songs">
          <h2>Songs ({doc.entries.length})</h2>
          <SongPicker exclude={doc.entries.map((e) => e.song)} onPick={addSong} />
          <DraftingAssistant
            tags={doc.tags}
            exclude={doc.entries.map((e) => e.song)}
            onAdd={addSong}
          />
          <EntryList
            entries={doc.entries}
            locale={locale}
            labels={labels}
            onChange={(entries) => update({ ...doc, entries })}
          />
        </section>
      )}
      {warnings && (
        <section class="warnings" aria-labelledby="names-heading">
          <h2 id="names-heading">Name check</h2>
          {warnings.length === 0 ? (
            <p>Every name is spelled as the catalog has it for its language.</p>
          ) : (
            <ul>
              {warnings.map((w) => (
                <li>
                  Song {w.position}, {w.locale}: the commentary writes “{w.wrote}” where the
                  catalog’s {w.entity} name for this language is “{w.expected}”.
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => void save()}>
          Save draft
        </button>
        <button
          type="button"
          class="secondary"
          disabled={busy}
          onClick={() => {
            api.nameCheck(doc).then(
              (r) => setWarnings(r.warnings),
              (e: unknown) =>
                setMessage({
                  kind: 'error',
                  text: e instanceof ApiError ? e.problem.detail : String(e),
                }),
            );
          }}
        >
          Check names
        </button>
        {canPublish && view && (
          <>
            <button
              type="button"
              disabled={busy}
              onClick={() => void run(() => api.publish(view.slug), 'Published.')}
            >
              Publish now
            </button>
            <label class="inline">
              or at{' '}
              <input
                type="datetime-local"
                value={scheduleAt}
                onInput={(e) => setScheduleAt(e.currentTarget.value)}
              />
            </label>
            <button
              type="button"
              disabled={busy || !scheduleAt}
              onClick={() =>
                void run(
                  () => api.publish(view.slug, new Date(scheduleAt).toISOString()),
                  'Scheduled.',
                )
              }
            >
              Schedule
            </button>
            {view.status !== 'draft' && view.status !== 'unpublished' && (
              <button
                type="button"
                disabled={busy}
                onClick={() => void run(() => api.unpublish(view.slug), 'Unpublished.')}
              >
                Unpublish
              </button>
            )}
          </>
        )}
        {view && (
          <a
            class="button secondary"
            href={`/admin/preview/${locale}/${view.slug}`}
            target="_blank"
            rel="noopener"
          >
            Preview saved version
          </a>
        )}
        {view?.status === 'published' && (
          <a
            class="button secondary"
            href={`/${locale}/${view.slug}`}
            target="_blank"
            rel="noopener"
          >
            View the public page
          </a>
        )}
      </div>
    </div>
  );
}
