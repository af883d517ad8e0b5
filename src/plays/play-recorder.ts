import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import * as repo from './plays.repository.ts';
import type { ReaderKeys } from './readers.ts';

export interface PlayToRecord extends ReaderKeys {
  song: string;
  feature: string | undefined;
  locale: string;
  day: string;
  at: string;
}

export type RecordOutcome =
  | { status: 'counted' }
  | { status: 'repeat' }
  /** The reader's address already counted as many readers of the song today as it may. */
  | { status: 'limited' }
  | { status: 'unknown'; field: 'song' | 'feature'; slug: string }
  | { status: 'not-in-feature'; song: string; feature: string };

interface Pending {
  play: PlayToRecord;
  resolve: (outcome: RecordOutcome) => void;
  reject: (error: unknown) => void;
}

const keyOf = (...parts: (string | number)[]) => parts.join('\n');

/**
 * Group commit: plays that arrive while a batch is being written wait for the next one, and
 * each batch is one transaction. A play is answered only after its batch has committed, so
 * an acknowledged play survives a crash; under load, batches grow and the cost of a commit
 * is shared.
 *
 * A play counts when its song exists, its feature (if any) is published and lists the song,
 * its reader has not played the song today, and its address has counted fewer than
 * `readersPerAddress` readers of the song today. Each counted play takes one of its
 * address's numbered slots under a unique index, so two servers writing at once cannot
 * count one reader too many between them.
 */
export function createPlayRecorder({
  db,
  readersPerAddress,
  maxBatch = 2000,
}: {
  db: Kysely<Database>;
  readersPerAddress: number;
  maxBatch?: number;
}) {
  const queue: Pending[] = [];
  let writing: Promise<void> | null = null;

  const writeBatch = async (batch: Pending[]) => {
    const plays = batch.map((p) => p.play);
    const outcomes = await db.transaction().execute(async (trx) => {
      const songSlugs = [...new Set(plays.map((p) => p.song))];
      const featureSlugs = [...new Set(plays.flatMap((p) => (p.feature ? [p.feature] : [])))];
      const [songId, featureId] = await Promise.all([
        repo.songIdsBySlug(trx, songSlugs),
        repo.publishedFeatureIdsBySlug(trx, featureSlugs),
      ]);
      const listed = await repo.featureSongPairs(
        trx,
        [...featureId.values()],
        [...songId.values()],
      );
      const results: (RecordOutcome | null)[] = plays.map((play) => {
        const song = songId.get(play.song);
        if (song === undefined) return { status: 'unknown', field: 'song', slug: play.song };
        if (!play.feature) return null;
        const feature = featureId.get(play.feature);
        if (feature === undefined)
          return { status: 'unknown', field: 'feature', slug: play.feature };
        if (!listed.has(keyOf(feature, song)))
          return { status: 'not-in-feature', song: play.song, feature: play.feature };
        return null;
      });

      // Readers who already played a song today, and the slots each address has taken.
      const valid = plays.filter((_, i) => results[i] === null);
      const days = [...new Set(valid.map((p) => p.day))];
      const [played, taken] = await Promise.all([
        repo.readersWhoPlayed(
          trx,
          days,
          valid.map((p) => p.reader),
        ),
        repo.addressSlotsTaken(
          trx,
          days,
          valid.map((p) => p.address),
        ),
      ]);
      const rows: Parameters<typeof repo.insertPlays>[1] = [];
      const rowOf = new Map<number, number>();
      plays.forEach((play, i) => {
        if (results[i] !== null) return;
        const song = songId.get(play.song) as number;
        const readerKey = keyOf(play.day, play.reader, song);
        if (played.has(readerKey)) {
          results[i] = { status: 'repeat' };
          return;
        }
        const addressKey = keyOf(play.day, song, play.address);
        const slot = taken.get(addressKey) ?? 0;
        if (slot >= readersPerAddress) {
          results[i] = { status: 'limited' };
          return;
        }
        // The first of several identical plays in one batch is the one counted.
        played.add(readerKey);
        taken.set(addressKey, slot + 1);
        rowOf.set(i, rows.length);
        rows.push({
          day: play.day,
          at: play.at,
          song_id: song,
          feature_id: play.feature ? (featureId.get(play.feature) as number) : null,
          locale: play.locale,
          reader: play.reader,
          address: play.address,
          network: play.network,
          address_slot: slot,
        });
      });
      const inserted = await repo.insertPlays(trx, rows);
      return plays.map((_, i): RecordOutcome => {
        const result = results[i];
        if (result) return result;
        // Not inserted: another server counted the same reader or slot a moment before.
        return inserted.has(rowOf.get(i) as number) ? { status: 'counted' } : { status: 'repeat' };
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
    /** Resolves once the play is stored (or known not to count, and why). */
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
