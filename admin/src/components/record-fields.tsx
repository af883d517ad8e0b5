import {
  ARTIST_KINDS,
  CREDIT_ROLES,
  MEDIA_PROVIDERS,
  TAG_KINDS,
  TIE_IN_ROLES,
  WORK_KINDS,
} from '../../../src/catalog/vocabulary.ts';
import type {
  ArtistRecord,
  NameRecord,
  RecordLabels,
  RecordSummary,
  SongRecord,
  TagRecord,
  WorkRecord,
} from '../api-types.ts';
import { RecordPicker } from './record-picker.tsx';
import { TagChoices } from './tag-choices.tsx';

/** Form sections for catalog records; each edits one record shape and reports the whole. */

type Change<T> = (next: T) => void;

/** Empty text means "not set": the API treats absent and empty differently. */
function orUndefined(text: string): string | undefined {
  return text.trim() === '' ? undefined : text;
}

function Text({
  label,
  value,
  onInput,
  lang,
  required = false,
}: {
  label: string;
  value: string | undefined;
  onInput: (value: string | undefined) => void;
  lang?: string;
  required?: boolean;
}) {
  return (
    <label>
      {label}
      <input
        value={value ?? ''}
        lang={lang}
        required={required}
        onInput={(e) => onInput(orUndefined(e.currentTarget.value))}
      />
    </label>
  );
}

function Choice({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => (
          <option value={o}>{o}</option>
        ))}
      </select>
    </label>
  );
}

export function NameFields({
  legend,
  value,
  onChange,
}: {
  legend: string;
  value: NameRecord;
  onChange: Change<NameRecord>;
}) {
  const set = (key: keyof NameRecord) => (text: string | undefined) => {
    const next = { ...value, [key]: text };
    if (text === undefined) delete next[key];
    onChange(next as NameRecord);
  };
  return (
    <fieldset class="grid">
      <legend>{legend}</legend>
      <Text
        label="Original (as released)"
        value={value.original}
        onInput={set('original')}
        lang="ja"
        required
      />
      <Text
        label="Romanized (Hepburn): the reading search uses"
        value={value.romanized}
        onInput={set('romanized')}
      />
      <Text label="Official English" value={value.en} onInput={set('en')} lang="en" />
      <Text
        label="Traditional Chinese"
        value={value['zh-hant']}
        onInput={set('zh-hant')}
        lang="zh-Hant"
      />
      <Text label="Korean" value={value.ko} onInput={set('ko')} lang="ko" />
    </fieldset>
  );
}

export function AliasesField({ value, onChange }: { value: string[]; onChange: Change<string[]> }) {
  return (
    <label>
      Other names people search by (one per line)
      <textarea
        rows={3}
        value={value.join('\n')}
        onInput={(e) =>
          onChange(
            e.currentTarget.value
              .split('\n')
              .map((a) => a.trim())
              .filter(Boolean),
          )
        }
      />
    </label>
  );
}

