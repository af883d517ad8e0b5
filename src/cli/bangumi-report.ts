import type { BangumiImportReport } from '#src/catalog/index.ts';

const REASONS: Record<string, string> = {
  'no-title-match': 'no bangumi-data title matches',
  'no-year-match': 'a title matches, but not in the same year',
  'no-year': 'the work has no year to confirm the match',
  ambiguous: 'more than one candidate in that year',
};

export function formatBangumiReport(report: BangumiImportReport): string {
  const rate = report.works ? ((100 * report.matched.length) / report.works).toFixed(0) : '0';
  const lines = [
    `bangumi-data (CC BY 4.0): matched ${report.matched.length} of ${report.works} anime works (${rate}%).`,
    ...report.matched.map(
      (m) => `  matched    ${m.slug} → ${m.title} (${m.links} where-to-watch links)`,
    ),
    ...report.unmatched.map((u) => `  unmatched  ${u.slug}: ${REASONS[u.reason] ?? u.reason}`),
  ];
  return lines.join('\n');
}
