import type { ChangeFeed } from '#src/shared/changes.ts';
import { toTimestamp, type Clock } from '#src/shared/clock.ts';
import type { FeaturesService } from './features.service.ts';

/** setTimeout cannot wait longer than about 24.8 days; a day is plenty between checks. */
const LONGEST_WAIT_MS = 24 * 60 * 60 * 1000;

/**
 * A scheduled feature goes live at its time without anyone writing anything; this timer
 * announces it then, so that caches purge the pages that now list it. It re-arms after
 * every change to a feature (a new schedule may come sooner).
 */
export function startGoLiveTimer({
  features,
  changes,
  clock,
  onError = (error) => console.error(error),
}: {
  features: FeaturesService;
  changes: ChangeFeed;
  clock: Clock;
  onError?: (error: unknown) => void;
}): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let checkedUpTo = toTimestamp(clock.now());

  const arm = async () => {
    clearTimeout(timer);
    if (stopped) return;
    const [next] = await features.scheduledAfter(checkedUpTo, 1);
    const wait = next?.published_at
      ? Math.max(0, Date.parse(next.published_at) - clock.now().getTime())
      : LONGEST_WAIT_MS;
    timer = setTimeout(() => void fire().catch(onError), Math.min(wait, LONGEST_WAIT_MS));
    timer.unref();
  };

  const fire = async () => {
    const now = toTimestamp(clock.now());
    const due = (await features.scheduledAfter(checkedUpTo, 100)).filter(
      (f) => f.published_at !== null && f.published_at <= now,
    );
    checkedUpTo = now;
    if (due.length > 0) await changes.publish({ entity: 'feature', slugs: due.map((f) => f.slug) });
    await arm();
  };

  const unsubscribe = changes.subscribe((change) => {
    if (change.entity === 'feature') void arm().catch(onError);
  });
  void arm().catch(onError);
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  };
}
