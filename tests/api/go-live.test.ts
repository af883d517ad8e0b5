import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '#src/app.ts';
import { systemClock } from '#src/shared/clock.ts';
import { loadConfig } from '#src/shared/config.ts';
import { openTestDatabase, type TestDatabase } from '#tests/factories/databases.ts';

/** On the real clock: a scheduled feature must appear on cached pages the moment it goes live. */
describe('a scheduled feature going live', () => {
  let database: TestDatabase;
  let app: App;
  beforeAll(async () => {
    database = await openTestDatabase('sqlite', { migrate: false });
    app = await createApp(
      loadConfig({
        CONTENT_DIR: path.resolve('content'),
        LOG_LEVEL: 'silent',
        DEMO_PLAYS: '0',
        ADMIN_PASSWORD: 'correct horse battery staple',
      }),
      { database, clock: systemClock },
    );
  }, 60_000);
  afterAll(async () => {
    await app?.http.close();
    await database?.drop();
  });

  it('is announced at its time, so the cached home page lists it', async () => {
    const token = await app.services.accounts.createToken('admin@tokushu.local', 'test');
    const call = (url: string, payload: object) =>
      app.http.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${token}` },
        payload,
      });
    const created = await call('/api/v1/editor/features', {
      slug: 'goes-live-soon',
      category: 'anime-songs',
      text: { en: { title: 'A Feature That Goes Live in a Moment' } },
      entries: [{ song: 'shinai' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const at = new Date(Date.now() + 400).toISOString();
    const scheduled = await call('/api/v1/editor/features/goes-live-soon/publish', { at });
    expect(scheduled.json().status).toBe('scheduled');

    const home = () => app.http.inject({ url: '/en/' });
    expect((await home()).body).not.toContain('A Feature That Goes Live in a Moment');
    expect((await home()).headers['x-cache']).toBe('hit');
    await expect
      .poll(async () => (await home()).body, { timeout: 3000, interval: 50 })
      .toContain('A Feature That Goes Live in a Moment');
  });
});
