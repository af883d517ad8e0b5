/** Days are `YYYY-MM-DD` strings in UTC throughout. */
const DAY_MS = 86_400_000;

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
}

export interface Step {
  from: string;
  to: string;
}

export interface RankingPeriod {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  /** The trend chart's points: the months of a year, or the days of the last 30. */
  steps: Step[];
  step: 'month' | 'day';
}

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/**
 * The days a ranking counts, and the period it is compared with. Only whole days count, so
 * a ranking ends yesterday: the same plays give the same ranking all day long. A year is
 * compared with the year before; the last 30 days with the 30 days before them.
 * When nothing of the period has passed yet, `from` is after `to`.
 */
export function rankingPeriod(period: string, today: string): RankingPeriod {
  const yesterday = addDays(today, -1);
  if (period === 'last-30-days') {
    const from = addDays(yesterday, -29);
    return {
      from,
      to: yesterday,
      previousFrom: addDays(from, -30),
      previousTo: addDays(from, -1),
      steps: Array.from({ length: 30 }, (_, i) => {
        const day = addDays(from, i);
        return { from: day, to: day };
      }),
      step: 'day',
    };
  }
  const year = Number(period);
  if (!Number.isInteger(year)) throw new Error(`unknown ranking period "${period}"`);
  const from = `${year}-01-01`;
  const end = `${year}-12-31`;
  const to = yesterday < end ? yesterday : end;
  const months = to < from ? 0 : Number(to.slice(5, 7));
  return {
    from,
    to,
    previousFrom: `${year - 1}-01-01`,
    previousTo: `${year - 1}-12-31`,
    steps: Array.from({ length: months }, (_, i) => ({
      from: `${year}-${String(i + 1).padStart(2, '0')}-01`,
      to: i + 1 === months ? to : lastDayOfMonth(year, i + 1),
    })),
    step: 'month',
  };
}
