// Load: a thousand readers at once on a mix of feature, song and search pages and plays,
// against a bare Node server answering the same mix with the same bytes (the baseline).
// Fails if any request errs, times out or gets anything but 2xx.
//   npm run bench:load [-- --seconds 60 --connections 1000 --timeout 30 --cold] [--database postgres://…/postgres]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { DEMO_SONGS, readerHeaders, scratchSite } from './scratch-site.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '1000' },
    // Seconds a request may wait before it counts as failed.
    timeout: { type: 'string', default: '30' },
    // Start with the page cache empty, as after a restart, instead of warmed by one pass.
    cold: { type: 'boolean', default: false },
    database: { type: 'string' },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const TIMEOUT = Number(values.timeout);
const BASELINE_PORT = 3292;

const FEATURES = [
  '/en/anime-heartbreak-songs',
  '/en/anime-heartbreak-songs/2',
  '/ja/vocaloid-songs-to-cry-to',
  '/en/anime-graduation-songs',
  '/ko/anime-ballads-that-make-you-cry',
  '/en/trending-songs-last-30-days',
];
const SEARCHES = ['lisa', 'ハチ', 'kimi no', 'aimer', 'sakura', 'yorushika', 'ballad', 'supercell'];

/** The mix each connection cycles through: pages mostly, a play for every few of them. */
function mix(base: string): autocannon.Request[] {
  const requests: autocannon.Request[] = [];
  for (let i = 0; i < 24; i++) {
    requests.push({ method: 'GET', path: FEATURES[i % FEATURES.length] as string });
    if (i % 2 === 0)
      requests.push({ method: 'GET', path: `/en/songs/${DEMO_SONGS[i % DEMO_SONGS.length]}` });
    if (i % 3 === 0)
      requests.push({
        method: 'GET',
        path: `/en/search?q=${encodeURIComponent(SEARCHES[i % SEARCHES.length] as string)}`,
      });
    if (i % 4 === 0)
      requests.push({
        method: 'POST',
        path: '/api/v1/plays',
        headers: { 'content-type': 'application/json', ...readerHeaders(base, i) },
        body: JSON.stringify({ song: DEMO_SONGS[i % DEMO_SONGS.length], locale: 'en' }),
      });
  }
  return requests;
}

function run(url: string, requests: autocannon.Request[]) {
  return new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(
      { url, connections: CONNECTIONS, duration: SECONDS, requests, timeout: TIMEOUT },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );
}

async function main() {
  const site = await scratchSite('load', values.database);
  const requests = mix(site.base);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokushu-bench-load-'));
  let failed: boolean;
  try {
    await site.start();
    // With --cold the readers meet an empty page cache; the bytes are taken after their run.
    const tokushuCold = values.cold ? await run(site.base, requests) : null;
    // The baseline answers every address of the mix with the bytes Tokushu gave for it.
    const answers: Record<string, string> = {};
    for (const [i, r] of requests.entries()) {
      const key = `${r.method} ${r.path}`;
      if (answers[key]) continue;
      const res = await fetch(`${site.base}${r.path}`, {
        method: r.method,
        headers: r.headers as Record<string, string>,
        body: r.body as string | undefined,
      });
      if (!res.ok) throw new Error(`${key} answered ${res.status}`);
      answers[key] = path.join(dir, `${i}.body`);
      fs.writeFileSync(answers[key], Buffer.from(await res.arrayBuffer()));
    }
    const tokushu = tokushuCold ?? (await run(site.base, requests));

    const baseline = spawn(
      process.execPath,
      [
        '-e',
        `const http = require('node:http'); const fs = require('node:fs');
         const files = ${JSON.stringify(answers)};
         const bytes = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(f)]));
         http.createServer((req, res) => {
           req.resume();
           req.on('end', () => {
             const body = bytes[req.method + ' ' + req.url];
             res.writeHead(body ? 200 : 404);
             res.end(body);
           });
         }).listen(${BASELINE_PORT}, '127.0.0.1');`,
      ],
      { stdio: 'inherit' },
    );
    await new Promise((r) => setTimeout(r, 500));
    const bare = await run(`http://127.0.0.1:${BASELINE_PORT}`, requests);
    baseline.kill('SIGTERM');

    const row = (name: string, r: autocannon.Result, ratio: string) =>
      `| ${name} | ${r.requests.total.toLocaleString('en')} | ${Math.round(r.requests.average).toLocaleString('en')} | ${r.latency.p50} | ${r.latency.p99} | ${r.latency.max.toLocaleString('en')} | ${ratio} | ${r.errors} | ${r.timeouts} | ${r.non2xx} |`;
    console.log(
      `\n${values.database ? 'PostgreSQL' : 'SQLite'}, demo content; ${CONNECTIONS} connections for ${SECONDS} s (timeout ${TIMEOUT} s${values.cold ? ', page cache cold' : ''}) on a mix of ${requests.length} requests (features, songs, searches, plays); ${os.cpus().length} cores\n`,
    );
    console.log(
      '| server | requests | req/s | p50 ms | p99 ms | max ms | ÷ baseline req/s | errors | timeouts | non-2xx |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    console.log(row('bare Node, same bytes (baseline)', bare, '1'));
    console.log(
      row('Tokushu', tokushu, (tokushu.requests.average / bare.requests.average).toFixed(2)),
    );
    failed = tokushu.errors + tokushu.timeouts + tokushu.non2xx > 0;
    if (failed) console.error('\nTokushu failed requests under load.');
  } finally {
    await site.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
