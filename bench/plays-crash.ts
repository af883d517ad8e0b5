// Crash test: kill -9 the server in the middle of a burst of plays, then check that every
// play it acknowledged is stored and the database is intact.
//   npm run crash:plays [-- --database postgres://…/postgres]
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { connect } from '#src/db/connect.ts';

const { values } = parseArgs({ options: { database: { type: 'string' } } });
const PORT = 3240 + (process.pid % 50);
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
const CONCURRENCY = 64;

function start(dataDir: string, databaseUrl: string): ChildProcess {
  return spawn(process.execPath, ['bin/tokushu.js', 'serve'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'error',
      ADMIN_PASSWORD: 'crash password 1234',
      PLAYS_PER_MINUTE: '100000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

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

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokushu-crash-'));
  let databaseUrl = `sqlite:${path.join(dataDir, 'tokushu.db')}`;
  const name = `tokushu_crash_${process.pid}`;
  if (values.database) {
    const admin = new pg.Client({ connectionString: values.database });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    databaseUrl = values.database.replace(/\/[^/]*$/, `/${name}`);
  }
  const base = `http://127.0.0.1:${PORT}`;
  let server = start(dataDir, databaseUrl);
  let failed: boolean;
  try {
    await waitFor(`${base}/healthz`);
    const acknowledged: string[] = [];
    let sent = 0;
    let stop = false;
    const client = async () => {
      while (!stop) {
        const agent = `Mozilla/5.0 (crash reader ${sent++}) Safari/604.1`;
        try {
          const res = await fetch(`${base}/api/v1/plays`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'user-agent': agent },
            body: JSON.stringify({ song: SONGS[sent % SONGS.length], locale: 'en' }),
          });
          if (res.ok && (await res.json()).status === 'counted') acknowledged.push(agent);
        } catch {
          return; // the server is gone
        }
      }
    };
    const clients = Array.from({ length: CONCURRENCY }, client);
    await new Promise((r) => setTimeout(r, 1500 + Math.random() * 1000));
    server.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    await new Promise((r) => server.once('exit', r));

    const database = connect(databaseUrl);
    const { db } = database;
    const { salt } = await db.selectFrom('play_salts').select('salt').executeTakeFirstOrThrow();
    const readers = new Set(
      (await db.selectFrom('plays').select('reader').execute()).map((r) => r.reader),
    );
    const missing = acknowledged.filter(
      (agent) =>
        !readers.has(
          createHash('sha256').update(`${salt}\n127.0.0.1\n${agent}`).digest('hex').slice(0, 32),
        ),
    );
    let integrity = 'ok';
    if (!values.database) {
      const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
      integrity = rows.map((r) => r.integrity_check).join(', ');
    }
    await database.close();

    // The server starts again on the same database.
    server = start(dataDir, databaseUrl);
    await waitFor(`${base}/healthz`);

    console.log(
      `${values.database ? 'PostgreSQL' : 'SQLite'}: killed -9 after ${sent.toLocaleString()} plays sent; ${acknowledged.length.toLocaleString()} acknowledged, ${readers.size.toLocaleString()} stored, ${missing.length} acknowledged plays missing; integrity ${integrity}; restarted and answering.`,
    );
    failed = missing.length > 0 || integrity !== 'ok';
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    if (values.database) {
      const admin = new pg.Client({ connectionString: values.database });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
