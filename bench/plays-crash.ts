// Crash test: kill -9 the server in the middle of a burst of plays, then check that every
// play it acknowledged is stored and the database is intact.
//   npm run crash:plays [-- --database postgres://…/postgres]
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { connect } from '#src/db/connect.ts';
import { DEMO_SONGS, scratchSite } from './scratch-site.ts';

const { values } = parseArgs({ options: { database: { type: 'string' } } });
const CONCURRENCY = 64;

async function main() {
  const site = await scratchSite('crash-plays', values.database);
  const { base, databaseUrl } = site;
  let failed: boolean;
  try {
    const server = await site.start();
    const acknowledged: string[] = [];
    let sent = 0;
    let stop = false;
    const client = async () => {
      while (!stop) {
        const agent = `Mozilla/5.0 (crash reader ${sent++}) Safari/604.1`;
        try {
          const res = await fetch(`${base}/api/v1/plays`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'user-agent': agent },
            body: JSON.stringify({ song: DEMO_SONGS[sent % DEMO_SONGS.length], locale: 'en' }),
          });
          if (res.ok && (await res.json()).status === 'counted') acknowledged.push(agent);
        } catch {
          return; // the server is gone
        }
      }
    };
    const clients = Array.from({ length: CONCURRENCY }, client);
    await new Promise((r) => setTimeout(r, 1500 + Math.random() * 1000));
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    await exited;

    const database = connect(databaseUrl);
    const { db } = database;
    const { salt } = await db.selectFrom('play_salts').select('salt').executeTakeFirstOrThrow();
    const readers = new Set(
      (await db.selectFrom('plays').select('reader').execute()).map((r) => r.reader),
    );
    const missing = acknowledged.filter(
      (agent) =>
        !readers.has(
          createHash('sha256').update(`${salt}\n127.0.0.1\n${agent}`).digest('hex').slice(0, 32),
        ),
    );
    let integrity = 'ok';
    if (!values.database) {
      const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
      integrity = rows.map((r) => r.integrity_check).join(', ');
    }
    await database.close();

    // The server starts again on the same database.
    await site.start();

    console.log(
      `${values.database ? 'PostgreSQL' : 'SQLite'}: killed -9 after ${sent.toLocaleString()} plays sent; ${acknowledged.length.toLocaleString()} acknowledged, ${readers.size.toLocaleString()} stored, ${missing.length} acknowledged plays missing; integrity ${integrity}; restarted and answering.`,
    );
    failed = missing.length > 0 || integrity !== 'ok';
  } finally {
    await site.remove();
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
