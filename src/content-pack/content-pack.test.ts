import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '#src/db/migrate.ts';
import { connect } from '#src/db/connect.ts';
import { fixedClock } from '#src/shared/clock.ts';
import { ValidationError } from '#src/shared/errors.ts';
import { readContentPack } from './content-pack.ts';
import { loadContentPack } from './load-content-pack.ts';

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
    title: { original: 深愛, romanized: Shin'ai, en: Deep love }
    credits:
      - { artist: nana-mizuki, role: vocals }
`;
const FEATURE = `slug: one
category: anime-songs
text:
  en: { title: One }
entries:
  - song: shinai
    commentary:
      en: Fine.
`;

let dir: string;

function writePack(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError)
      return error.problems.map((p) => `${p.file}:${p.line} ${p.field}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokushu-pack-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('reading a content pack', () => {
  it('accepts a valid pack', () => {
    writePack({
      'taxonomy.yaml': TAXONOMY,
      'catalog/a.yaml': CATALOG,
      'features/one.yaml': FEATURE,
    });
    const pack = readContentPack(dir);
    expect(pack.songs.map((s) => s.value.slug)).toEqual(['shinai']);
    expect(pack.features.map((f) => f.value.slug)).toEqual(['one']);
  });

  it('names file, line and field of every problem at once', () => {
    writePack({
      'taxonomy.yaml': TAXONOMY,
      'catalog/a.yaml': CATALOG.replace('role: vocals', 'role: singer').replace(
        "Shin'ai, en: Deep love",
        "Shin'ai, en: ''",
      ),
      'features/one.yaml': FEATURE.replace(
        '  en: { title: One }',
        '  en: { title: One, subtitle: x }',
      ),
    });
    expect(problems(() => readContentPack(dir))).toEqual([
      'catalog/a.yaml:7 songs[0].title.en: must not be empty',
      expect.stringMatching(/^catalog\/a\.yaml:9 songs\[0\]\.credits\[0\]\.role: Invalid option/),
      expect.stringMatching(/^features\/one\.yaml:4 text\.en: Unrecognized key: "subtitle"/),
    ]);
  });

  it('refuses text past its length, naming file, line, field, the limit and the length', () => {
    writePack({
      'taxonomy.yaml': TAXONOMY,
      'catalog/a.yaml': CATALOG.replace('Deep love', '恋'.repeat(60_000)),
      'features/one.yaml': FEATURE.replace('en: Fine.', `en: ${'x'.repeat(300_000)}`),
    });
    expect(problems(() => readContentPack(dir))).toEqual([
      'catalog/a.yaml:7 songs[0].title.en: must be at most 200 characters; this one has 60,000',
      'features/one.yaml:8 entries[0].commentary.en: must be at most 20,000 characters; this one has 300,000',
    ]);
  });

  it('points a missing field at its parent', () => {
    writePack({
      'taxonomy.yaml': TAXONOMY,
      'catalog/a.yaml': CATALOG.replace('    kind: person\n', ''),
    });
    expect(problems(() => readContentPack(dir))).toEqual([
      expect.stringMatching(/^catalog\/a\.yaml:2 artists\[0\]\.kind: Invalid option/),
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    writePack({ 'taxonomy.yaml': TAXONOMY, 'catalog/a.yaml': 'artists:\n  - slug: [unclosed\n' });
    expect(problems(() => readContentPack(dir))[0]).toMatch(/^catalog\/a\.yaml:\d+ \(yaml\): /);
  });

  it('requires a feature file to be named after its slug', () => {
    writePack({
      'taxonomy.yaml': TAXONOMY,
      'catalog/a.yaml': CATALOG,
      'features/other.yaml': FEATURE,
    });
    expect(problems(() => readContentPack(dir))).toEqual([
      'features/other.yaml:1 slug: must match the file name ("other")',
    ]);
  });
});

describe('loading a content pack', () => {
  it('maps reference problems back to file and line, and loads nothing', async () => {
    writePack({
      'taxonomy.yaml': TAXONOMY,
      'catalog/a.yaml': CATALOG,
      'features/one.yaml': FEATURE.replace(
        '  - song: shinai',
        '  - song: shinai\n    commentary: { en: x }\n  - song: nope',
      ),
    });
    const database = connect('sqlite::memory:');
    try {
      await migrateToLatest(database.db);
      const error = await loadContentPack(
        database.db,
        fixedClock('2026-11-26T00:00:00Z'),
        readContentPack(dir),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(
        (error as ValidationError).problems.map(
          (p) => `${p.file}:${p.line} ${p.field}: ${p.message}`,
        ),
      ).toEqual(['features/one.yaml:8 entries[1].song: unknown song "nope"']);
      const songs = await database.db.selectFrom('songs').select('slug').execute();
      expect(songs).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
