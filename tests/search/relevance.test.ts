import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';

interface Case {
  category: string;
  query: string;
  expected: string;
}

/** The public relevance set: one line per query, with the result a reader expects. */
const CASES: Case[] = fs
  .readFileSync(new URL('./queries.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => {
    const [category = '', query = '', expected = ''] = line.split('\t');
    return { category, query, expected };
  });

const RECALL_FLOOR = 0.95;

describe.each(DIALECTS)('search relevance on %s', (dialect) => {
  const { app } = useTestApp(dialect);

  it(`finds the expected result in the top ten for at least ${RECALL_FLOOR * 100}% of ${CASES.length} queries`, async () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    const misses: string[] = [];
    for (const c of CASES) {
      const page = await app().services.search.search(c.query, 'en');
      const top = page.results.slice(0, 10).map((r) => `${r.kind}:${r.slug}`);
      if (!top.includes(c.expected))
        misses.push(`${c.category}\t${c.query}\t${c.expected}\tgot ${top.slice(0, 3).join(', ')}`);
    }
    const recall = 1 - misses.length / CASES.length;
    if (misses.length > 0)
      console.log(`recall@10 ${recall.toFixed(3)}; misses:\n${misses.join('\n')}`);
    expect(recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
  }, 60_000);
});
