import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { exportSite, importSite } from '#src/site-export/index.ts';
import { useTestApp } from '#tests/factories/app.ts';
import { DIALECTS, openTestDatabase } from '#tests/factories/databases.ts';

async function text(db: Kysely<Database>, withSecrets = false): Promise<string> {
  let out = '';
  for await (const piece of exportSite(db, { withSecrets })) out += piece;
  return out;
}

async function* lines(body: string) {
  yield* body.split('\n');
}

describe('the site export', () => {
  const { app } = useTestApp('sqlite', { demoPlays: true });

  it('round-trips SQLite → PostgreSQL → SQLite to the same bytes', async () => {
    const original = await text(app().database.db);
    expect(original).toContain('"songs":[');
    expect(original).toContain('"play_rollups":[');
    expect(original).not.toContain('password_hash');
    expect(original).not.toContain('"sessions"');
    JSON.parse(original);

    let current = original;
    for (const dialect of [...DIALECTS].reverse()) {
      const target = await openTestDatabase(dialect);
      try {
        const summary = await importSite(target.db, lines(current));
        expect(summary.rows).toBeGreaterThan(1000);
        current = await text(target.db);
        expect(current, `after ${dialect}`).toBe(original);
        // The sequences moved on: a new row gets a new id.
        const { id } = await target.db
          .insertInto('tags')
          .values({
            slug: 'after-import',
            kind: 'mood',
            label_en: 'After',
            label_ja: null,
            label_zh_hant: null,
            label_ko: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        expect(id).toBeGreaterThan(21);
      } finally {
        await target.drop();
      }
    }
  }, 120_000);

  it('carries secrets only when asked', async () => {
    const withSecrets = await text(app().database.db, true);
    expect(withSecrets).toContain('"password_hash":"$argon2id$');
    expect(withSecrets).toContain('"api_tokens":[');
  });

  it('names the line of what is wrong and writes nothing', async () => {
    const good = await text(app().database.db);
    const target = await openTestDatabase('sqlite');
    try {
      const attempt = (body: string) => importSite(target.db, lines(body));
      await expect(attempt('{"hello":1}')).rejects.toThrow(/^line 1: not a Tokushu site export/);
      await expect(attempt(good.replace('"version":1', '"version":9'))).rejects.toThrow(
        'line 1: format version 9; this Tokushu reads version 1',
      );
      const all = good.split('\n');
      await expect(attempt(all.slice(0, all.length - 3).join('\n'))).rejects.toThrow(
        /the export ends early \(truncated file\?\)/,
      );
      await expect(attempt(good.replace('"tags":[', '"tagz":['))).rejects.toThrow(
        /^line \d+: unknown table "tagz"/,
      );
      const broken = [...all];
      const row = broken.findIndex((l) => l.startsWith('{"created_at"'));
      broken[row] = '{"created_at": oops';
      await expect(attempt(broken.join('\n'))).rejects.toThrow(
        new RegExp(`^line ${row + 1}: \\w+: not a JSON row`),
      );
      const unknownColumn = good.replace('"slug":"shinai"', '"slug":"shinai","mood":"sad"');
      await expect(attempt(unknownColumn)).rejects.toThrow(/^lines \d+–\d+: songs: .*mood/);
      const songs = await target.db.selectFrom('songs').select('id').execute();
      expect(songs).toEqual([]);
      await importSite(target.db, lines(good));
      await expect(attempt(good)).rejects.toThrow(/already holds songs: import into an empty one/);
    } finally {
      await target.drop();
    }
  }, 60_000);
});
