// Search at scale: a deterministic synthetic catalog in a fresh database, the index built
// from it, then a query mix timed beside a `select 1` baseline on the same connection.
//   npm run bench:search -- --songs 100000 [--database postgres://…]
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { connect } from '#src/db/connect.ts';
import { migrateToLatest } from '#src/db/migrate.ts';
import { createSearchIndexer, createSearchService } from '#src/search/index.ts';
import { systemClock, toTimestamp } from '#src/shared/clock.ts';
import { capitalized, FAMILY, GIVEN, syntheticNames } from '#src/generator/names.ts';
import { seededRandom } from '#src/shared/seeded-random.ts';

const { values } = parseArgs({
  options: {
    songs: { type: 'string', default: '100000' },
    database: { type: 'string' },
    queries: { type: 'string', default: '300' },
  },
});
const SONGS = Number(values.songs);
const QUERIES = Number(values.queries);

// The same catalog on every run.
const rand = seededRandom('bench-search', 20261126);
const names = syntheticNames(rand);
const { pick } = names;
const title = names.japaneseTitle;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main() {
  const file = path.join(os.tmpdir(), `tokushu-bench-search-${process.pid}.db`);
  // PostgreSQL runs in a schema of its own, dropped afterwards.
  const schema = `bench_search_${process.pid}`;
  if (values.database) {
    const admin = connect(values.database);
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    await admin.close();
  }
  const database = values.database
    ? connect(values.database, { schema })
    : connect(`sqlite:${file}`);
  const { db } = database;
  try {
    await migrateToLatest(db);
    const now = toTimestamp(systemClock.now());
    const started = performance.now();
    const ARTISTS = Math.max(100, Math.floor(SONGS / 20));
    for (let i = 0; i < ARTISTS; i += 500) {
      await db
        .insertInto('artists')
        .values(
          Array.from({ length: Math.min(500, ARTISTS - i) }, (_, j) => {
            const [f, fr] = pick(FAMILY);
            const [g, gr] = pick(GIVEN);
            return {
              slug: `bench-artist-${i + j}`,
              kind: 'person',
              name_original: `${f}${g}`,
              name_romanized: `${gr} ${fr}`,
              name_en: null,
              name_zh_hant: null,
              name_ko: null,
              created_at: now,
              updated_at: now,
            };
          }),
        )
        .execute();
    }
    const samples: { original: string; romaji: string }[] = [];
    for (let i = 0; i < SONGS; i += 500) {
      const batch = Array.from({ length: Math.min(500, SONGS - i) }, (_, j) => {
        const [original, reading] = title();
        // Most songs store a romanization, in one of the long-vowel styles people write.
        const styled = [
          reading,
          reading.replace(/ō/g, 'ou').replace(/ā/g, 'aa'),
          reading.replace(/[ōā]/g, (c) => (c === 'ō' ? 'o' : 'a')),
        ];
        const romanized = rand() < 0.7 ? capitalized(pick(styled)) : null;
        if (samples.length < QUERIES && rand() < 0.01) samples.push({ original, romaji: reading });
        return {
          slug: `bench-song-${i + j}`,
          title_original: original,
          title_romanized: romanized,
          title_en: null,
          title_zh_hant: null,
          title_ko: null,
          released_on: String(1980 + Math.floor(rand() * 46)),
          cover_of_id: null,
          created_at: now,
          updated_at: now,
        };
      });
      const ids = await db.insertInto('songs').values(batch).returning('id').execute();
      await db
        .insertInto('song_credits')
        .values(
          ids.map(({ id }) => ({
            song_id: id,
            position: 0,
            artist_id: 1 + Math.floor(rand() * ARTISTS),
            role: 'vocals',
            as_character_id: null,
          })),
        )
        .execute();
    }
    const generated = performance.now();
    await createSearchIndexer({ db }).rebuild();
    const indexed = performance.now();

    const search = createSearchService({ db, clock: systemClock });
    const typo = (w: string) => {
      const i = 1 + Math.floor(rand() * Math.max(1, w.length - 2));
      return w.slice(0, i) + w.slice(i + 1);
    };
    const mix = samples.flatMap((s) => [
      { lane: 'exact (kanji/kana)', q: s.original },
      { lane: 'romaji', q: s.romaji },
      {
        lane: 'prefix',
        q: [...s.original].slice(0, Math.max(1, [...s.original].length - 1)).join(''),
      },
      { lane: 'typo', q: typo(s.romaji.replace(/\s+/g, ' ')) },
    ]);
    // One warm-up pass, then the timed pass.
    for (const m of mix) await search.search(m.q, 'en');
    const timings = new Map<string, number[]>();
    const time = async (lane: string, run: () => Promise<unknown>) => {
      const t = performance.now();
      await run();
      timings.set(lane, [...(timings.get(lane) ?? []), performance.now() - t]);
    };
    for (const m of mix) {
      await time(`search: ${m.lane}`, () => search.search(m.q, 'en'));
      await time('suggest (as you type)', () => search.suggest(m.q, 'en'));
      await time('baseline: select 1', () => sql`select 1`.execute(db));
    }
    const base = percentile(
      [...(timings.get('baseline: select 1') ?? [])].sort((a, b) => a - b),
      50,
    );
    const size = values.database ? null : fs.statSync(file).size;
    console.log(
      `\n${SONGS.toLocaleString()} songs, ${ARTISTS.toLocaleString()} artists on ${values.database ? 'PostgreSQL' : 'SQLite'}; ${os.cpus().length} cores`,
    );
    console.log(
      `generate ${((generated - started) / 1000).toFixed(1)} s · index ${((indexed - generated) / 1000).toFixed(1)} s${size ? ` · database ${(size / 1e6).toFixed(0)} MB` : ''}\n`,
    );
    console.log('| lane | n | p50 ms | p95 ms | p50 ÷ baseline p50 |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const [lane, list] of [...timings].sort()) {
      const sorted = [...list].sort((a, b) => a - b);
      const p50 = percentile(sorted, 50);
      console.log(
        `| ${lane} | ${sorted.length} | ${p50.toFixed(2)} | ${percentile(sorted, 95).toFixed(2)} | ${(p50 / base).toFixed(0)}× |`,
      );
    }
  } finally {
    if (values.database) await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
    await database.close();
    if (!values.database)
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
}

await main();
