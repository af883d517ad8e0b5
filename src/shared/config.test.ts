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
    const PUBLIC_URL = 'https://tokushu.example';
    // `true` is the one proxy in front: never the hops a client wrote itself.
    const one = loadConfig({ TRUST_PROXY: 'true', PUBLIC_URL }).trustProxy as (
      a: string,
      hop: number,
    ) => boolean;
    expect([0, 1].map((hop) => one('10.0.0.1', hop))).toEqual([true, false]);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1', PUBLIC_URL }).trustProxy).toBe(
      '10.0.0.0/8,127.0.0.1',
    );
    const hops = loadConfig({ TRUST_PROXY: '2', PUBLIC_URL }).trustProxy as (
      a: string,
      hop: number,
    ) => boolean;
    expect([0, 1, 2].map((hop) => hops('10.0.0.1', hop))).toEqual([true, true, false]);
  });

  it('refuses to trust a proxy without the site address, naming both variables', () => {
    for (const TRUST_PROXY of ['true', '1', '10.0.0.0/8'])
      expect(() => loadConfig({ TRUST_PROXY })).toThrow(/PUBLIC_URL: must be set when TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: 'false' }).publicUrl).toBe('http://127.0.0.1:3000');
  });

  it('takes the site address from PUBLIC_URL, else from where the server listens', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://tokushu.example' }).publicUrl).toBe(
      'https://tokushu.example',
    );
    expect(loadConfig({}).publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ HOST: 'tokushu.lan', PORT: '8080' }).publicUrl).toBe(
      'http://tokushu.lan:8080',
    );
    expect(loadConfig({ HOST: '0.0.0.0' }).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ HOST: '::1' }).publicUrl).toBe('http://[::1]:3000');
  });

  it('names every variable at fault', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', DEMO_PLAYS: 'maybe', RANKINGS_REFRESH_MINUTES: '-5' }),
    ).toThrow(/PORT:[\s\S]*RANKINGS_REFRESH_MINUTES:[\s\S]*DEMO_PLAYS:/);
  });
});
