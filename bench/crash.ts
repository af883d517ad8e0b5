// Crash test: kill -9 the server in the middle of a burst of plays and of editors adding
// catalog records, then check that every play and every record it acknowledged is stored,
// the database is intact, and the server starts again on it.
//   npm run crash [-- --database postgres://…/postgres]
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { connect } from '#src/db/connect.ts';
import { readerKeys } from '#src/plays/readers.ts';
import { DEMO_SONGS, readerAddress, readerHeaders, scratchSite } from './scratch-site.ts';

const { values } = parseArgs({ options: { database: { type: 'string' } } });
const CONCURRENCY = 64;
const EDITORS = 8;

async function main() {
  const site = await scratchSite('crash-plays', values.database);
  const { base, databaseUrl } = site;
  let failed: boolean;
  try {
    const server = await site.start();
    const acknowledged: number[] = [];
    let sent = 0;
    let stop = false;
    const client = async () => {
      while (!stop) {
        const reader = sent++;
        try {
          const res = await fetch(`${base}/api/v1/plays`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...readerHeaders(base, reader) },
            body: JSON.stringify({ song: DEMO_SONGS[reader % DEMO_SONGS.length], locale: 'en' }),
          });
          if (res.ok && (await res.json()).status === 'counted') acknowledged.push(reader);
        } catch {
          return; // the server is gone
        }
      }
    };
    // Editors add artists through the API, as the back office does, with a token of their own.
    const token = /^([A-Za-z0-9_-]{20,})$/m.exec(
      execFileSync(
        process.execPath,
        ['bin/tokushu.js', 'token', 'create', '--user', site.adminEmail],
        {
          env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' },
          encoding: 'utf8',
        },
      ),
    )?.[1];
    if (!token) throw new Error('no API token was created');
    const saved: string[] = [];
    let written = 0;
    const editor = async () => {
      while (!stop) {
        const slug = `crash-artist-${written++}`;
        try {
          const res = await fetch(`${base}/api/v1/editor/artists`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({
              record: { slug, kind: 'person', name: { original: `Crash Artist ${slug}` } },
            }),
          });
          if (res.status === 201) saved.push(slug);
          else throw new Error(`adding ${slug}: ${res.status} ${await res.text()}`);
        } catch (error) {
          if (error instanceof TypeError) return; // the server is gone
          throw error;
        }
      }
    };
    const clients = [
      ...Array.from({ length: CONCURRENCY }, client),
      ...Array.from({ length: EDITORS }, editor),
    ];
    // The kill lands once there is something to lose, at a moment nobody chose.
    const deadline = Date.now() + 30_000;
    while ((saved.length < 20 || acknowledged.length < 200) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, Math.random() * 500));
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
      (n) =>
        !readers.has(
          readerKeys(salt, readerAddress(n), readerHeaders(base, n)['user-agent'] as string).reader,
        ),
    );
    const stored = new Set(
      (
        await db
          .selectFrom('artists')
          .select('slug')
          .where('slug', 'like', 'crash-artist-%')
          .execute()
      ).map((a) => a.slug),
    );
    const lostEdits = saved.filter((slug) => !stored.has(slug));
    let integrity = 'ok';
    if (!values.database) {
      const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
      integrity = rows.map((r) => r.integrity_check).join(', ');
    }
    await database.close();

    // The server starts again on the same database.
    await site.start();

    console.log(
      `${values.database ? 'PostgreSQL' : 'SQLite'}: killed -9 after ${sent.toLocaleString()} plays and ${written.toLocaleString()} catalog saves sent; plays ${acknowledged.length.toLocaleString()} acknowledged, ${readers.size.toLocaleString()} stored, ${missing.length} acknowledged missing; saves ${saved.length.toLocaleString()} acknowledged, ${stored.size.toLocaleString()} stored, ${lostEdits.length} acknowledged missing; integrity ${integrity}; restarted and answering.`,
    );
    failed = missing.length > 0 || lostEdits.length > 0 || integrity !== 'ok';
  } finally {
    await site.remove();
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
