import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '#src/db/connect.ts';
import { migrateToLatest } from '#src/db/migrate.ts';

// SQLite only, by nature: a SQLite file has one write lock for every connection, which a
// running server takes for each play it counts. PostgreSQL locks rows, and an import and a
// server write side by side there (the other import tests run on both databases).

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokushu-import-busy-'));
const file = path.join(dir, 'site.db');
const SONGS = 300;

/** `npx tokushu import …` as an operator types it, beside the server's connection. */
async function tokushu(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/tokushu.js', 'import', ...args], {
      env: { ...process.env, DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function writeFiles(prefix: string): string[] {
  const artists = path.join(dir, `${prefix}-artists.csv`);
  const songs = path.join(dir, `${prefix}-songs.csv`);
  fs.writeFileSync(artists, `slug,kind,name\n${prefix}-singer,person,${prefix} Singer\n`);
  const rows = Array.from(
    { length: SONGS },
    (_, i) => `${prefix}-song-${i},${prefix} Song ${i},2022,${prefix}-singer:vocals`,
  );
  fs.writeFileSync(songs, ['slug,title,released,credits', ...rows, ''].join('\n'));
  return [artists, songs];
}

describe('npx tokushu import beside a server writing to the same SQLite file', () => {
  /** The server's connection: it writes an audit row (as a play would be) when told. */
  let server: SQLite.Database;
  const write = () =>
    server
      .prepare(
        "insert into audit_log (at, user_id, action, entity, entity_id) values (?, null, 'play', 'song', 'shinai')",
      )
      .run(new Date().toISOString());
  const songs = (prefix: string) =>
    (
      server
        .prepare('select count(*) as n from songs where slug like ?')
        .get(`${prefix}-song-%`) as {
        n: number;
      }
    ).n;

  beforeAll(async () => {
    const database = connect(`sqlite:${file}`);
    await migrateToLatest(database.db);
    await database.close();
    server = new SQLite(file);
    server.pragma('journal_mode = WAL');
    server.pragma('busy_timeout = 30000');
  });
  afterAll(() => {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('waits its turn while the server keeps writing, and imports everything', async () => {
    let writes = 0;
    const timer = setInterval(() => {
      write();
      writes++;
    }, 5);
    const result = await tokushu(...writeFiles('steady')).finally(() => clearInterval(timer));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Imported:/);
    expect(songs('steady')).toBe(SONGS);
    // The server went on writing while the import ran.
    expect(writes).toBeGreaterThan(10);
  }, 60_000);

  it('says in one line that the database stayed busy, and writes nothing', async () => {
    server.exec('begin immediate');
    write();
    const result = await tokushu(...writeFiles('blocked'), '--wait', '1').finally(() =>
      server.exec('commit'),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'The database is busy with other writes: waited 1 s for its write lock and did not get it. Nothing was imported; run it again when the site writes less, or with a longer --wait.\n',
    );
    expect(songs('blocked')).toBe(0);
  }, 60_000);
});
