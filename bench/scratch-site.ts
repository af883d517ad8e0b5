// A throw-away Tokushu for benchmarks and crash tests: its own data directory (SQLite) or
// its own PostgreSQL database, a real server process on it, and a clean-up that removes both.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A few songs of the demo content pack, for requests that name one. */
export const DEMO_SONGS = [
  'shinai',
  'mushoku',
  'todokanai-koi',
  'lilium',
  'garnet',
  'spica',
  'calc',
  'saihate',
];

/**
 * What reader `n`'s browser sends with a play, as it reaches the server through the proxy
 * the bench stands in for: its own address (10.0.0.0/8, one per reader, so that each counts),
 * its browser and the page's origin.
 */
export function readerHeaders(base: string, n: number): Record<string, string> {
  return {
    'x-forwarded-for': readerAddress(n),
    'user-agent': `Mozilla/5.0 (bench reader ${n}) Safari/604.1`,
    origin: base,
  };
}

export function readerAddress(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export interface ScratchSite {
  databaseUrl: string;
  /** The first admin, created on the first start. */
  adminEmail: string;
  base: string;
  /** Starts the server (again) and waits until it answers. */
  start(): Promise<ChildProcess>;
  /** Stops the server if it runs, and removes the data directory and database. */
  remove(): Promise<void>;
}

export async function waitFor(url: string): Promise<void> {
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

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(statement);
  await client.end();
}

/** `postgresUrl` is a database to create the scratch one from; without it, SQLite. */
export async function scratchSite(name: string, postgresUrl?: string): Promise<ScratchSite> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `tokushu-${name}-`));
  const database = `tokushu_${name.replace(/\W/g, '_')}_${process.pid}`;
  if (postgresUrl) await admin(postgresUrl, `create database ${database}`);
  const databaseUrl = postgresUrl
    ? postgresUrl.replace(/\/[^/]*$/, `/${database}`)
    : `sqlite:${path.join(dataDir, 'tokushu.db')}`;
  const port = 3190 + (process.pid % 200);
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  const adminEmail = 'admin@tokushu.local';
  return {
    databaseUrl,
    adminEmail,
    base,
    async start() {
      const started = spawn(process.execPath, ['bin/tokushu.js', 'serve'], {
        env: {
          ...process.env,
          PORT: String(port),
          DATA_DIR: dataDir,
          DATABASE_URL: databaseUrl,
          LOG_LEVEL: 'error',
          ADMIN_EMAIL: adminEmail,
          ADMIN_PASSWORD: 'scratch password 1234',
          // The bench is the readers' proxy: it forwards each reader's own address.
          TRUST_PROXY: 'loopback',
          PUBLIC_URL: base,
          PLAYS_PER_MINUTE: '100000000',
          // The plays measured are the only ones.
          DEMO_PLAYS: '0',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      server = started;
      await waitFor(`${base}/healthz`);
      return started;
    },
    async remove() {
      if (server && server.exitCode === null && server.signalCode === null) {
        const running = server;
        const exited = new Promise((r) => running.once('exit', r));
        running.kill('SIGTERM');
        await exited;
      }
      if (postgresUrl) await admin(postgresUrl, `drop database if exists ${database} with (force)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
