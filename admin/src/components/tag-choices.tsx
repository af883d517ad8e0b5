import type { RecordSummary } from '../api-types.ts';

interface TagChoicesProps {
  legend: string;
  tags: RecordSummary[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
  /** Show each tag's kind beside it. */
  withKind?: boolean;
}

/** A checkbox per tag; the chosen slugs are kept sorted, as the server stores them. */
export function TagChoices({ legend, tags, chosen, onChange, withKind = false }: TagChoicesProps) {
  return (
    <fieldset class="tag-choices">
      <legend>{legend}</legend>
      {tags.map((t) => (
        <label class="check">
          <input
            type="checkbox"
            checked={chosen.includes(t.slug)}
            onChange={(e) =>
              onChange(
                e.currentTarget.checked
                  ? [...chosen, t.slug].sort()
                  : chosen.filter((x) => x !== t.slug),
              )
            }
          />
          {t.label} {withKind && <span class="muted">{t.detail}</span>}
        </label>
      ))}
    </fieldset>
  );
}
