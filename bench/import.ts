// Moving a whole site: `export` of a database, then `import` of that file into an empty
// SQLite database (and PostgreSQL when given), each a real command in its own process,
// with its time, rows a second and peak memory. Without a source, a scratch site with a
// generated catalog of --songs songs; or a site made by `npx tokushu generate-catalog`.
//   npm run bench:import -- [--songs 100000 | --data-dir ./data | --from postgres://…/db]
//                           [--to postgres://…/postgres]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    songs: { type: 'string', default: '100000' },
  },
});

interface Run {
  seconds: number;
  peakMb: number;
}

/** Runs a command of Tokushu, sampling its resident memory until it exits. */
function command(args: string[], env: Record<string, string>, stdout?: string): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/tokushu.js', ...args], {
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', stdout ? fs.openSync(stdout, 'w') : 'ignore', 'inherit'],
  });
  let peak = 0;
  const sample = setInterval(() => {
    try {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peak = Math.max(peak, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // exited between two samples
    }
  }, 100);
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      clearInterval(sample);
      if (code !== 0) reject(new Error(`tokushu ${args.join(' ')} exited with ${code}`));
      else
        resolve({ seconds: (performance.now() - started) / 1000, peakMb: Math.round(peak / 1024) });
    }),
  );
}

async function admin(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(statement);
  await client.end();
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokushu-bench-import-'));
  const file = path.join(dir, 'site.json');
  try {
    let source: Record<string, string>;
    if (values.from) source = { DATABASE_URL: values.from };
    else if (values['data-dir']) source = { DATA_DIR: path.resolve(values['data-dir']) };
    else {
      source = { DATA_DIR: path.join(dir, 'source') };
      await command(['generate-catalog', '--songs', String(values.songs)], source);
    }
    const exported = await command(['export'], source, file);
    const bytes = fs.statSync(file).size;
    // One row per line; the header line is the one other line that opens an object.
    let rows = -1;
    for await (const line of readline.createInterface({ input: fs.createReadStream(file) }))
      if (line.startsWith('{"')) rows++;

    const results: [string, Run][] = [['export', exported]];
    results.push([
      'import into SQLite',
      await command(['import', file], { DATA_DIR: path.join(dir, 'copy') }),
    ]);
    if (values.to) {
      const database = `tokushu_bench_import_${process.pid}`;
      await admin(values.to, `create database ${database}`);
      try {
        results.push([
          'import into PostgreSQL',
          await command(['import', file], {
            DATABASE_URL: values.to.replace(/\/[^/]*$/, `/${database}`),
          }),
        ]);
      } finally {
        await admin(values.to, `drop database if exists ${database} with (force)`);
      }
    }
    console.log(
      `\n${rows.toLocaleString('en')} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB of JSON; ${os.cpus().length} cores\n`,
    );
    console.log('| step | seconds | rows/s | MB/s | peak RSS MB |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const [name, run] of results)
      console.log(
        `| ${name} | ${run.seconds.toFixed(1)} | ${Math.round(rows / run.seconds).toLocaleString('en')} | ${(bytes / 1024 / 1024 / run.seconds).toFixed(1)} | ${run.peakMb} |`,
      );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
