/** What changed: an entity and the public pages that show it may now be stale. */
export interface Change {
  entity: 'feature' | 'song' | 'artist' | 'work' | 'tag';
  /** Slugs of the changed entities (a renamed feature lists both its old and new slug). */
  slugs: string[];
}

export type ChangeListener = (change: Change) => void;

/**
 * The one place that hears about writes that readers would see: a cache in front of the
 * site subscribes here to purge what changed.
 */
export function createChangeFeed() {
  const listeners = new Set<ChangeListener>();
  return {
    subscribe(listener: ChangeListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(change: Change): void {
      for (const listener of listeners) listener(change);
    },
  };
}

export type ChangeFeed = ReturnType<typeof createChangeFeed>;
