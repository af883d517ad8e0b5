import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

export interface BackupSummary {
  file: string;
  bytes: number;
  ms: number;
}

/** Problems a backup file can have, named for the person restoring it. */
function checkBackup(file: string): void {
  if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new Error(`${file}: the database is damaged (${String(integrity)})`);
    const migrations = db
      .prepare("select count(*) as n from sqlite_master where name = 'kysely_migration'")
      .get() as { n: number };
    if (migrations.n === 0)
      throw new Error(`${file}: not a Tokushu database (no migrations table)`);
  } catch (error) {
    if (error instanceof SQLite.SqliteError)
      throw new Error(`${file}: not a SQLite database (${error.message})`, { cause: error });
    throw error;
  } finally {
    db?.close();
  }
}

/**
 * A consistent copy of a SQLite database taken while it is in use: `VACUUM INTO` reads one
 * snapshot (writers carry on in the write-ahead log) and writes a compact file. It is written
 * beside the target and renamed into place, so a backup file is never half written.
 */
export function backupSqlite(source: string, target: string): BackupSummary {
  const started = performance.now();
  const partial = path.join(
    path.dirname(path.resolve(target)),
    `.${path.basename(target)}.partial`,
  );
  fs.rmSync(partial, { force: true });
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('vacuum into ?').run(partial);
  } finally {
    db.close();
  }
  checkBackup(partial);
  fs.renameSync(partial, target);
  return { file: target, bytes: fs.statSync(target).size, ms: performance.now() - started };
}

/**
 * Puts a backup in place of the database at `target`, which no server may have open: the
 * backup is checked first, copied beside the target and renamed over it, and the old
 * write-ahead log, which belongs to the replaced file, is removed.
 */
export function restoreSqlite(backup: string, target: string): BackupSummary {
  const started = performance.now();
  checkBackup(backup);
  if (fs.existsSync(target)) assertNotInUse(target);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const partial = `${target}.restoring`;
  fs.copyFileSync(backup, partial);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.renameSync(partial, target);
  return { file: target, bytes: fs.statSync(target).size, ms: performance.now() - started };
}

/** Refuses when another process has the database open (a running server). */
function assertNotInUse(file: string): void {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    // In exclusive locking mode the first write keeps the lock, which fails while anyone else
    // has the database open in WAL mode.
    db.pragma('locking_mode = exclusive');
    db.exec('begin exclusive; commit;');
  } catch (error) {
    throw new Error(`${file} is in use: stop the server before restoring over it`, {
      cause: error,
    });
  } finally {
    db.close();
  }
}
