import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite, restoreSqlite } from './backup.ts';
import { migrateToLatest } from './migrate.ts';
import { connect } from './connect.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokushu-backup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * Another process writing pairs of rows, each pair in one transaction: in any consistent
 * copy, both tables hold the same number of rows.
 */
const WRITER = `
  const D = require('better-sqlite3');
  const db = new D(process.argv[1]);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec('create table if not exists left_side (n integer); create table if not exists right_side (n integer)');
  const pair = db.transaction((n) => {
    db.prepare('insert into left_side values (?)').run(n);
    db.prepare('insert into right_side values (?)').run(n);
  });
  let n = 0;
  process.stdout.write('ready\\n');
  for (;;) pair(n++);
`;

describe('backing up and restoring SQLite', () => {
  it('takes a consistent copy under write load, and restores it', async () => {
    const live = path.join(dir, 'live.db');
    const database = connect(`sqlite:${live}`);
    await migrateToLatest(database.db);
    await database.close();

    const writer = spawn(process.execPath, ['-e', WRITER, live], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise((resolve) => writer.stdout.once('data', resolve));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const backup = path.join(dir, 'backup.db');
    const summary = backupSqlite(live, backup);
    await new Promise((resolve) => setTimeout(resolve, 200));
    writer.kill('SIGKILL');
    await new Promise((resolve) => writer.once('exit', resolve));

    expect(summary.bytes).toBeGreaterThan(0);
    const copy = new SQLite(backup, { readonly: true });
    const count = (db: SQLite.Database, table: string) =>
      (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const pairs = count(copy, 'left_side');
    expect(pairs).toBeGreaterThan(0);
    expect(count(copy, 'right_side')).toBe(pairs);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    // The live database went on being written after the copy was taken.
    const after = new SQLite(live, { readonly: true });
    expect(count(after, 'left_side')).toBeGreaterThan(pairs);
    after.close();

    const restored = path.join(dir, 'restored.db');
    restoreSqlite(backup, restored);
    const back = new SQLite(restored, { readonly: true });
    expect(count(back, 'left_side')).toBe(pairs);
    expect(back.pragma('integrity_check', { simple: true })).toBe('ok');

    back.close();

    // Over a database a server has open, or from a file that is not a backup: refused.
    const server = connect(`sqlite:${restored}`);
    await migrateToLatest(server.db);
    expect(() => restoreSqlite(backup, restored)).toThrow(/in use: stop the server/);
    await server.close();
    fs.writeFileSync(path.join(dir, 'junk.db'), 'not a database at all');
    expect(() => restoreSqlite(path.join(dir, 'junk.db'), restored)).toThrow(
      /not a SQLite database/,
    );
    expect(() => restoreSqlite(path.join(dir, 'missing.db'), restored)).toThrow(/no such file/);
  }, 30_000);
});
