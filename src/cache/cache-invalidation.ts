import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle } from '#src/db/connect.ts';
import { listenOn, type NotificationChannel } from '#src/db/notifications.ts';
import type { Change } from '#src/shared/changes.ts';
import { affectedKeys } from './affected.repository.ts';
import type { DependencyKey } from './dependencies.ts';

/** What a purge reaches: the page cache, and whatever else is kept until content changes. */
export interface Purgeable {
  purge(keys: readonly DependencyKey[]): void;
  purgeAll(): void;
}

/** NOTIFY payloads stop at 8,000 bytes; a purge that long empties the other caches instead. */
const MAX_PAYLOAD = 7_000;

interface Message {
  from: string;
  keys: DependencyKey[] | 'all';
}

/**
 * Purges the pages a change made stale, here and, on PostgreSQL, in every other instance
 * through LISTEN/NOTIFY: nothing to run besides the database.
 */
export async function createCacheInvalidation({
  database,
  cache,
  onError = (error) => console.error(error),
}: {
  database: DatabaseHandle;
  cache: Purgeable;
  onError?: (error: unknown) => void;
}) {
  const self = randomUUID();
  let channel: NotificationChannel | null = null;
  if (database.postgres) {
    channel = await listenOn(
      database.postgres,
      'tokushu_purge',
      (payload) => {
        try {
          const message = JSON.parse(payload) as Message;
          if (message.from === self) return;
          if (message.keys === 'all') cache.purgeAll();
          else cache.purge(message.keys);
        } catch (error) {
          onError(error);
        }
      },
      // Purges sent while this instance was not listening are lost: start afresh.
      () => cache.purgeAll(),
    );
  }

  /** Purges pages showing any of `keys` here, and tells the other instances to. */
  const purge = async (keys: DependencyKey[]): Promise<void> => {
    if (keys.length === 0) return;
    cache.purge(keys);
    if (!channel) return;
    let payload = JSON.stringify({ from: self, keys } satisfies Message);
    if (payload.length > MAX_PAYLOAD) payload = JSON.stringify({ from: self, keys: 'all' });
    await sql`select pg_notify(${channel.channel}, ${payload})`.execute(database.db);
  };

  return {
    purge,
    apply: async (change: Change) => purge(await affectedKeys(database.db, change)),
    close: () => channel?.close() ?? Promise.resolve(),
  };
}

export type CacheInvalidation = Awaited<ReturnType<typeof createCacheInvalidation>>;
