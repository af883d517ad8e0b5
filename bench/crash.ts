// Crash test: kill -9 the server in the middle of a burst of plays and of editors adding
// catalog records, then check that every play and every record it acknowledged is stored,
// the database is intact, and the server starts again on it. Then kill -9 a catalog import
// the moment its songs are committed, while search and "like this" are catching up: once the
// server has started again, every imported song is found by search.
//   npm run crash [-- --database postgres://…/postgres]
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { connect } from '#src/db/connect.ts';
import { readerKeys } from '#src/plays/readers.ts';
import { DEMO_SONGS, readerAddress, readerHeaders, scratchSite } from './scratch-site.ts';

const { values } = parseArgs({ options: { database: { type: 'string' } } });
const CONCURRENCY = 64;
const EDITORS = 8;
const IMPORTED_SONGS = 3000;
const IMPORT_SINGERS = 100;

/** How the import killed after its commit came out, once the server had started again. */
interface ImportCrash {
  /** Changes the import had not yet followed when it was killed. */
  pendingAtKill: number;
  committed: number;
  searchable: number;
  pendingAfter: number;
}

/**
 * Runs `tokushu import` of IMPORTED_SONGS songs and kills it -9 as soon as they are all
 * stored. Returns a check to run once the server is back.
 */
async function killImportAfterCommit(databaseUrl: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokushu-crash-import-'));
  const artists = path.join(dir, 'artists.csv');
  const songs = path.join(dir, 'songs.csv');
  // Thirty songs a singer, as a real import has: "like this" over one artist with thousands
  // of songs is a cost of its own (each song shares the artist with all the others).
  fs.writeFileSync(
    artists,
    [
      'slug,kind,name',
      ...Array.from(
        { length: IMPORT_SINGERS },
        (_, i) => `crash-import-singer-${i},person,Crash Import Singer ${i}`,
      ),
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    songs,
    [
      'slug,title,released,credits',
      ...Array.from(
        { length: IMPORTED_SONGS },
        (_, i) =>
          `crash-song-${i},Crash Song ${i},2024,crash-import-singer-${i % IMPORT_SINGERS}:vocals`,
      ),
      '',
    ].join('\n'),
  );
  const importer = spawn(process.execPath, ['bin/tokushu.js', 'import', artists, songs], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });
  const exited = new Promise((r) => importer.once('exit', r));
  const database = connect(databaseUrl);
  const { db } = database;
  const count = async (table: 'songs' | 'search_entries') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('slug', 'like', 'crash-song-%')
          .executeTakeFirstOrThrow()
      ).n,
    );
  try {
    let committed = 0;
    while (committed < IMPORTED_SONGS && importer.exitCode === null) {
      committed = await count('songs');
      if (committed < IMPORTED_SONGS) await new Promise((r) => setTimeout(r, 5));
    }
    importer.kill('SIGKILL');
    await exited;
    const left = (await db.selectFrom('pending_changes').select('id').execute()).map((r) => r.id);
    const pendingAtKill = left.length;
    return {
      /** Once the server has started again on the database. */
      async check(base: string): Promise<ImportCrash> {
        const searchable = await count('search_entries');
        // Only those the kill left: the server's own rankings refresh notes changes as it runs.
        const pendingAfter = left.length
          ? (await db.selectFrom('pending_changes').select('id').where('id', 'in', left).execute())
              .length
          : 0;
        // And search answers for them, not only the index holds them.
        for (const i of [0, Math.floor(IMPORTED_SONGS / 2), IMPORTED_SONGS - 1]) {
          const res = await fetch(`${base}/api/v1/search?q=crash%20song%20${i}&type=song`);
          if (!(await res.text()).includes(`"crash-song-${i}"`))
            throw new Error(`search does not find crash-song-${i} after the restart`);
        }
        return { pendingAtKill, committed, searchable, pendingAfter };
      },
      close: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

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

    const killedImport = await killImportAfterCommit(databaseUrl);
    // The server starts again on the same database.
    await site.start();
    const imported = await killedImport.check(base).finally(killedImport.close);

    console.log(
      `${values.database ? 'PostgreSQL' : 'SQLite'}: killed -9 after ${sent.toLocaleString()} plays and ${written.toLocaleString()} catalog saves sent; plays ${acknowledged.length.toLocaleString()} acknowledged, ${readers.size.toLocaleString()} stored, ${missing.length} acknowledged missing; saves ${saved.length.toLocaleString()} acknowledged, ${stored.size.toLocaleString()} stored, ${lostEdits.length} acknowledged missing; integrity ${integrity}; restarted and answering.`,
    );
    console.log(
      `Import of ${IMPORTED_SONGS.toLocaleString()} songs killed -9 after its commit (${imported.committed.toLocaleString()} songs stored, ${imported.pendingAtKill} changes not yet followed): after the restart ${imported.searchable.toLocaleString()} of them are in the search index, ${imported.pendingAfter} changes still pending.`,
    );
    failed =
      missing.length > 0 ||
      lostEdits.length > 0 ||
      integrity !== 'ok' ||
      imported.searchable !== imported.committed ||
      imported.pendingAfter > 0;
  } finally {
    await site.remove();
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
