// Serving pages of a large catalog: Tokushu with its page cache warm, and with no cache
// (every request rendered), beside a bare Node server sending the same bytes.
//   npx tokushu generate-catalog --songs 1000000          (DATA_DIR or DATABASE_URL)
//   npm run bench:http -- --data-dir ./data | --database postgres://…/db [--seconds 10]
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { connect } from '#src/db/connect.ts';
import { waitFor } from './scratch-site.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    database: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '100' },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const PORT = 3290;
const BASELINE_PORT = 3291;
const BASE = `http://127.0.0.1:${PORT}`;
const databaseUrl =
  values.database ?? `sqlite:${path.resolve(values['data-dir'] ?? 'data', 'tokushu.db')}`;

function run(url: string, connections = CONNECTIONS, duration = SECONDS) {
  return new Promise<autocannon.Result>((resolve, reject) =>
    autocannon({ url, connections, duration }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
}

async function start(env: Record<string, string>): Promise<{ server: ChildProcess; ms: number }> {
  const started = performance.now();
  const server = spawn(process.execPath, ['bin/tokushu.js', 'serve'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'error',
      RANKINGS_REFRESH_MINUTES: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`${BASE}/healthz`);
  return { server, ms: performance.now() - started };
}

async function stop(server: ChildProcess) {
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
}

/** Peak resident memory of a process, in MB. */
function peakRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** One request at a time: how long a page takes to render, without the queueing of a load test. */
async function sequential(url: string, n = 200): Promise<{ p50: number; p95: number }> {
  // A warm-up pass first: the code and the database's caches, not the first requests, are measured.
  for (let i = 0; i < 20; i++) await (await fetch(url)).arrayBuffer();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function pickPages() {
  const database = connect(databaseUrl);
  const { db } = database;
  const middle = async (table: 'songs' | 'artists' | 'works' | 'features' | 'tags') => {
    const { max } = await db
      .selectFrom(table)
      .select((eb) => eb.fn.max<number>('id').as('max'))
      .executeTakeFirstOrThrow();
    const row = await db
      .selectFrom(table)
      .select(['slug', 'id'])
      .where('id', '>=', Math.floor(Number(max) / 2))
      .$if(table === 'features', (q) => q.where('kind' as never, '=', 'curated' as never))
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    return row.slug;
  };
  const { n } = await db
    .selectFrom('songs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const pages = {
    home: '/en/',
    feature: `/en/${await middle('features')}`,
    song: `/en/songs/${await middle('songs')}`,
    artist: `/en/artists/${await middle('artists')}`,
    work: `/en/works/${await middle('works')}`,
    tag: `/en/tags/${await middle('tags')}`,
  };
  await database.close();
  return { pages, songs: Number(n) };
}

async function main() {
  const { pages, songs } = await pickPages();
  const loaded = ['home', 'feature', 'song'] as const;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokushu-bench-http-'));
  const rows: string[] = [];
  const line = (name: string, r: autocannon.Result, baseline?: autocannon.Result) =>
    rows.push(
      `| ${name} | ${Math.round(r.requests.average).toLocaleString('en')} | ${r.latency.p50} | ${r.latency.p99} | ${baseline ? (r.requests.average / baseline.requests.average).toFixed(2) : '1'} | ${r.non2xx + r.errors} |`,
    );

  // Warm: the page cache on (the default).
  const warm = await start({});
  const bodies: Record<string, string> = {};
  for (const name of loaded) {
    const res = await fetch(`${BASE}${pages[name]}`);
    if (!res.ok) throw new Error(`${pages[name]} answered ${res.status}`);
    bodies[name] = path.join(dir, `${name}.html`);
    fs.writeFileSync(bodies[name], Buffer.from(await res.arrayBuffer()));
  }
  const warmResults: Record<string, autocannon.Result> = {};
  for (const name of loaded) warmResults[name] = await run(`${BASE}${pages[name]}`);
  const rss = peakRss(warm.server.pid as number);
  await stop(warm.server);

  // Baseline: a bare Node server in its own process, sending the same bytes.
  const baseline = spawn(
    process.execPath,
    [
      '-e',
      `const http = require('node:http'); const fs = require('node:fs');
       const pages = ${JSON.stringify(Object.fromEntries(loaded.map((n) => [pages[n], bodies[n]])))};
       const bytes = Object.fromEntries(Object.entries(pages).map(([u, f]) => [u, fs.readFileSync(f)]));
       http.createServer((req, res) => {
         const body = bytes[req.url];
         res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
         res.end(body);
       }).listen(${BASELINE_PORT}, '127.0.0.1');`,
    ],
    { stdio: 'inherit' },
  );
  await new Promise((r) => setTimeout(r, 500));
  const baseResults: Record<string, autocannon.Result> = {};
  for (const name of loaded)
    baseResults[name] = await run(`http://127.0.0.1:${BASELINE_PORT}${pages[name]}`);
  await stop(baseline);

  // Cold: no page cache, every request rendered.
  const cold = await start({ PAGE_CACHE_MB: '0' });
  const coldResults: Record<string, autocannon.Result> = {};
  for (const name of loaded) coldResults[name] = await run(`${BASE}${pages[name]}`);
  const renders: Record<string, { p50: number; p95: number }> = {};
  for (const [name, url] of Object.entries(pages))
    renders[name] = await sequential(`${BASE}${url}`);
  await stop(cold.server);

  for (const name of loaded) {
    line(`bare Node, ${name} bytes (baseline)`, baseResults[name] as autocannon.Result);
    line(`Tokushu ${name}, cache warm`, warmResults[name] as autocannon.Result, baseResults[name]);
    line(`Tokushu ${name}, no cache`, coldResults[name] as autocannon.Result, baseResults[name]);
  }
  const kind = values.database ? 'PostgreSQL' : 'SQLite';
  console.log(
    `\n${kind}, ${songs.toLocaleString('en')} songs; one server process, ${CONNECTIONS} connections, ${SECONDS} s each, ${os.cpus().length} cores\n`,
  );
  console.log('| page | req/s | p50 ms | p99 ms | ÷ baseline | errors |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log('\nOne request at a time, no cache (the render itself):\n');
  console.log('| page | address | p50 ms | p95 ms |');
  console.log('| --- | --- | --- | --- |');
  for (const [name, r] of Object.entries(renders))
    console.log(
      `| ${name} | ${pages[name as keyof typeof pages]} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`,
    );
  console.log(
    `\nStart-up to first answer: ${Math.round(warm.ms)} ms (cache on), ${Math.round(cold.ms)} ms (no cache). Peak RSS after the warm runs: ${rss} MB.`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
