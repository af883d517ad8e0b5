/** What changed: an entity and the public pages that show it may now be stale. */
export interface Change {
  entity: 'feature' | 'song' | 'artist' | 'work' | 'tag';
  /** Slugs of the changed entities (a renamed feature lists both its old and new slug). */
  slugs: string[];
}

export type ChangeListener = (change: Change) => void | Promise<void>;

/**
 * The one place that hears about writes that readers would see: a cache in front of the
 * site subscribes here to purge what changed.
 */
export function createChangeFeed(
  onError: (error: unknown, change: Change) => void = (error) => console.error(error),
) {
  const listeners = new Set<ChangeListener>();
  return {
    subscribe(listener: ChangeListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /**
     * Tells every listener, and resolves once all have caught up, so that a write answered
     * to its author is already visible to readers. A listener that fails is reported, and
     * does not undo the write it follows.
     */
    async publish(change: Change): Promise<void> {
      const outcomes = await Promise.allSettled([...listeners].map((l) => l(change)));
      for (const outcome of outcomes)
        if (outcome.status === 'rejected') onError(outcome.reason, change);
    },
  };
}

export type ChangeFeed = ReturnType<typeof createChangeFeed>;
