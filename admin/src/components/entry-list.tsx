import { useState } from 'preact/hooks';
import type { Entry, Locale } from '../api-types.ts';
import { MarkdownField } from './markdown-field.tsx';

interface EntryListProps {
  entries: Entry[];
  locale: Locale;
  labels: Record<string, string>;
  onChange: (entries: Entry[]) => void;
  /** False for a ranking, whose order comes from plays: its entries only carry notes. */
  ordered?: boolean;
}

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/** Entries in order: drag a row, or use its buttons (and Alt+↑/↓) from the keyboard. */
export function EntryList({ entries, locale, labels, onChange, ordered = true }: EntryListProps) {
  const [dragging, setDragging] = useState<number | null>(null);
  const [announce, setAnnounce] = useState('');
  const moveTo = (from: number, to: number) => {
    if (to < 0 || to >= entries.length) return;
    onChange(move(entries, from, to));
    setAnnounce(
      `${labels[entries[from]?.song ?? ''] ?? entries[from]?.song} moved to position ${to + 1}.`,
    );
    // Keep focus on the moved row's handle so repeated key presses keep moving it.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-handle="${to}"]`)?.focus(),
    );
  };
  return (
    <>
      <p class="visually-hidden" aria-live="polite">
        {announce}
      </p>
      <ol class="entries">
        {entries.map((entry, i) => (
          <li
            key={entry.song}
            class={dragging === i ? 'entry dragging' : 'entry'}
            draggable={ordered}
            onDragStart={(event) => {
              setDragging(i);
              event.dataTransfer?.setData('text/plain', String(i));
            }}
            onDragOver={(event) => event.preventDefault()}
            onDrop={(event) => {
              event.preventDefault();
              const from = Number(event.dataTransfer?.getData('text/plain'));
              if (!Number.isNaN(from)) moveTo(from, i);
              setDragging(null);
            }}
            onDragEnd={() => setDragging(null)}
          >
            <div class="entry-head">
              {ordered && (
                <button
                  type="button"
                  class="handle"
                  data-handle={i}
                  aria-label={`Position ${i + 1}: ${labels[entry.song] ?? entry.song}. Alt+Up or Alt+Down moves it.`}
                  onKeyDown={(event) => {
                    if (event.altKey && event.key === 'ArrowUp') {
                      event.preventDefault();
                      moveTo(i, i - 1);
                    } else if (event.altKey && event.key === 'ArrowDown') {
                      event.preventDefault();
                      moveTo(i, i + 1);
                    }
                  }}
                >
                  ⠿ {i + 1}
                </button>
              )}
              <strong class="entry-song">{labels[entry.song] ?? entry.song}</strong>
              <span class="muted">{entry.song}</span>
              <span class="entry-buttons">
                {ordered && (
                  <>
                    <button
                      type="button"
                      disabled={i === 0}
                      onClick={() => moveTo(i, i - 1)}
                      aria-label={`Move ${entry.song} up`}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      disabled={i === entries.length - 1}
                      onClick={() => moveTo(i, i + 1)}
                      aria-label={`Move ${entry.song} down`}
                    >
                      ↓
                    </button>
                  </>
                )}
                <button
                  type="button"
                  onClick={() => onChange(entries.filter((_, j) => j !== i))}
                  aria-label={ordered ? `Remove ${entry.song}` : `Remove the note on ${entry.song}`}
                >
                  ✕
                </button>
              </span>
            </div>
            <MarkdownField
              label={`Commentary (${locale})`}
              value={entry.commentary[locale] ?? ''}
              onInput={(value) =>
                onChange(
                  entries.map((e, j) =>
                    j === i ? { ...e, commentary: { ...e.commentary, [locale]: value } } : e,
                  ),
                )
              }
            />
          </li>
        ))}
      </ol>
    </>
  );
}
