import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { normal, seededRandom } from '#src/shared/seeded-random.ts';
import * as repo from './plays.repository.ts';

type Db = Kysely<Database>;
const DAY_MS = 86_400_000;
const LOCALE_SHARES = [
  ['en', 0.4],
  ['ja', 0.35],
  ['zh-hant', 0.13],
  ['ko', 0.12],
] as const;
/** Songs of these scenes are played most around graduation season, in March. */
const SPRING_TAGS = new Set(['graduation', 'spring']);

export interface HistorySummary {
  songs: number;
  days: number;
  plays: number;
}

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

/**
 * A plausible listening history for a demo site, the same for the same seed and songs:
 * each song in a feature gets a popularity (a few are hits, most are not), a slow rise or
 * fall, busier weekends, a graduation-season peak for spring songs, nothing before its
 * release or before readers found it, and now and then a month-long revival. Days run
 * from 1 January of last year to yesterday, written as daily counts as if long folded;
 * today is left to readers.
 */
export async function generatePlayHistory(
  db: Db,
  { today, seed = 1 }: { today: string; seed?: number },
): Promise<HistorySummary> {
  const songs = await repo.songsToPlay(db);
  const first = dayNumber(`${Number(today.slice(0, 4)) - 1}-01-01`);
  const last = dayNumber(today) - 1;
  let total = 0;
  let rows: Parameters<typeof repo.insertRollups>[1] = [];
  for (const song of songs) {
    const random = seededRandom(seed, song.slug);
    const popularity = 4 * Math.exp(0.9 * normal(random));
    const drift = (random() - 0.4) * 1.2; // per year, on a log scale
    const revival = random() < 0.15 ? first + Math.floor(random() * (last - first)) : null;
    const spring = song.tags.some((t) => SPRING_TAGS.has(t));
    // Some songs are found late, as if a new feature or film brought readers to them.
    const found =
      random() < 0.12 ? first + 300 + Math.floor(random() * (last - first - 300)) : first;
    const released = Math.max(
      found,
      song.releasedOn ? dayNumber(song.releasedOn.padEnd(10, '-01').slice(0, 10)) : first,
    );
    for (let d = Math.max(first, released); d <= last; d++) {
      const date = new Date(d * DAY_MS);
      let mean = popularity * Math.exp((drift * (d - first)) / 365);
      if (date.getUTCDay() === 0 || date.getUTCDay() === 6) mean *= 1.25;
      if (spring) {
        const fromPeak = (d - dayNumber(`${date.getUTCFullYear()}-03-15`)) / 20;
        mean *= 1 + 2 * Math.exp(-fromPeak * fromPeak);
      }
      if (revival !== null && d >= revival && d < revival + 30) mean *= 3;
      if (d - released < 60) mean *= 1 + (60 - (d - released)) / 60;
      const plays = Math.round(mean * (0.6 + 0.8 * random()));
      if (plays === 0) continue;
      total += plays;
      const day = date.toISOString().slice(0, 10);
      let left = plays;
      for (const [i, [locale, share]] of LOCALE_SHARES.entries()) {
        const n =
          i === LOCALE_SHARES.length - 1
            ? left
            : Math.min(left, Math.round(plays * share * (0.7 + 0.6 * random())));
        left -= n;
        if (n > 0)
          rows.push({ day, song_id: song.id, feature_id: song.featureId, locale, plays: n });
      }
      if (rows.length >= 6000) {
        await repo.insertRollups(db, rows);
        rows = [];
      }
    }
  }
  await repo.insertRollups(db, rows);
  return { songs: songs.length, days: Math.max(0, last - first + 1), plays: total };
}
