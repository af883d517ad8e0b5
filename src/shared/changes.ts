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
  const lastListeners = new Set<ChangeListener>();
  const tell = async (group: Set<ChangeListener>, change: Change) => {
    const outcomes = await Promise.allSettled([...group].map((l) => l(change)));
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') onError(outcome.reason, change);
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
     * Tells every listener, and resolves once all have caught up, so that a write answered
     * to its author is already visible to readers. A listener that fails is reported, and
     * does not undo the write it follows.
     */
    async publish(change: Change): Promise<void> {
      await tell(listeners, change);
      await tell(lastListeners, change);
    },
  };
}

export type ChangeFeed = ReturnType<typeof createChangeFeed>;
