import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import type { Change } from '#src/shared/changes.ts';
import * as review from './review.repository.ts';
import type { ReviewedTable } from './review.repository.ts';

type Db = Kysely<Database>;

/** Slugs of the records an editor's act let through to readers, by kind. */
export interface Accepted {
  songs: string[];
  artists: string[];
  works: string[];
}

/**
 * Lets songs through to readers, with the artists and works their cards link to: a public
 * song must not link to pages that do not exist for readers.
 */
export async function acceptSongs(db: Db, songIds: readonly number[]): Promise<Accepted> {
  const shown = await review.shownWithSongs(db, songIds);
  return {
    songs: await review.accept(db, 'songs', songIds),
    artists: await review.accept(db, 'artists', shown.artists),
    works: await review.accept(db, 'works', shown.works),
  };
}

/** Lets one record through; a song brings what its card links to. */
export async function acceptRecord(db: Db, table: ReviewedTable, id: number): Promise<Accepted> {
  if (table === 'songs') return acceptSongs(db, [id]);
  return { songs: [], artists: [], works: [], [table]: await review.accept(db, table, [id]) };
}

/** What readers may now see, as changes to announce. */
export function acceptedChanges(accepted: Accepted): Change[] {
  return (
    [
      ['song', accepted.songs],
      ['artist', accepted.artists],
      ['work', accepted.works],
    ] as const
  ).flatMap(([entity, slugs]) => (slugs.length > 0 ? [{ entity, slugs }] : []));
}
