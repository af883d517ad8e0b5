import pg from 'pg';

export interface NotificationChannel {
  /** The channel's name, for `pg_notify(channel, payload)` sent through any connection. */
  channel: string;
  close(): Promise<void>;
}

const RETRY_MS = 1000;

/**
 * PostgreSQL LISTEN on a connection of its own, reconnecting when it drops. While
 * disconnected, notifications are missed, so `onReconnect` is told to assume the worst.
 */
export async function listenOn(
  { url, schema }: { url: string; schema: string | undefined },
  name: string,
  onMessage: (payload: string) => void,
  onReconnect: () => void,
): Promise<NotificationChannel> {
  // Test runs share one database, one schema each: their channels must not cross.
  const channel = schema ? `${name}_${schema}` : name;
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
    });
    next.on('error', () => drop(next));
    next.on('end', () => drop(next));
    await next.connect();
    await next.query(`listen "${channel}"`);
    client = next;
  };
  const drop = (dead: pg.Client) => {
    if (client !== dead || closed) return;
    client = null;
    dead.end().catch(() => {});
    const again = () => {
      retry = undefined;
      if (closed) return;
      connect().then(onReconnect, () => {
        retry = setTimeout(again, RETRY_MS);
        retry.unref();
      });
    };
    retry = setTimeout(again, RETRY_MS);
    retry.unref();
  };

  await connect();
  return {
    channel,
    async close() {
      closed = true;
      clearTimeout(retry);
      const last = client;
      client = null;
      await last?.end();
    },
  };
}
