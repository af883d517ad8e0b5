import type {
  CategorySummary,
  FeatureDocument,
  RankingDefinition,
  RecordSummary,
} from '../api-types.ts';
import { TagChoices } from './tag-choices.tsx';

const THIS_YEAR = new Date().getUTCFullYear();

export const NEW_RANKING: RankingDefinition = { tags: [], period: THIS_YEAR, size: 30 };

interface RankingFieldsProps {
  doc: FeatureDocument;
  categories: CategorySummary[];
  tags: RecordSummary[];
  onChange: (doc: FeatureDocument) => void;
}

/** The kind of a feature and, for a ranking, what it counts and over which days. */
export function RankingFields({ doc, categories, tags, onChange }: RankingFieldsProps) {
  const ranking = doc.ranking;
  const set = (patch: Partial<RankingDefinition>) =>
    onChange({ ...doc, ranking: { ...NEW_RANKING, ...ranking, ...patch } });
  const years = [THIS_YEAR, THIS_YEAR - 1, THIS_YEAR - 2];
  if (ranking && typeof ranking.period === 'number' && !years.includes(ranking.period))
    years.push(ranking.period);
  return (
    <>
      <label>
        Kind
        <select
          value={doc.kind}
          onChange={(e) => {
            const kind = e.currentTarget.value;
            const { ranking: _ranking, ...rest } = doc;
            onChange(
              kind === 'ranking' ? { ...rest, kind, ranking: NEW_RANKING } : { ...rest, kind },
            );
          }}
        >
          <option value="curated">Curated list</option>
          <option value="ranking">Ranking by plays</option>
        </select>
      </label>
      {ranking && (
        <fieldset class="ranking-definition">
          <legend>What this ranking counts</legend>
          <p class="muted">
            Songs with plays in the period, most played first, recounted every hour and whenever
            this is saved. Choose neither a category nor tags to rank every song in a feature.
          </p>
          <label>
            Songs from features in
            <select
              value={ranking.category ?? ''}
              onChange={(e) => set({ category: e.currentTarget.value || undefined })}
            >
              <option value="">any category</option>
              {categories.map((c) => (
                <option value={c.slug}>{c.label}</option>
              ))}
            </select>
          </label>
          <label>
            Period
            <select
              value={String(ranking.period)}
              onChange={(e) => {
                const value = e.currentTarget.value;
                set({ period: value === 'last-30-days' ? value : Number(value) });
              }}
            >
              <option value="last-30-days">the last 30 days</option>
              {years.map((y) => (
                <option value={String(y)}>the year {y}</option>
              ))}
            </select>
          </label>
          <label>
            Songs ranked
            <input
              type="number"
              min={1}
              max={100}
              value={ranking.size}
              onInput={(e) => set({ size: Number(e.currentTarget.value) })}
            />
          </label>
          <TagChoices
            legend="Only songs with every one of these tags"
            tags={tags}
            chosen={ranking.tags}
            onChange={(chosen) => set({ tags: chosen })}
          />
        </fieldset>
      )}
    </>
  );
}
