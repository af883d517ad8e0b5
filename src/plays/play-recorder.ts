import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';

export interface PlayToRecord {
  song: string;
  feature: string | undefined;
  locale: string;
  reader: string;
  day: string;
  at: string;
}

export type RecordOutcome =
  | { status: 'counted' }
  | { status: 'repeat' }
  | { status: 'unknown'; field: 'song' | 'feature'; slug: string };

interface Pending {
  play: PlayToRecord;
  resolve: (outcome: RecordOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: plays that arrive while a batch is being written wait for the next one, and
 * each batch is one transaction. A play is answered only after its batch has committed, so
 * an acknowledged play survives a crash; under load, batches grow and the cost of a commit
 * is shared.
 */
export function createPlayRecorder({
  db,
  maxBatch = 2000,
}: {
  db: Kysely<Database>;
  maxBatch?: number;
}) {
  const queue: Pending[] = [];
  let writing: Promise<void> | null = null;

  const writeBatch = async (batch: Pending[]) => {
    const songSlugs = [...new Set(batch.map((p) => p.play.song))];
    const featureSlugs = [
      ...new Set(batch.flatMap((p) => (p.play.feature ? [p.play.feature] : []))),
    ];
    const outcomes = await db.transaction().execute(async (trx) => {
      const [songs, features] = await Promise.all([
        trx.selectFrom('songs').select(['id', 'slug']).where('slug', 'in', songSlugs).execute(),
        featureSlugs.length === 0
          ? []
          : trx
              .selectFrom('features')
              .select(['id', 'slug'])
              .where('slug', 'in', featureSlugs)
              .execute(),
      ]);
      const songId = new Map(songs.map((s) => [s.slug, s.id]));
      const featureId = new Map(features.map((f) => [f.slug, f.id]));
      const results: RecordOutcome[] = batch.map(({ play }) =>
        !songId.has(play.song)
          ? { status: 'unknown', field: 'song', slug: play.song }
          : play.feature && !featureId.has(play.feature)
            ? { status: 'unknown', field: 'feature', slug: play.feature }
            : { status: 'repeat' },
      );
      const rows = batch.flatMap(({ play }, i) =>
        results[i]?.status === 'repeat'
          ? [
              {
                day: play.day,
                at: play.at,
                song_id: songId.get(play.song) as number,
                feature_id: play.feature ? (featureId.get(play.feature) as number) : null,
                locale: play.locale,
                reader: play.reader,
              },
            ]
          : [],
      );
      const counted = new Set<string>();
      for (let i = 0; i < rows.length; i += 500) {
        const inserted = await trx
          .insertInto('plays')
          .values(rows.slice(i, i + 500))
          .onConflict((oc) => oc.columns(['day', 'reader', 'song_id']).doNothing())
          .returning(['day', 'reader', 'song_id'])
          .execute();
        for (const r of inserted) counted.add(`${r.day}/${r.reader}/${r.song_id}`);
      }
      // The first of several identical plays in one batch is the one counted.
      return batch.map(({ play }, i): RecordOutcome => {
        const result = results[i] as RecordOutcome;
        if (result.status !== 'repeat') return result;
        const key = `${play.day}/${play.reader}/${songId.get(play.song)}`;
        if (!counted.has(key)) return result;
        counted.delete(key);
        return { status: 'counted' };
      });
    });
    batch.forEach((p, i) => p.resolve(outcomes[i] as RecordOutcome));
  };

  const drain = async () => {
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      try {
        await writeBatch(batch);
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    writing = null;
  };

  return {
    /** Resolves once the play is stored (or known to be a repeat or to name nothing). */
    record(play: PlayToRecord): Promise<RecordOutcome> {
      return new Promise((resolve, reject) => {
        queue.push({ play, resolve, reject });
        writing ??= new Promise<void>((done) => setImmediate(done)).then(drain);
      });
    },

    /** Plays waiting for the next batch. */
    get queueDepth(): number {
      return queue.length;
    },

    /** Waits until every play received so far is written. */
    async flush(): Promise<void> {
      while (writing) await writing;
    },
  };
}

export type PlayRecorder = ReturnType<typeof createPlayRecorder>;