function Rows<T>({
  legend,
  items,
  onChange,
  blank,
  render,
}: {
  legend: string;
  items: T[];
  onChange: Change<T[]>;
  blank?: T;
  render: (item: T, set: Change<T>, index: number) => preact.ComponentChildren;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {items.map((item, i) => (
        <div class="row">
          {render(item, (next) => onChange(items.map((x, j) => (j === i ? next : x))), i)}
          <button
            type="button"
            class="secondary"
            aria-label={`Remove ${legend.toLowerCase()} ${i + 1}`}
            onClick={() => onChange(items.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      {blank !== undefined && (
        <button type="button" class="secondary" onClick={() => onChange([...items, blank])}>
          Add
        </button>
      )}
    </fieldset>
  );
}

export function SongFields({
  value,
  onChange,
  tags,
  labels,
}: {
  value: SongRecord;
  onChange: Change<SongRecord>;
  tags: RecordSummary[];
  labels: RecordLabels;
}) {
  return (
    <>
      <NameFields
        legend="Title"
        value={value.title}
        onChange={(title) => onChange({ ...value, title })}
      />
      <AliasesField value={value.aliases} onChange={(aliases) => onChange({ ...value, aliases })} />
      <Text
        label="Released (YYYY, YYYY-MM or YYYY-MM-DD)"
        value={value.released}
        onInput={(released) => onChange({ ...value, released })}
      />
      <Rows
        legend="Credits"
        items={value.credits}
        onChange={(credits) => onChange({ ...value, credits })}
        blank={{ artist: '', role: 'vocals' }}
        render={(credit, set, i) => (
          <>
            <RecordPicker
              kind="artists"
              label={`Artist ${i + 1}`}
              value={credit.artist || undefined}
              display={labels.artists[credit.artist]}
              onChange={(artist) => set({ ...credit, artist: artist ?? '' })}
            />
            <Choice
              label="Role"
              value={credit.role}
              options={CREDIT_ROLES}
              onChange={(role) => set({ ...credit, role })}
            />
            <RecordPicker
              kind="artists"
              label="As character (optional)"
              value={credit.as}
              display={credit.as ? labels.artists[credit.as] : undefined}
              optional
              onChange={(as) => {
                const next = { ...credit, as };
                if (!as) delete next.as;
                set(next);
              }}
            />
          </>
        )}
      />
      <Rows
        legend="Tie-ins"
        items={value.tie_ins}
        onChange={(tie_ins) => onChange({ ...value, tie_ins })}
        blank={{ work: '', role: 'opening' }}
        render={(tieIn, set, i) => (
          <>
            <RecordPicker
              kind="works"
              label={`Work ${i + 1}`}
              value={tieIn.work || undefined}
              display={labels.works[tieIn.work]}
              onChange={(work) => set({ ...tieIn, work: work ?? '' })}
            />
            <Choice
              label="Role"
              value={tieIn.role}
              options={TIE_IN_ROLES}
              onChange={(role) => set({ ...tieIn, role })}
            />
            <label>
              Number
              <input
                type="number"
                min={1}
                value={tieIn.sequence ?? ''}
                onInput={(e) => {
                  const n = e.currentTarget.valueAsNumber;
                  const next = { ...tieIn, sequence: Number.isNaN(n) ? undefined : n };
                  if (next.sequence === undefined) delete next.sequence;
                  set(next);
                }}
              />
            </label>
            <Text
              label="Season"
              value={tieIn.season}
              onInput={(season) => set({ ...tieIn, season })}
            />
          </>
        )}
      />
      <TagChoices
        legend="Tags"
        tags={tags}
        chosen={value.tags}
        onChange={(chosen) => onChange({ ...value, tags: chosen })}
      />
      <RecordPicker
        kind="songs"
        label="Cover of (optional)"
        value={value.cover_of}
        display={value.cover_of ? labels.songs[value.cover_of] : undefined}
        exclude={[value.slug]}
        optional
        onChange={(cover_of) => {
          const next = { ...value, cover_of };
          if (!cover_of) delete next.cover_of;
          onChange(next);
        }}
      />
      <fieldset class="grid">
        <legend>Where to play it (ids only, never a guess)</legend>
        {MEDIA_PROVIDERS.map((provider) => (
          <Text
            label={provider}
            value={value.media[provider]}
            onInput={(id) => {
              const media = { ...value.media, [provider]: id };
              if (!id) delete media[provider];
              onChange({ ...value, media });
            }}
          />
        ))}
      </fieldset>
    </>
  );
}

export function ArtistFields({
  value,
  onChange,
  labels,
}: {
  value: ArtistRecord;
  onChange: Change<ArtistRecord>;
  labels: RecordLabels;
}) {
  return (
    <>
      <Choice
        label="Kind"
        value={value.kind}
        options={ARTIST_KINDS}
        onChange={(kind) => onChange({ ...value, kind })}
      />
      <NameFields
        legend="Name"
        value={value.name}
        onChange={(name) => onChange({ ...value, name })}
      />
      <AliasesField value={value.aliases} onChange={(aliases) => onChange({ ...value, aliases })} />
      <Rows
        legend="Members"
        items={value.members}
        onChange={(members) => onChange({ ...value, members })}
        blank=""
        render={(member, set, i) => (
          <RecordPicker
            kind="artists"
            label={`Member ${i + 1}`}
            value={member || undefined}
            display={labels.artists[member]}
            exclude={[value.slug, ...value.members]}
            onChange={(slug) => set(slug ?? '')}
          />
        )}
      />
    </>
  );
}

export function WorkFields({
  value,
  onChange,
}: {
  value: WorkRecord;
  onChange: Change<WorkRecord>;
}) {
  return (
    <>
      <Choice
        label="Kind"
        value={value.kind}
        options={WORK_KINDS}
        onChange={(kind) => onChange({ ...value, kind })}
      />
      <NameFields
        legend="Title"
        value={value.title}
        onChange={(title) => onChange({ ...value, title })}
      />
      <AliasesField value={value.aliases} onChange={(aliases) => onChange({ ...value, aliases })} />
      <label>
        Year
        <input
          type="number"
          min={1900}
          max={2100}
          value={value.year ?? ''}
          onInput={(e) => {
            const n = e.currentTarget.valueAsNumber;
            const next = { ...value, year: Number.isNaN(n) ? undefined : n };
            if (next.year === undefined) delete next.year;
            onChange(next);
          }}
        />
      </label>
    </>
  );
}

export function TagFields({ value, onChange }: { value: TagRecord; onChange: Change<TagRecord> }) {
  const set = (key: keyof TagRecord['name']) => (text: string | undefined) => {
    const name = { ...value.name, [key]: text };
    if (text === undefined && key !== 'en') delete name[key];
    onChange({ ...value, name: { ...name, en: name.en ?? '' } });
  };
  return (
    <>
      <Choice
        label="Kind"
        value={value.kind}
        options={TAG_KINDS}
        onChange={(kind) => onChange({ ...value, kind })}
      />
      <fieldset class="grid">
        <legend>Label</legend>
        <Text label="English" value={value.name.en} onInput={set('en')} lang="en" required />
        <Text label="Japanese" value={value.name.ja} onInput={set('ja')} lang="ja" />
        <Text
          label="Traditional Chinese"
          value={value.name['zh-hant']}
          onInput={set('zh-hant')}
          lang="zh-Hant"
        />
        <Text label="Korean" value={value.name.ko} onInput={set('ko')} lang="ko" />
      </fieldset>
    </>
  );
}
