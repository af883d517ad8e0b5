// Hostile searches against a real server on a large catalog: random and adversarial Unicode
// queries up to the length limit, one at a time, to the search page, the search API and the
// suggest API, while /healthz is asked meanwhile. Prints the slowest query, p50/p95/max per
// endpoint, and the longest /healthz wait beside /healthz alone on the idle server.
//   npm run bench:search-fuzz [-- --songs 100000] [--queries 300] [--database postgres://…/db]
//   npm run bench:search-fuzz -- --catalog sqlite:./data/tokushu.db | postgres://…/catalog
// --database: a PostgreSQL server to make a scratch database in (else a scratch SQLite);
// --catalog: an existing catalog (from `npx tokushu generate-catalog`) to use as it is.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { MAX_QUERY_LENGTH, normalizedLength } from '#src/search/index.ts';
import { scratchSite, waitFor } from './scratch-site.ts';

const { values } = parseArgs({
  options: {
    songs: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '300' },
    database: { type: 'string' },
    catalog: { type: 'string' },
    seed: { type: 'string', default: '20261126' },
  },
});
const SONGS = Number(values.songs);
const QUERIES = Number(values.queries);
const SEED = Number(values.seed);
const PORT = 3293;
const BASE = `http://127.0.0.1:${PORT}`;
/** How often /healthz is asked while searches run (one request outstanding at a time). */
const POLL_MS = 5;
const ENDPOINTS = {
  page: (q: string) => `/en/search?q=${encodeURIComponent(q)}`,
  search: (q: string) => `/api/v1/search?q=${encodeURIComponent(q)}`,
  suggest: (q: string) => `/api/v1/suggest?q=${encodeURIComponent(q)}`,
};

/** Text at most `MAX_QUERY_LENGTH` UTF-16 units long, as the API and page accept it. */
const fits = (q: string) => q.slice(0, MAX_QUERY_LENGTH).replace(/[\uD800-\uDBFF]$/, '');
const repeated = (piece: string) => fits(piece.repeat(Math.ceil(MAX_QUERY_LENGTH / piece.length)));

/** Queries built to cost the most: expansion under NFKC, marks alone, many short or long words. */
const ADVERSARIAL = [
  '℀', // NFKC: a/c
  '㍻', // NFKC: 平成
  '\ufdfa', // NFKC: eighteen letters
  '\u0301', // a mark alone
  'x ',
  'x',
  'a',
  'ab ',
  'あ',
  '恋 ',
  'ana ',
  'ana', // one long word of the commonest trigrams
  'shi',
  'sakura ',
  'sakura',
  'kokoronasi ',
  '%_\\',
  '"* NEAR( ',
  'ō ',
  'ヴ',
  '🎵 ',
  '\u200b',
].map(repeated);
ADVERSARIAL.push(
  // Many distinct words, every one of them in some name.
  fits('sora kiseki sakura namida hanabi yoru kimi yume hikari kaze tsuki hoshi ame koi natsu'),
  // Many distinct words of typos, each with near spellings in the vocabulary.
  fits('sakra namda hanbi kisek hikri tsuk hosh yumw kazw natsy aozora fuyuu'),
);

/** Random text of every kind: any code point, graphemes, mixes of scripts, repeated pieces. */
const randomQuery = fc
  .oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: MAX_QUERY_LENGTH }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: MAX_QUERY_LENGTH }),
    fc
      .tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), fc.boolean())
      .map(([piece, spaced]) => repeated(spaced ? `${piece} ` : piece)),
    fc
      .array(fc.stringMatching(/^[a-z]{1,9}$/), { minLength: 1, maxLength: 40 })
      .map((words) => fits(words.join(' '))),
  )
  .map(fits)
  .filter((q) => q.trim() !== '' && !/[\uD800-\uDFFF]/u.test(q));

