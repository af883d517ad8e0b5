import type { FastifyInstance } from 'fastify';

/**
 * Requests take turns, so that readers still connecting are let in under load.
 *
 * Node accepts one waiting connection per turn of its event loop, and a turn runs every
 * request that arrived since the last. With a thousand busy keep-alive connections a turn
 * lasts a third of a second, and a reader who connects then waits in the kernel's queue for
 * half a minute while those already in are served again and again. So no request starts in
 * the turn it arrived in: each waits for the loop's check phase (`setImmediate`), a turn
 * starts requests for at most `turnMs`, and those left over start first in the next turn,
 * after the loop has polled again and accepted the next connection. On an idle server the
 * wait is one pass of the loop.
 */
export function takeTurns(app: FastifyInstance, turnMs = 5): void {
  let turnStarted = 0;
  let markQueued = false;
  const mark = () => {
    turnStarted = performance.now();
    markQueued = false;
  };
  // Queued before the requests it times, the mark runs first in the check phase.
  const queueMark = () => {
    if (markQueued) return;
    markQueued = true;
    setImmediate(mark);
  };

  app.addHook('onRequest', (_request, _reply, done) => {
    queueMark();
    setImmediate(function start() {
      if (performance.now() - turnStarted < turnMs) return done();
      // Immediates queued now run in the next turn, ahead of anything arriving in it.
      queueMark();
      setImmediate(start);
    });
  });
}
