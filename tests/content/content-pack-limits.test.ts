import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '#src/app.ts';
import { fixedClock } from '#src/shared/clock.ts';
import { loadConfig } from '#src/shared/config.ts';
import { ValidationError } from '#src/shared/errors.ts';
import { TEST_NOW } from '#tests/factories/app.ts';
import { DIALECTS, openTestDatabase } from '#tests/factories/databases.ts';

const TAXONOMY = `categories:
  - slug: anime-songs
    name: { en: Anime songs }
tags:
  - { slug: sad, kind: mood, name: { en: Sad } }
`;
const CATALOG = `artists:
  - slug: nana-mizuki
    kind: person
    name: { original: 水樹奈々, romanized: Mizuki Nana, en: Nana Mizuki }
songs:
  - slug: shinai
    title: { original: ORIGINAL, romanized: Shin'ai, en: Deep love }
    credits:
      - { artist: nana-mizuki, role: vocals }
`;
const FEATURE = `slug: one
category: anime-songs
text:
  en: { title: One }
entries:
  - song: shinai
`;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokushu-pack-'));
  for (const [name, text] of Object.entries({
    'taxonomy.yaml': TAXONOMY,
    'catalog/a.yaml': CATALOG.replace('ORIGINAL', '深'.repeat(60_000)),
    'features/one.yaml': FEATURE,
  })) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each(DIALECTS)('a content pack with an over-long name on %s', (dialect) => {
  it('is refused at its file, line and field on the first start, and nothing is loaded', async () => {
    const database = await openTestDatabase(dialect, { migrate: false });
    try {
      const config = loadConfig({ CONTENT_DIR: dir, LOG_LEVEL: 'silent', DEMO_PLAYS: '0' });
      const error = await createApp(config, { database, clock: fixedClock(TEST_NOW) }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(
        (error as ValidationError).problems.map(
          (p) => `${p.file}:${p.line} ${p.field}: ${p.message}`,
        ),
      ).toEqual([
        'catalog/a.yaml:7 songs[0].title.original: must be at most 200 characters; this one has 60,000',
      ]);
      expect(await database.db.selectFrom('songs').select('slug').execute()).toEqual([]);
    } finally {
      await database.drop();
    }
  });
});
