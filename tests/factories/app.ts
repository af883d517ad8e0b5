import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createApp, type App } from '#src/app.ts';
import type { ConnectOptions, DialectName } from '#src/db/connect.ts';
import { fixedClock, type Clock } from '#src/shared/clock.ts';
import { loadConfig } from '#src/shared/config.ts';
import { openTestDatabase, type TestDatabase } from './databases.ts';

export const TEST_NOW = '2026-11-26T12:00:00Z';

export interface TestAppOptions {
  /** Generate the demo play history too (slower; most tests count their own plays). */
  demoPlays?: boolean;
  /** Hears every query the application runs. */
  onQuery?: ConnectOptions['onQuery'];
  /** More configuration, as environment variables. */
  env?: Record<string, string>;
  /** "Now" for the application (default: fixed at TEST_NOW). */
  clock?: Clock;
  /** Addresses in one sitemap file, so that a small catalog fills several. */
  sitemapUrlsPerFile?: number;
}

/** The whole application on a fresh database loaded with the demo content pack. */
export async function startTestApp(
  dialect: DialectName,
  {
    demoPlays = false,
    onQuery,
    env = {},
    sitemapUrlsPerFile,
    clock = fixedClock(TEST_NOW),
  }: TestAppOptions = {},
): Promise<{ app: App; database: TestDatabase; close(): Promise<void> }> {
  const database = await openTestDatabase(dialect, { migrate: false, onQuery });
  let app: App;
  try {
    const config = loadConfig({
      CONTENT_DIR: path.resolve('content'),
      LOG_LEVEL: 'silent',
      DEMO_PLAYS: demoPlays ? '1' : '0',
      ADMIN_EMAIL: 'admin@example.org',
      ADMIN_PASSWORD: 'correct horse battery staple',
      ...env,
    });
    app = await createApp(config, {
      database,
      clock,
      sitemapUrlsPerFile,
    });
  } catch (error) {
    // A configuration the application refuses leaves no database behind.
    await database.drop();
    throw error;
  }
  return {
    app,
    database,
    async close() {
      await app.http.close();
      await database.drop();
    },
  };
}

/**
 * Starts the application once for the enclosing `describe` and stops it afterwards.
 * `get` sends a GET through Fastify's inject; `app()` is the running application.
 */
export function useTestApp(dialect: DialectName, options: TestAppOptions = {}) {
  let started: Awaited<ReturnType<typeof startTestApp>> | undefined;
  beforeAll(async () => {
    started = await startTestApp(dialect, options);
  }, 60_000);
  afterAll(() => started?.close());
  const app = (): App => {
    if (!started) throw new Error('the test application has not started');
    return started.app;
  };
  return {
    app,
    get: (url: string, headers: Record<string, string> = {}) => app().http.inject({ url, headers }),
  };
}
