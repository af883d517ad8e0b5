/**
 * Whether an error means the database cannot be reached just now (stopped, restarting,
 * out of connections, unreachable), rather than a fault in what was asked of it: those
 * are answered 503, to try again shortly, and need no restart once it is back.
 */
/** What a 503 tells readers and crawlers: come back in half a minute. */
export const RETRY_AFTER_SECONDS = 30;

export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NETWORK.has(code) || UNAVAILABLE.has(code)) return true;
    // SQLSTATE class 08: connection exceptions.
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return typeof message === 'string' && DRIVER_MESSAGES.test(message);
}

const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

const UNAVAILABLE = new Set([
  // PostgreSQL: shutting down, crash recovery, starting up, too many connections.
  '57P01',
  '57P02',
  '57P03',
  '53300',
  // SQLite: another process holds the write lock beyond busy_timeout.
  'SQLITE_BUSY',
]);

/** What node-postgres says when a connection dies or cannot be made in time. */
const DRIVER_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused/i;
