import pg from 'pg';
import type { DatabaseHandle } from '#src/db/connect.ts';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '#tests/factories/app.ts';
import { DIALECTS } from '#tests/factories/databases.ts';

/** One address of every page type readers open. */
const PAGES = [
  '/en/',
  '/en/anime-heartbreak-songs',
  '/en/anime-heartbreak-songs/3',
  '/en/anime-heartbreak-songs-ranking-2026',
  '/en/songs/shinai',
  '/en/artists/nana-mizuki',
  '/en/works/white-album',
  '/en/tags/heartbreak',
  '/en/categories/anime-songs',
];

/**
 * Tables that grow with the catalog: reading one of them whole is a full scan that a
 * million songs turns into seconds. The taxonomy (tags, categories) stays small.
 */
const LARGE = [
  'songs',
  'song_aliases',
  'song_credits',
  'song_media',
  'song_tags',
  'tie_ins',
  'artists',
  'artist_aliases',
  'artist_members',
  'works',
  'work_aliases',
  'work_links',
  'work_external_ids',
  'features',
  'feature_texts',
  'feature_tags',
  'feature_related',
  'entries',
  'entry_texts',
  'song_neighbours',
  'feature_neighbours',
  'ranking_standings',
  'plays',
  'play_rollups',
];

interface Query {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * Every query behind every page type, explained by the database itself: none reads a large
 * table whole or sorts one (each is answered through an index), on SQLite and PostgreSQL.
 */
describe.each(DIALECTS)('query plans of the pages on %s', (dialect) => {
  let recording: Query[] | null = null;
  const { app, get } = useTestApp(dialect, {
    onQuery: (text, parameters) => recording?.push({ sql: text, parameters }),
  });

  const queriesOf = async (url: string) => {
    app().pageCache?.purgeAll();
    recording = [];
    const res = await get(url);
    const queries = recording;
    recording = null;
    expect(res.statusCode, url).toBe(200);
    return queries;
  };

  it('runs as many queries for a page of 27 songs as for one of 10: no query per entry', async () => {
    // Settles what the application does in the background when it starts.
    await queriesOf('/en/about');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ten = await queriesOf('/en/anime-heartbreak-songs');
    const all = await queriesOf('/en/anime-heartbreak-songs?all=1');
    expect(all.length).toBe(ten.length);
    expect(ten.length).toBeLessThan(30);
  });

  it('reads large tables through indexes only', async () => {
    const problems: string[] = [];
    let explained = 0;
    let client: pg.Client | null = null;
    if (dialect === 'postgres') {
      const { url, schema } = app().database.postgres as { url: string; schema: string };
      client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
      await client.connect();
      // Tables this small are read whole whatever the indexes; forbid it to see what is possible.
      await client.query('set enable_seqscan = off');
    }
    try {
      for (const url of PAGES) {
        for (const q of await queriesOf(url)) {
          explained++;
          if (client) {
            const { rows } = await client.query(`explain ${q.sql}`, q.parameters as unknown[]);
            const plan = rows.map((r: Record<string, string>) => Object.values(r)[0]).join('\n');
            for (const table of LARGE)
              if (new RegExp(`Seq Scan on ${table}\\b`).test(plan))
                problems.push(`${url}: full scan of ${table}\n${q.sql}\n${plan}`);
          } else {
            const plan = await sqlitePlanOf(app().database, q);
            for (const detail of plan) {
              const scan = /^SCAN (\w+)(?! USING)/.exec(detail);
              if (
                scan &&
                LARGE.includes(scan[1] as string) &&
                !/USING (COVERING )?INDEX/.test(detail)
              )
                problems.push(`${url}: full scan of ${scan[1]}\n${q.sql}\n${plan.join('\n')}`);
            }
          }
        }
      }
    } finally {
      await client?.end();
    }
    expect(explained).toBeGreaterThan(PAGES.length * 3);
    expect(problems, problems.join('\n\n')).toEqual([]);
  });
});

/** SQLite's plan of a query, one line per step (`SCAN songs`, `SEARCH songs USING INDEX …`). */
async function sqlitePlanOf(database: DatabaseHandle, q: Query): Promise<string[]> {
  const compiled = {
    sql: `explain query plan ${q.sql}`,
    parameters: q.parameters,
    query: { kind: 'RawNode' },
  } as never;
  const result = await database.db.getExecutor().executeQuery(compiled);
  return (result.rows as { detail: string }[]).map((r) => r.detail);
}
