import Table from 'cli-table3';
import { SINGULAR, type ImportPlan, type Planned } from '#src/catalog-import/index.ts';

const SHOWN = 50;

function section(title: string, lines: string[]): string[] {
  if (lines.length === 0) return [];
  const more = lines.length - SHOWN;
  return [
    '',
    `${title}:`,
    ...lines.slice(0, SHOWN).map((l) => `  ${l}`),
    ...(more > 0 ? [`  … and ${more.toLocaleString('en')} more`] : []),
  ];
}

const where = (r: Planned) => (r.source ? ` (${r.source.file} ${r.source.label})` : '');

/** The summary table and the lists behind it: what an import did, or would do. */
export function formatImportReport(plan: ImportPlan, dryRun: boolean): string {
  const count = (kind: Planned['kind'], action: Planned['action']) =>
    plan.records.filter((r) => r.kind === kind && r.action === action).length;
  const table = new Table({
    head: ['', 'created', 'updated', 'matched', 'likely duplicates'],
    colAligns: ['left', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [] },
  });
  for (const kind of ['artists', 'works', 'songs'] as const)
    table.push([
      kind,
      count(kind, 'create'),
      count(kind, 'update'),
      count(kind, 'match'),
      plan.duplicates.filter((d) => d.kind === kind).length,
    ]);
  table.push(['tie-ins', plan.tieIns.created, '', plan.tieIns.matched, '']);
  const of = (action: Planned['action']) => plan.records.filter((r) => r.action === action);
  return [
    dryRun ? 'Dry run: nothing was written. The import would make these changes:' : 'Imported:',
    table.toString(),
    ...section(
      dryRun ? 'Would create' : 'Created',
      of('create').map((r) => `${SINGULAR[r.kind]} ${r.target}${where(r)}`),
    ),
    ...section(
      dryRun ? 'Would update' : 'Updated',
      of('update').map(
        (r) =>
          `${SINGULAR[r.kind]} ${r.target}, found by ${r.via}${where(r)}: ${r.changes.join(', ')}`,
      ),
    ),
    ...section(
      'Matched, nothing to add',
      of('match').map((r) => `${SINGULAR[r.kind]} ${r.target}, found by ${r.via}${where(r)}`),
    ),
    ...section(
      'Likely duplicates, created apart (merge them in the back office if they are the same)',
      plan.duplicates.map(
        (d) =>
          `${SINGULAR[d.kind]} ${d.target} (${d.label}) and ${d.existing.join(', ')}: ${d.reason}`,
      ),
    ),
    ...section(
      "Kept the catalog's value",
      plan.kept.map(
        (k) =>
          `${SINGULAR[k.kind]} ${k.target} ${k.field}: kept ${k.kept}, the import has ${k.offered}`,
      ),
    ),
    ...section(
      'Skipped',
      plan.skipped.map((s) => `${s.file} ${s.label}: ${s.reason}`),
    ),
  ].join('\n');
}
