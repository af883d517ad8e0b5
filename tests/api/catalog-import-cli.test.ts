import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokushu-import-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `npx tokushu import …` as an operator types it, on a database of its own. */
async function tokushu(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/tokushu.js', 'import', ...args], {
      env: {
        ...process.env,
        DATABASE_URL: `sqlite:${path.join(dir, 'cli.db')}`,
        LOG_LEVEL: 'silent',
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npx tokushu import', () => {
  it('prints what a dry run would do as a table, then does it', async () => {
    const files = ['artists', 'works', 'songs', 'tie-ins'].map((f) => `examples/${f}.csv`);
    const dry = await tokushu(...files, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    expect(dry.stdout).toMatch(/│ songs\s+│\s+2 │\s+0 │\s+0 │\s+0 │/);
    expect(dry.stdout).toContain('song kaikai-kitan (examples/songs.csv line 2)');

    const done = await tokushu(...files);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^Imported:/);
    const again = await tokushu(...files, '--dry-run');
    expect(again.stdout).toMatch(/│ songs\s+│\s+0 │\s+0 │\s+2 │\s+0 │/);
    expect(again.stdout).toContain('song kaikai-kitan, found by slug (examples/songs.csv line 2)');
  }, 60_000);

  it('lists every problem with its file, line and field, and exits 1', async () => {
    const bad = path.join(dir, 'bad-artists.csv');
    fs.writeFileSync(bad, 'slug,kind,name\nok,person,OK\nwho,wizard,Who\n,person,\n');
    const result = await tokushu(bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        '3 problems; nothing was written:',
        `  ${bad}:3: kind: Invalid option: expected one of "person"|"group"|"unit"|"character"|"virtual-singer"`,
        `  ${bad}:4: slug: is required`,
        `  ${bad}:4: name: is required`,
        '',
      ].join('\n'),
    );
  }, 30_000);

  it('reports its progress line by line when it is not on a terminal', async () => {
    const many = path.join(dir, 'many-artists.csv');
    const rows = Array.from({ length: 1000 }, (_, i) => `singer-${i},person,Singer ${i}`);
    fs.writeFileSync(many, ['slug,kind,name', ...rows, ''].join('\n'));
    const result = await tokushu(many);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('matching: 1,000 of 1,000\n');
    expect(result.stderr).toContain('writing: 1,000 of 1,000\n');
    expect(result.stdout).toMatch(/│ artists\s+│\s+1000 │/);
  }, 60_000);
});
