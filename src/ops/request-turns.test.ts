import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { takeTurns } from './request-turns.ts';

/** Counts turns of the event loop: one step at the start of each check phase. */
function countTurns() {
  let turn = 0;
  let running = true;
  const step = () => {
    turn++;
    if (running) setImmediate(step);
  };
  setImmediate(step);
  return {
    now: () => turn,
    stop: () => {
      running = false;
    },
  };
}

/** Holds the core for `ms`, as rendering a page does. */
function busy(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('requests take turns', () => {
  const turns = countTurns();
  afterAll(() => turns.stop());

  async function serve(withTurns: boolean) {
    const app = Fastify();
    if (withTurns) takeTurns(app, 5);
    const started: { id: number; turn: number }[] = [];
    app.get('/:id', async (request) => {
      started.push({ id: Number((request.params as { id: string }).id), turn: turns.now() });
      busy(2);
      return 'ok';
    });
    await app.ready();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, id) => app.inject({ method: 'GET', url: `/${id}` })),
    );
    await app.close();
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(30).fill(200));
    return started;
  }

  it('spreads requests that arrive together over turns of at most 5 ms, in arrival order', async () => {
    const started = await serve(true);
    expect(started.map((s) => s.id)).toEqual(Array.from({ length: 30 }, (_, id) => id));
    const perTurn = new Map<number, number>();
    for (const { turn } of started) perTurn.set(turn, (perTurn.get(turn) ?? 0) + 1);
    // Each takes at least 2 ms, so a turn starts at most three (at 0, 2 and 4 ms).
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(3);
    expect(perTurn.size).toBeGreaterThanOrEqual(10);
  });

  it('without turns, runs them all in one turn (what starves new connections)', async () => {
    const started = await serve(false);
    expect(new Set(started.map((s) => s.turn)).size).toBe(1);
  });
});
