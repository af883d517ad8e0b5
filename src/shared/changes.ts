import type { Kysely } from 'kysely';
import { batches } from '#src/db/batches.ts';
import type { Database } from '#src/db/schema.ts';

/** What changed: an entity and the public pages that show it may now be stale. */
export interface Change {
  entity: 'feature' | 'song' | 'artist' | 'work' | 'tag';
  /** Slugs of the changed entities (a renamed feature lists both its old and new slug). */
  slugs: string[];
}

export type ChangeListener = (change: Change) => void | Promise<void>;

/**
 * Where changes wait between their write's commit and the moment every listener has caught
 * up (src/pending-changes keeps them in the database).
 */
export interface ChangeLog {
  /** Stores a change inside the transaction of the write it follows; returns its id. */
  note(trx: Kysely<Database>, change: Change): Promise<number>;
  /** Changes stored and not yet forgotten, oldest first, after the id `after`. */
  pending(after: number, limit: number): Promise<{ id: number; change: Change }[]>;
  forget(id: number): Promise<void>;
}

/** A change stored with its write, to publish once the write has committed. */
export interface NotedChange {
  change: Change;
  /** Its row in the log; null when the feed keeps no log. */
  id: number | null;
}

const RESUME_PAGE = 100;

/**
 * The one place that hears about writes that readers would see: search, discovery and
 * rankings follow them, and a cache in front of the site purges what changed. With a log,
 * a change noted in its write's transaction survives a crash before it was followed:
 * `resume` at the next start finishes it.
 */
export function createChangeFeed({
  log = null,
  onError = (error) => console.error(error),
}: {
  log?: ChangeLog | null;
  onError?: (error: unknown, change: Change) => void;
} = {}) {
  const listeners = new Set<ChangeListener>();
  const lastListeners = new Set<ChangeListener>();
  /** Tells a group; false when a listener failed (reported, the write stands). */
  const tell = async (group: Set<ChangeListener>, change: Change): Promise<boolean> => {
    const outcomes = await Promise.allSettled([...group].map(async (l) => l(change)));
    let told = true;
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') {
        told = false;
        onError(outcome.reason, change);
      }
    return told;
  };
  /**
   * Tells every listener, a slice of slugs at a time: what follows a change looks its slugs
   * up in lists that a database binds one parameter per item of.
   */
  const tellAll = async (change: Change): Promise<boolean> => {
    let told = true;
    for (const slugs of batches(change.slugs)) {
      const slice = { entity: change.entity, slugs };
      told = (await tell(listeners, slice)) && told;
      told = (await tell(lastListeners, slice)) && told;
    }
    return told;
  };
  return {
    /**
     * Adds a listener. With `last`, it hears a change only after every other listener has
     * caught up: a cache purges once what it would render from is current.
     */
    subscribe(listener: ChangeListener, { last = false } = {}): () => void {
      const group = last ? lastListeners : listeners;
      group.add(listener);
      return () => group.delete(listener);
    },

    /**
     * Stores `change` in the write's transaction `trx` (when the feed keeps a log), so that
     * it is followed even if the process ends right after the commit. Publish what it
     * returns once the transaction has committed.
     */
    async note(trx: Kysely<Database>, change: Change): Promise<NotedChange> {
      return { change, id: log ? await log.note(trx, change) : null };
    },

    /**
     * Tells every listener, and resolves once all have caught up, so that a write answered
     * to its author is already visible to readers. A listener that fails is reported, and
     * does not undo the write it follows; a noted change it failed stays in the log, to be
     * followed again at the next start.
     */
    async publish(what: Change | NotedChange): Promise<void> {
      const noted = 'change' in what ? what : { change: what, id: null };
      const told = await tellAll(noted.change);
      if (told && noted.id !== null && log) await log.forget(noted.id);
    },

    /**
     * Follows every change noted and not yet followed (a process ended between a write and
     * its follow-up), oldest first, and forgets each one done. Returns how many were done.
     * Following a change again is harmless: each listener recomputes from what is stored.
     */
    async resume(): Promise<number> {
      if (!log) return 0;
      let done = 0;
      let after = 0;
      for (;;) {
        const page = await log.pending(after, RESUME_PAGE);
        if (page.length === 0) return done;
        for (const { id, change } of page) {
          if (await tellAll(change)) {
            await log.forget(id);
            done++;
          }
          after = id;
        }
      }
    },
  };
}

export type ChangeFeed = ReturnType<typeof createChangeFeed>;
