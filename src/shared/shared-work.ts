/**
 * Does `work` once for everyone asking for the same thing at the same time: a caller that
 * finds the same work under way gets its answer. Nothing is kept once it is done, so an
 * answer is never older than the moment its work began.
 */
export function shareWorkUnderWay<Args extends unknown[], Answer>(
  keyOf: (...args: NoInfer<Args>) => string,
  work: (...args: Args) => Promise<Answer>,
): (...args: Args) => Promise<Answer> {
  const underway = new Map<string, Promise<Answer>>();
  return (...args) => {
    const key = keyOf(...args);
    const running = underway.get(key);
    if (running) return running;
    const started = work(...args).finally(() => underway.delete(key));
    underway.set(key, started);
    return started;
  };
}
