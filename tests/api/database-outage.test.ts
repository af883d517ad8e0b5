import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '#src/app.ts';
import { connect } from '#src/db/connect.ts';
import { fixedClock } from '#src/shared/clock.ts';
import { loadConfig } from '#src/shared/config.ts';
import { TEST_NOW } from '#tests/factories/app.ts';

const postgresUrl = process.env.TEST_DATABASE_URL;

/**
 * A TCP relay between the application and PostgreSQL: cutting it is, for the application,
 * the database going away (connections die, new ones are refused); opening it again on the
 * same port is the database coming back.
 */
function relay(target: URL) {
  let server: net.Server | null = null;
  let port = 0;
  const sockets = new Set<net.Socket>();
  return {
    get port() {
      return port;
    },
    open: () =>
      new Promise<void>((resolve) => {
        if (server?.listening) return resolve();
        server = net.createServer((client) => {
          const upstream = net.connect(Number(target.port || 5432), target.hostname);
          for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('error', () => s.destroy());
            s.on('close', () => {
              sockets.delete(s);
              client.destroy();
              upstream.destroy();
            });
          }
          client.pipe(upstream).pipe(client);
        });
        server.listen(port, '127.0.0.1', () => {
          port = (server?.address() as net.AddressInfo).port;
          resolve();
        });
      }),
    cut: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server?.close(() => resolve());
      }),
  };
}

async function admin(query: string) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query(query);
  await client.end();
}

describe.skipIf(!postgresUrl)('PostgreSQL going away and coming back', () => {
  const schema = `test_outage_${randomBytes(6).toString('hex')}`;
  const target = new URL(postgresUrl ?? 'postgres://localhost');
  const link = relay(target);
  let app: App;
  const get = (url: string) => app.http.inject({ url });

  beforeAll(async () => {
    await admin(`create schema ${schema}`);
    await link.open();
    const through = new URL(target);
    through.hostname = '127.0.0.1';
    through.port = String(link.port);
    const database = connect(through.toString(), { schema });
    const config = loadConfig({
      CONTENT_DIR: path.resolve('content'),
      LOG_LEVEL: 'silent',
      DEMO_PLAYS: '0',
      ADMIN_EMAIL: 'admin@example.org',
      ADMIN_PASSWORD: 'correct horse battery staple',
    });
    app = await createApp(config, { database, clock: fixedClock(TEST_NOW) });
  }, 60_000);

  afterAll(async () => {
    await link.open();
    await app?.http.close();
    await app?.database.close();
    await admin(`drop schema if exists ${schema} cascade`);
  });

  it('answers 503 while it is away and recovers by itself when it returns', async () => {
    expect((await get('/readyz')).statusCode).toBe(200);
    // A page read before the outage stays in the page cache.
    expect((await get('/en/anime-heartbreak-songs')).statusCode).toBe(200);

    await link.cut();

    const ready = await get('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', database: 'down' });
    expect((await get('/healthz')).json()).toEqual({ status: 'ok', database: 'down' });

    const search = await get('/en/search?q=lisa');
    expect(search.statusCode, search.body.slice(0, 2000)).toBe(503);
    expect(search.headers['retry-after']).toBe('30');
    expect(search.body).toContain('Tokushu cannot reach its database just now.');

    const api = await get('/api/v1/features/anime-heartbreak-songs');
    expect(api.statusCode).toBe(503);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(api.json()).toMatchObject({
      status: 503,
      detail: 'The database cannot be reached just now; try again shortly.',
    });

    const play = await app.http.inject({
      method: 'POST',
      url: '/api/v1/plays',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Mozilla/5.0 (X11; Linux)',
        origin: 'http://localhost',
      },
      payload: JSON.stringify({ song: 'brave-song', locale: 'en' }),
    });
    expect(play.statusCode).toBe(503);

    // Kept pages are still served: readers of what was read before see no outage.
    const kept = await get('/en/anime-heartbreak-songs');
    expect(kept.statusCode).toBe(200);
    expect(kept.headers['x-cache']).toBe('hit');

    await link.open();

    // No restart: the pool opens new connections as soon as the database answers again.
    let back = await get('/readyz');
    for (let i = 0; i < 50 && back.statusCode !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      back = await get('/readyz');
    }
    expect(back.statusCode).toBe(200);
    expect((await get('/en/search?q=lisa')).statusCode).toBe(200);
    expect((await get('/api/v1/features/anime-heartbreak-songs')).statusCode).toBe(200);
  }, 60_000);
});
