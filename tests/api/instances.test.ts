import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '#src/app.ts';
import { connect } from '#src/db/connect.ts';
import { fixedClock } from '#src/shared/clock.ts';
import { loadConfig } from '#src/shared/config.ts';
import { startTestApp, TEST_NOW } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';

const postgres = DIALECTS.includes('postgres');

/**
 * Two instances of Tokushu on one PostgreSQL database, each with its own page cache, as
 * behind a load balancer: a write answered by one is never followed by a stale page from
 * the other, because the purge travels by LISTEN/NOTIFY.
 */
describe.skipIf(!postgres)('two instances on one PostgreSQL database', () => {
  let first: Awaited<ReturnType<typeof startTestApp>>;
  let second: App;

  beforeAll(async () => {
    first = await startTestApp('postgres');
    const { url, schema } = first.database.postgres as { url: string; schema: string };
    second = await createApp(
      loadConfig({ CONTENT_DIR: path.resolve('content'), LOG_LEVEL: 'silent' }),
      { database: connect(url, { schema }), clock: fixedClock(TEST_NOW) },
    );
  }, 60_000);
  afterAll(async () => {
    await second?.http.close();
    await second?.database.close();
    await first?.close();
  });

  it('purges the other instance when one of them takes a write', async () => {
    const read = (url: string) => second.http.inject({ url });
    await read('/en/songs/shinai');
    expect((await read('/en/songs/shinai')).headers['x-cache']).toBe('hit');
    await read('/en/vocaloid-songs-to-cry-to');

    const token = await first.app.services.accounts.createToken('admin@example.org', 'test');
    const call = (method: 'GET' | 'PUT', url: string, payload?: object) =>
      first.app.http.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });
    const { version, record } = (await call('GET', '/api/v1/editor/songs/shinai')).json();
    const saved = await call('PUT', '/api/v1/editor/songs/shinai', {
      baseVersion: version,
      record: { ...record, title: { ...record.title, en: 'Deep Love, From the Other Instance' } },
    });
    expect(saved.statusCode, saved.body).toBe(200);

    // The notification arrives within milliseconds of the write's answer.
    await expect
      .poll(async () => (await read('/en/songs/shinai')).body, { timeout: 2000, interval: 20 })
      .toContain('Deep Love, From the Other Instance');
    expect((await read('/en/vocaloid-songs-to-cry-to')).headers['x-cache']).toBe('hit');
  });
});
