import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('has defaults for a demo site on this machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      playsPerMinute: 120,
      rankingsRefreshMinutes: 60,
      demoPlays: true,
      trustProxy: false,
    });
    expect(config.databaseUrl).toMatch(/^sqlite:.*tokushu\.db$/);
  });

  it('trusts a proxy by flag, by hop count or by address', () => {
    // `true` is the one proxy in front: never the hops a client wrote itself.
    const one = loadConfig({ TRUST_PROXY: 'true' }).trustProxy as (
      a: string,
      hop: number,
    ) => boolean;
    expect([0, 1].map((hop) => one('10.0.0.1', hop))).toEqual([true, false]);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).trustProxy).toBe(
      '10.0.0.0/8,127.0.0.1',
    );
    const hops = loadConfig({ TRUST_PROXY: '2' }).trustProxy as (a: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => hops('10.0.0.1', hop))).toEqual([true, true, false]);
  });

  it('names every variable at fault', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', DEMO_PLAYS: 'maybe', RANKINGS_REFRESH_MINUTES: '-5' }),
    ).toThrow(/PORT:[\s\S]*RANKINGS_REFRESH_MINUTES:[\s\S]*DEMO_PLAYS:/);
  });
});
