import { sql, type Kysely } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Database } from '#src/db/schema.ts';

/** How long a health check waits for the database before calling it unreachable. */
const PROBE_MS = 2000;

async function databaseReachable(db: Kysely<Database>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_MS);
  });
  try {
    return await Promise.race([sql`select 1`.execute(db).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/healthz`: the process is alive and answering (200 whatever the database says, so an
 * orchestrator does not restart a server that is only waiting for its database).
 * `/readyz`: it can serve now: the database answers and it is not shutting down; 503
 * otherwise, so a load balancer sends readers elsewhere until it is.
 */
export async function healthRoutes(app: FastifyInstance, db: Kysely<Database>): Promise<void> {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.get('/healthz', async (_request, reply) => {
    const database = (await databaseReachable(db)) ? 'up' : 'down';
    return reply.header('cache-control', 'no-store').send({ status: 'ok', database });
  });
  app.get('/readyz', async (_request, reply) => {
    const database = (await databaseReachable(db)) ? 'up' : 'down';
    const ready = database === 'up' && !closing;
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : closing ? 'closing' : 'unavailable', database });
  });
}