/** A query as printable ASCII, so that any terminal shows what was sent. */
function escaped(q: string): string {
  return JSON.stringify(q).replace(
    /[^\x20-\x7e]/gu,
    (c) => `\\u{${(c.codePointAt(0) as number).toString(16)}}`,
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms · p95 ${percentile(sorted, 95).toFixed(1)} ms · max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`;
}

async function timed(url: string): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return { ms: performance.now() - started, status: res.status };
}

/** Asks /healthz again and again, one at a time, until `stop` is called: the waits it saw. */
function pollHealth(): { stop(): Promise<number[]> } {
  const waits: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const { ms, status } = await timed(`${BASE}/healthz`);
      if (status !== 200) throw new Error(`/healthz answered ${status}`);
      waits.push(ms);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return waits;
    },
  };
}

function run(args: string[], env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['bin/tokushu.js', ...args], {
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`tokushu ${args.join(' ')} exited with ${code}`)),
    ),
  );
}

async function main() {
  const site = values.catalog ? null : await scratchSite('search-fuzz', values.database);
  const databaseUrl = values.catalog ?? (site?.databaseUrl as string);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokushu-search-fuzz-'));
  let server: ChildProcess | null = null;
  try {
    if (site) {
      const t = performance.now();
      await run(['generate-catalog', '--songs', String(SONGS)], { DATABASE_URL: databaseUrl });
      console.log(
        `generated ${SONGS.toLocaleString()} songs in ${((performance.now() - t) / 1000).toFixed(0)} s`,
      );
    }
    server = spawn(process.execPath, ['bin/tokushu.js', 'serve'], {
      env: {
        ...process.env,
        PORT: String(PORT),
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'error',
        ADMIN_EMAIL: 'admin@tokushu.local',
        ADMIN_PASSWORD: 'scratch password 1234',
        RANKINGS_REFRESH_MINUTES: '0',
        DEMO_PLAYS: '0',
        // One process: a search that holds it up shows in /healthz, not hidden by another.
        WORKERS: '1',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitFor(`${BASE}/healthz`);

    // Baseline: /healthz alone on the idle server, after a warm-up.
    for (let i = 0; i < 50; i++) await timed(`${BASE}/healthz`);
    const idle = pollHealth();
    await new Promise((r) => setTimeout(r, 3000));
    const baseline = await idle.stop();

    const random = fc.sample(randomQuery, { numRuns: QUERIES, seed: SEED });
    const queries = [...ADVERSARIAL, ...random];
    // Warm the code paths and the database's caches with ordinary searches first.
    for (const q of ['sakura', 'kimi no', '桜', 'hikari', 'yoru'])
      await timed(BASE + ENDPOINTS.page(q));

    const times: Record<keyof typeof ENDPOINTS, number[]> = { page: [], search: [], suggest: [] };
    const statuses = new Map<string, number>();
    let slowest = { ms: 0, endpoint: '', q: '' };
    const busy = pollHealth();
    const started = performance.now();
    for (const q of queries) {
      for (const endpoint of Object.keys(ENDPOINTS) as (keyof typeof ENDPOINTS)[]) {
        const { ms, status } = await timed(BASE + ENDPOINTS[endpoint](q));
        if (status >= 500) throw new Error(`${endpoint} ${escaped(q)} answered ${status}`);
        statuses.set(`${endpoint} ${status}`, (statuses.get(`${endpoint} ${status}`) ?? 0) + 1);
        times[endpoint].push(ms);
        if (ms > slowest.ms) slowest = { ms, endpoint, q };
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const waits = await busy.stop();
    // The slowest once more, five times: a query that is slow again is slow, not a stall of
    // a machine shared with other work.
    const again: number[] = [];
    for (let i = 0; i < 5; i++)
      again.push(
        (await timed(BASE + ENDPOINTS[slowest.endpoint as keyof typeof ENDPOINTS](slowest.q))).ms,
      );

    const over = queries.filter((q) => normalizedLength(q.trim()) > MAX_QUERY_LENGTH).length;
    console.log(
      `\n${values.catalog ? 'catalog' : `${SONGS.toLocaleString()} songs`} on ${databaseUrl.startsWith('sqlite:') ? 'SQLite' : 'PostgreSQL'}; ${os.cpus().length} cores; ` +
        `${queries.length} queries (${ADVERSARIAL.length} adversarial, ${random.length} random; ${over} longer than ${MAX_QUERY_LENGTH} once normalized) × 3 endpoints in ${seconds.toFixed(1)} s`,
    );
    console.log(
      `answers: ${[...statuses]
        .sort()
        .map(([k, n]) => `${k}×${n}`)
        .join(', ')}\n`,
    );
    console.log('| what | n | times |');
    console.log('| --- | --- | --- |');
    console.log(`| /healthz alone, idle (baseline) | ${baseline.length} | ${summary(baseline)} |`);
    console.log(`| /healthz during the searches | ${waits.length} | ${summary(waits)} |`);
    for (const [endpoint, list] of Object.entries(times))
      console.log(
        `| ${ENDPOINTS[endpoint as keyof typeof ENDPOINTS]('')} | ${list.length} | ${summary(list)} |`,
      );
    const baseMax = Math.max(...baseline);
    console.log(
      `\nlongest /healthz wait: ${Math.max(...waits).toFixed(1)} ms (idle max ${baseMax.toFixed(1)} ms)`,
    );
    console.log(
      `slowest query: ${slowest.ms.toFixed(1)} ms on ${slowest.endpoint} (asked again: ${summary(again)}): ${escaped(slowest.q)}`,
    );
  } finally {
    if (server && server.exitCode === null) {
      const running = server;
      const exited = new Promise((r) => running.once('exit', r));
      running.kill('SIGTERM');
      await exited;
    }
    await site?.remove();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
