import { describe, expect, it } from 'vitest';
import { shareWorkUnderWay } from './shared-work.ts';

describe('work shared while under way', () => {
  const counted = () => {
    const calls: string[] = [];
    const work = shareWorkUnderWay(
      (q: string) => q,
      async (q: string) => {
        calls.push(q);
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (q === 'bad') throw new Error('no such thing');
        return { answer: q.toUpperCase() };
      },
    );
    return { calls, work };
  };

  it('is done once for those asking the same at the same time, and they get one answer', async () => {
    const { calls, work } = counted();
    const answers = await Promise.all([work('lisa'), work('lisa'), work('aimer'), work('lisa')]);
    expect(calls).toEqual(['lisa', 'aimer']);
    expect(answers[0]).toBe(answers[1]);
    expect(answers[2]).toEqual({ answer: 'AIMER' });
  });

  it('is done again once the last is done: nothing is kept', async () => {
    const { calls, work } = counted();
    await work('lisa');
    await work('lisa');
    expect(calls).toEqual(['lisa', 'lisa']);
  });

  it('gives a failure to all who waited, and tries afresh after', async () => {
    const { calls, work } = counted();
    const failures = await Promise.allSettled([work('bad'), work('bad')]);
    expect(failures.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    await expect(work('bad')).rejects.toThrow('no such thing');
    expect(calls).toEqual(['bad', 'bad']);
  });
});
