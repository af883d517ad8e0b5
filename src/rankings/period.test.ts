import { describe, expect, it } from 'vitest';
import { rankingPeriod } from './period.ts';
import { movement } from './ranking-order.ts';

describe('ranking periods', () => {
  it('counts a year to yesterday, month by month, against the whole year before', () => {
    const p = rankingPeriod('2026', '2026-11-26');
    expect([p.from, p.to, p.previousFrom, p.previousTo]).toEqual([
      '2026-01-01',
      '2026-11-25',
      '2025-01-01',
      '2025-12-31',
    ]);
    expect(p.steps).toHaveLength(11);
    expect(p.steps[1]).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(p.steps.at(-1)).toEqual({ from: '2026-11-01', to: '2026-11-25' });
  });

  it('counts a past year whole, and nothing of a year that has not begun', () => {
    expect(rankingPeriod('2025', '2026-11-26')).toMatchObject({
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(rankingPeriod('2025', '2026-11-26').steps).toHaveLength(12);
    const notYet = rankingPeriod('2026', '2026-01-01');
    expect(notYet.to < notYet.from).toBe(true);
    expect(notYet.steps).toEqual([]);
  });

  it('counts the last 30 whole days against the 30 before them', () => {
    const p = rankingPeriod('last-30-days', '2026-03-01');
    expect([p.from, p.to, p.previousFrom, p.previousTo]).toEqual([
      '2026-01-30',
      '2026-02-28',
      '2025-12-31',
      '2026-01-29',
    ]);
    expect(p.steps).toHaveLength(30);
  });

  it('says how a song moved', () => {
    expect(movement(1, 4)).toEqual({ kind: 'up', by: 3 });
    expect(movement(5, 4)).toEqual({ kind: 'down', by: 1 });
    expect(movement(2, 2)).toEqual({ kind: 'same' });
    expect(movement(2, null)).toEqual({ kind: 'new' });
  });
});
