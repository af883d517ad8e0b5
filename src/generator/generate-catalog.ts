import { sql, type Insertable, type Kysely } from 'kysely';
import { isPostgres } from '#src/db/migrations/dialect-columns.ts';
import type { Database } from '#src/db/schema.ts';
import { addDailyCounts } from '#src/plays/index.ts';
import { renderMarkdown } from '#src/shared/markdown.ts';
import { seededRandom } from '#src/shared/seeded-random.ts';
import { syntheticNames, type SyntheticName } from './names.ts';

type Db = Kysely<Database>;

export interface GenerateOptions {
  songs: number;
  seed: number;
  /** `YYYY-MM-DD`: the last day of play history is the day before. */
  today: string;
  /** Called as each stage advances: rows written so far of the stage's total. */
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface GenerateSummary {
  artists: number;
  works: number;
  songs: number;
  features: number;
  rankings: number;
  entries: number;
  playRows: number;
}

const BATCH = 1000;
const ROLES = ['opening', 'ending', 'insert', 'theme'] as const;
const WORK_KINDS = ['tv', 'tv', 'tv', 'movie', 'game', 'ova', 'web'] as const;
const LOCALES = ['en', 'ja', 'zh-hant', 'ko'] as const;
const DAY_MS = 86_400_000;

/**
 * Everything of a catalog of `songs` songs, in the proportions of the demo site: an
 * artist for every ten songs, a work for every twenty, two in five songs tied in to a work,
 * a curated feature for every 200 songs, a ranking of the year for each category and play
 * history for the songs readers find,
 * written in batches so that memory stays flat however large the catalog. Ids continue
 * after what the database holds; the same seed writes the same catalog.
 */
export async function generateCatalog(db: Db, options: GenerateOptions): Promise<GenerateSummary> {
  const { songs: songCount, seed, today } = options;
  const progress = options.onProgress ?? (() => {});
  const random = seededRandom('catalog', seed);
  const names = syntheticNames(random);
  const now = `${today}T00:00:00.000Z`;
  const counts = {
    artists: Math.max(10, Math.round(songCount / 10)),
    works: Math.max(5, Math.round(songCount / 20)),
    features: Math.max(1, Math.round(songCount / 200)),
  };
  const start = async (table: 'artists' | 'works' | 'songs' | 'features' | 'entries') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.max<number>('id').as('max'))
      .executeTakeFirst();
    return Number(row?.max ?? 0) + 1;
  };
  const named = <P extends string>(prefix: P, n: SyntheticName) =>
    ({
      [`${prefix}_original`]: n.original,
      [`${prefix}_romanized`]: n.romanized,
      [`${prefix}_en`]: n.en,
      [`${prefix}_zh_hant`]: n.zhHant,
      [`${prefix}_ko`]: n.ko,
    }) as Record<`${P}_original`, string> &
      Record<`${P}_romanized` | `${P}_en` | `${P}_zh_hant` | `${P}_ko`, string | null>;
  const slugOf = (text: string, id: number) =>
    `${text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40)}-${id}`.replace(/^-/, '');
  /** Writes rows made by `make(i)` for i in [0, total), a batch at a time. */
  const stream = async <T>(
    stage: string,
    total: number,
    make: (i: number) => T[],
    write: (rows: T[]) => Promise<unknown>,
  ) => {
    let rows: T[] = [];
    for (let i = 0; i < total; i++) {
      rows.push(...make(i));
      if (rows.length >= BATCH) {
        await write(rows);
        rows = [];
        progress(stage, i + 1, total);
      }
    }
    if (rows.length > 0) await write(rows);
    progress(stage, total, total);
  };

  const tags = await db.selectFrom('tags').select(['id', 'slug']).orderBy('id').execute();
  const categories = await db
    .selectFrom('categories')
    .select(['id', 'slug', 'name_en', 'name_ja'])
    .orderBy('position')
    .execute();

  const firstArtist = await start('artists');
  await stream(
    'artists',
    counts.artists,
    (i) => {
      const id = firstArtist + i;
      const kind = random() < 0.75 ? 'person' : random() < 0.8 ? 'group' : 'character';
      const name = kind === 'group' ? names.group() : names.person();
      return [
        {
          id,
          slug: slugOf(name.romanized ?? name.original, id),
          kind,
          ...named('name', name),
          created_at: now,
          updated_at: now,
        },
      ];
    },
    (rows) => db.insertInto('artists').values(rows).execute(),
  );

  const firstWork = await start('works');
  await stream(
    'works',
    counts.works,
    (i) => {
      const id = firstWork + i;
      const title = names.title();
      return [
        {
          id,
          slug: slugOf(title.romanized ?? title.reading, id),
          kind: names.pick(WORK_KINDS),
          ...named('title', title),
          year: 1980 + Math.floor(random() * 47),
          first_aired: null,
          last_aired: null,
          official_site: null,
          created_at: now,
          updated_at: now,
        },
      ];
    },
    (rows) => db.insertInto('works').values(rows).execute(),
  );

  const firstSong = await start('songs');
  const artistOf = () => firstArtist + Math.floor(random() ** 2 * counts.artists);
  await stream(
    'songs',
    songCount,
    (i) => {
      const id = firstSong + i;
      const title = names.title();
      return [
        {
          song: {
            id,
            slug: slugOf(title.romanized ?? title.reading, id),
            ...named('title', title),
            released_on: String(1980 + Math.floor(random() * 47)),
            cover_of_id: null,
            created_at: now,
            updated_at: now,
          },
          credits: [
            {
              song_id: id,
              position: 0,
              artist_id: artistOf(),
              role: 'vocals',
              as_character_id: null,
            },
            ...(random() < 0.6
              ? [
                  {
                    song_id: id,
                    position: 1,
                    artist_id: artistOf(),
                    role: 'composition',
                    as_character_id: null,
                  },
                ]
              : []),
          ],
          tieIns:
            random() < 0.4
              ? [
                  {
                    song_id: id,
                    work_id: firstWork + Math.floor(random() * counts.works),
                    role: names.pick(ROLES),
                    sequence: random() < 0.7 ? 1 + Math.floor(random() * 4) : null,
                    season: null,
                    note: null,
                  },
                ]
              : [],
          tags: tags.length
            ? [...new Set([names.pick(tags).id, names.pick(tags).id])].map((tag_id) => ({
                song_id: id,
                tag_id,
                weight: 1,
              }))
            : [],
        },
      ];
    },
    async (rows) => {
      await db
        .insertInto('songs')
        .values(rows.map((r) => r.song))
        .execute();
      await db
        .insertInto('song_credits')
        .values(rows.flatMap((r) => r.credits))
        .execute();
      const tieIns = rows.flatMap((r) => r.tieIns);
      if (tieIns.length) await db.insertInto('tie_ins').values(tieIns).execute();
      const songTags = rows.flatMap((r) => r.tags);
      if (songTags.length) await db.insertInto('song_tags').values(songTags).execute();
    },
  );

  // Curated features of 10 to 30 songs, published over the last two years.
  const firstFeature = await start('features');
  let entryId = await start('entries');
  let entryCount = 0;
  const songAt = () => firstSong + Math.floor(random() ** 1.5 * songCount);
  await stream(
    'features',
    counts.features,
    (i) => {
      const id = firstFeature + i;
      const title = names.title();
      const published = new Date(
        Date.parse(now) - Math.floor(random() * 730) * DAY_MS,
      ).toISOString();
      const picked = [...new Set(Array.from({ length: 10 + Math.floor(random() * 21) }, songAt))];
      const entries = picked.map((song_id, position) => ({
        id: entryId++,
        feature_id: id,
        position: position + 1,
        song_id,
        added_at: published,
      }));
      entryCount += entries.length;
      const lead = `Songs around *${title.romanized ?? title.original}*, chosen for readers who know the feeling.`;
      const leadJa = `「${title.original}」をテーマに選んだ曲を集めました。`;
      return [
        {
          feature: {
            id,
            slug: `feature-${slugOf(title.romanized ?? title.reading, id)}`,
            kind: 'curated',
            category_id: categories.length ? names.pick(categories).id : null,
            status: 'published',
            byline: 'Tokushu editors',
            published_at: published,
            updated_at: published,
            created_at: published,
            revision: 1,
          },
          texts: [
            {
              locale: 'en',
              title: `Songs of ${title.en ?? title.romanized ?? title.original}`,
              md: lead,
            },
            { locale: 'ja', title: `${title.original}の歌特集`, md: leadJa },
          ].map((t) => ({
            feature_id: id,
            locale: t.locale,
            title: t.title,
            lead_md: t.md,
            lead_html: renderMarkdown(t.md),
            closing_md: '',
            closing_html: '',
          })),
          tags: [...new Set([names.pick(tags).id, names.pick(tags).id])].map((tag_id) => ({
            feature_id: id,
            tag_id,
          })),
          entries,
          commentary: entries.flatMap((e) =>
            random() < 0.5
              ? [
                  {
                    entry_id: e.id,
                    locale: 'en',
                    commentary_md: 'A quiet pick that rewards a second listen.',
                    commentary_html: '<p>A quiet pick that rewards a second listen.</p>',
                  },
                ]
              : [],
          ),
        },
      ];
    },
    async (rows) => {
      await db
        .insertInto('features')
        .values(rows.map((r) => r.feature))
        .execute();
      await db
        .insertInto('feature_texts')
        .values(rows.flatMap((r) => r.texts))
        .execute();
      const featureTags = rows.flatMap((r) => r.tags);
      if (featureTags.length) await db.insertInto('feature_tags').values(featureTags).execute();
      const entries = rows.flatMap((r) => r.entries);
      for (let i = 0; i < entries.length; i += BATCH)
        await db
          .insertInto('entries')
          .values(entries.slice(i, i + BATCH))
          .execute();
      const commentary = rows.flatMap((r) => r.commentary);
      for (let i = 0; i < commentary.length; i += BATCH)
        await db
          .insertInto('entry_texts')
          .values(commentary.slice(i, i + BATCH))
          .execute();
    },
  );

  // A ranking of this year's most played songs for each category.
  const year = Number(today.slice(0, 4));
  let rankings = 0;
  for (const category of categories) {
    const id = firstFeature + counts.features + rankings++;
    const slug = `most-played-${category.slug}-${year}-${id}`;
    await db
      .insertInto('features')
      .values({
        id,
        slug,
        kind: 'ranking',
        category_id: category.id,
        status: 'published',
        byline: 'Tokushu editors',
        published_at: now,
        updated_at: now,
        created_at: now,
        revision: 1,
      })
      .execute();
    await db
      .insertInto('feature_texts')
      .values(
        [
          { locale: 'en', title: `Most-Played ${category.name_en} of ${year}` },
          { locale: 'ja', title: `${year}年 よく聴かれた${category.name_ja ?? category.name_en}` },
        ].map((t) => ({
          feature_id: id,
          ...t,
          lead_md: '',
          lead_html: '',
          closing_md: '',
          closing_html: '',
        })),
      )
      .execute();
    await db
      .insertInto('feature_rankings')
      .values({ feature_id: id, category_id: category.id, period: String(year), size: 50 })
      .execute();
  }

  // Plays: one song in fifty finds readers, a few of them many; the last 90 days, folded.
  const played = Math.max(1, Math.round(songCount / 50));
  let playRows = 0;
  const last = Date.parse(now) - DAY_MS;
  await stream(
    'plays',
    played,
    (i): Insertable<Database['play_rollups']>[] => {
      const songId = songAt();
      const popularity = 40 / (1 + i / 20);
      const rows: Insertable<Database['play_rollups']>[] = [];
      for (let d = 0; d < 90; d++) {
        const plays = Math.round(popularity * (0.5 + random()));
        if (plays === 0) continue;
        rows.push({
          day: new Date(last - d * DAY_MS).toISOString().slice(0, 10),
          song_id: songId,
          feature_id: 0,
          locale: names.pick(LOCALES),
          plays,
        });
      }
      playRows += rows.length;
      return rows;
    },
    // A popular song may be drawn twice in a batch: one row per key, as PostgreSQL requires.
    (rows) => addDailyCounts(db, sumByKey(rows)),
  );

  // Explicit ids leave PostgreSQL's identity sequences behind: move them past the new rows.
  if (isPostgres(db as unknown as Kysely<unknown>)) {
    for (const table of ['artists', 'works', 'songs', 'features', 'entries'])
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
        db,
      );
  }
  // Fresh statistics, or the planners guess: PostgreSQL took two minutes over a ranking it
  // answers in a second once it knows how many rows each table holds.
  progress('statistics', 0, 1);
  await sql`analyze`.execute(db);
  progress('statistics', 1, 1);
  return {
    artists: counts.artists,
    works: counts.works,
    songs: songCount,
    features: counts.features,
    rankings,
    entries: entryCount,
    playRows,
  };
}

function sumByKey(rows: Insertable<Database['play_rollups']>[]) {
  const byKey = new Map<string, Insertable<Database['play_rollups']>>();
  for (const row of rows) {
    const key = `${row.song_id}|${row.day}|${row.feature_id}|${row.locale}`;
    const seen = byKey.get(key);
    if (seen) seen.plays = Number(seen.plays) + Number(row.plays);
    else byKey.set(key, { ...row });
  }
  return [...byKey.values()];
}
