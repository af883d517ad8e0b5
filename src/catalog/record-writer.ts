import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { problemAt } from '#src/shared/errors.ts';
import { fail, unknownRefs } from './catalog-checks.ts';
import type { ArtistData, SongData, TagData, WorkData } from './catalog.schemas.ts';
import * as repo from './catalog.repository.ts';
import { insertSongParts, labelColumns, nameColumns, resolveSongRefs } from './catalog.service.ts';
import * as records from './records.repository.ts';
import type { RecordKind, StoredRecord } from './records.repository.ts';
import { toTimestamp } from '#src/shared/clock.ts';

type Db = Kysely<Database>;
export type RecordData = SongData | ArtistData | WorkData | TagData;

/** The next version is always later than the last, even within one millisecond. */
export function nextVersion(now: Date, previous: string | null): string {
  const at = previous && Date.parse(previous) >= now.getTime() ? Date.parse(previous) + 1 : now;
  return toTimestamp(new Date(at));
}

/** A record in the shape it is written in (see catalog.schemas.ts), with its id and version. */
export function readRecord(
  db: Db,
  kind: RecordKind,
  slug: string,
): Promise<StoredRecord<RecordData> | null> {
  switch (kind) {
    case 'songs':
      return records.readSong(db, slug);
    case 'artists':
      return records.readArtist(db, slug);
    case 'works':
      return records.readWork(db, slug);
    case 'tags':
      return records.readTag(db, slug);
  }
}

/** Another save changed the row between reading and writing it. */
export class LostRace extends Error {}

/** Throws LostRace unless exactly one row was changed. */
function claimed(result: { numUpdatedRows: bigint }): void {
  if (Number(result.numUpdatedRows) !== 1) throw new LostRace();
}

/**
 * Replaces a stored record with `data`, already parsed by its schema: its row, then the rows
 * of its parts. References are resolved first and reported by field under `record`.
 * Throws LostRace unless the row still had version `base`.
 */
export async function replaceRecord(
  trx: Db,
  kind: RecordKind,
  id: number,
  data: RecordData,
  version: string,
  /** The version read; the row is changed only if it still has it. */
  base: string,
): Promise<void> {
  switch (kind) {
    case 'songs': {
      const song = data as SongData;
      const refs = await resolveSongRefs(trx, [song]);
      fail(refs.problems.map((p) => problemAt(['record', ...(p.path ?? []).slice(1)], p.message)));
      await trx
        .updateTable('songs')
        .set({
          ...nameColumns('title', song.title),
          released_on: song.released ?? null,
          cover_of_id: song.cover_of ? (refs.originals.get(song.cover_of) as number) : null,
          updated_at: version,
        })
        .where('id', '=', id)
        .where('updated_at', '=', base)
        .executeTakeFirst()
        .then(claimed);
      for (const table of [
        'song_aliases',
        'song_credits',
        'tie_ins',
        'song_tags',
        'song_media',
      ] as const)
        await trx.deleteFrom(table).where('song_id', '=', id).execute();
      await insertSongParts(trx, id, song, refs);
      return;
    }
    case 'artists': {
      const artist = data as ArtistData;
      const members = await repo.idsBySlug(trx, 'artists', artist.members);
      fail([
        ...unknownRefs(
          artist.members.map((slug, j) => ({ path: ['record', 'members', j], slug })),
          members,
          'artist',
        ),
        ...(artist.members.includes(artist.slug)
          ? [problemAt(['record', 'members'], 'an artist cannot be its own member')]
          : []),
      ]);
      await trx
        .updateTable('artists')
        .set({ kind: artist.kind, ...nameColumns('name', artist.name), updated_at: version })
        .where('id', '=', id)
        .where('updated_at', '=', base)
        .executeTakeFirst()
        .then(claimed);
      await trx.deleteFrom('artist_members').where('group_id', '=', id).execute();
      await repo.replaceAliases(
        trx,
        { table: 'artist_aliases', column: 'artist_id' },
        id,
        artist.aliases,
      );
      await repo.insertMembers(
        trx,
        id,
        artist.members.map((m) => members.get(m) as number),
      );
      return;
    }
    case 'works': {
      const work = data as WorkData;
      await trx
        .updateTable('works')
        .set({
          kind: work.kind,
          year: work.year ?? null,
          ...nameColumns('title', work.title),
          updated_at: version,
        })
        .where('id', '=', id)
        .where('updated_at', '=', base)
        .executeTakeFirst()
        .then(claimed);
      await repo.replaceAliases(
        trx,
        { table: 'work_aliases', column: 'work_id' },
        id,
        work.aliases,
      );
      return;
    }
    case 'tags': {
      const tag = data as TagData;
      await trx
        .updateTable('tags')
        .set({ kind: tag.kind, ...labelColumns('label', tag.name) })
        .where('id', '=', id)
        .execute();
      return;
    }
  }
}
