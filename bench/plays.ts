// Play ingestion under load: a real server process, concurrent HTTP clients sending plays
// (each from a new reader, so every one is stored), beside the same server answering /healthz.
//   npm run bench:plays [-- --database postgres://…/postgres] [--seconds 10] [--connections 100]
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { connect } from '#src/db/connect.ts';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '100' },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const PORT = 3190 + (process.pid % 50);
const SONGS = [
  'shinai',
  'mushoku',
  'todokanai-koi',
  'lilium',
  'garnet',
  'spica',
  'calc',
  'saihate',
];

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokushu-bench-plays-'));
  let databaseUrl = `sqlite:${path.join(dataDir, 'tokushu.db')}`;
  let dropDatabase = async () => {};
  if (values.database) {
    // A database of its own, dropped afterwards.
    const name = `tokushu_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: values.database });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    databaseUrl = values.database.replace(/\/[^/]*$/, `/${name}`);
    dropDatabase = async () => {
      const again = new pg.Client({ connectionString: values.database });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    };
  }
  const server: ChildProcess = spawn(process.execPath, ['bin/tokushu.js', 'serve'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      ADMIN_PASSWORD: 'bench password 1234',
      PLAYS_PER_MINUTE: '100000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    await waitFor(`${base}/healthz`);
    const healthz = await run({
      url: `${base}/healthz`,
      connections: CONNECTIONS,
      duration: SECONDS,
    });
    let n = 0;
    const plays = await run({
      url: `${base}/api/v1/plays`,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            n += 1;
            return {
              ...request,
              headers: {
                'content-type': 'application/json',
                // A new reader each time, so that every play is stored rather than a repeat.
                'user-agent': `Mozilla/5.0 (bench reader ${n}) Safari/604.1`,
              },
              body: JSON.stringify({ song: SONGS[n % SONGS.length], locale: 'en' }),
            };
          },
        },
      ],
    });
    const acknowledged = plays['2xx'];
    const database = connect(databaseUrl);
    const { count } = await database.db
      .selectFrom('plays')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    await database.close();

    const line = (name: string, r: autocannon.Result) =>
      `| ${name} | ${Math.round(r.requests.average).toLocaleString()} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx + r.errors} |`;
    console.log(
      `\n${values.database ? 'PostgreSQL' : 'SQLite'}, one server process, ${CONNECTIONS} connections, ${SECONDS} s each, ${os.cpus().length} cores\n`,
    );
    console.log('| endpoint | req/s | p50 ms | p99 ms | errors |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(line('GET /healthz (baseline)', healthz));
    console.log(line('POST /api/v1/plays', plays));
    console.log(
      `\nplays ÷ baseline: ${(plays.requests.average / healthz.requests.average).toFixed(2)} · acknowledged ${acknowledged.toLocaleString()}, stored ${Number(count).toLocaleString()}${Number(count) >= acknowledged ? ' (none lost)' : ' — LOST PLAYS'}`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await dropDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
