import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '#src/db/connect.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokushu-shutdown-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

async function waitUntilUp(base: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}

/**
 * A play whose body arrives in two halves, `gap` apart: the request is surely in flight
 * (its connection accepted, its body being read) for as long as the gap lasts.
 */
function slowPlay(port: number, agent: string, from: string, halfway: Promise<void>) {
  const body = JSON.stringify({ song: 'brave-song', locale: 'en' });
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/plays',
        agent: false,
        // Readers on different machines: one address counts only a few readers of a song.
        localAddress: from,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': agent,
          origin: `http://127.0.0.1:${port}`,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, 10));
    void halfway.then(() => req.end(body.slice(10)));
  });
}

describe('shutting down on SIGTERM', () => {
  it('finishes the requests in flight, writes the plays it acknowledged, then exits 0', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server: ChildProcess = spawn(process.execPath, ['bin/tokushu.js', 'serve'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dir,
        DATABASE_URL: `sqlite:${path.join(dir, 'tokushu.db')}`,
        LOG_LEVEL: 'error',
        DEMO_PLAYS: '0',
        ADMIN_PASSWORD: 'shutdown test password',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
    await waitUntilUp(base);

    let release = () => {};
    const halfway = new Promise<void>((r) => (release = r));
    const agents = Array.from(
      { length: 10 },
      (_, i) => `Mozilla/5.0 (X11; Linux x86_64) shutdown reader ${i} Firefox/128.0`,
    );
    const inFlight = agents.map((agent, i) => slowPlay(port, agent, `127.0.0.${i + 2}`, halfway));
    // Every connection is accepted and its body half read before the signal.
    await new Promise((r) => setTimeout(r, 300));
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));

    // New readers are turned away (refused, or 503 on a connection already open) while it
    // drains; the signal is acted on once any background job running has finished.
    let turnedAway = false;
    for (let i = 0; i < 100 && !turnedAway; i++) {
      turnedAway = await fetch(`${base}/en/`).then(
        (res) => res.status === 503,
        () => true,
      );
      if (!turnedAway) await new Promise((r) => setTimeout(r, 100));
    }
    expect(turnedAway).toBe(true);

    release();
    const answers = await Promise.all(inFlight);
    for (const answer of answers) {
      expect(answer.status, answer.body).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ status: 'counted' });
    }
    expect(await exited).toBe(0);

    const database = connect(`sqlite:${path.join(dir, 'tokushu.db')}`);
    try {
      const { n } = await database.db
        .selectFrom('plays')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n)).toBe(agents.length);
    } finally {
      await database.close();
    }
  }, 90_000);
});
