// Buying a ranking: one machine throws every trick known against the play counter of a
// running server, then the rankings are recounted as the server does every hour. Prints
// what each trick counted and how many counted plays one machine could add to one song in a
// day, beside real readers of another song (one each, in many places) as the baseline.
//   npm run bench:ranking-attack [-- --database postgres://…/postgres] [--plays 30000]
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { connect } from '#src/db/connect.ts';
import { readerAddress, scratchSite } from './scratch-site.ts';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    // The flood of the attack: 250 addresses, each at the most a minute allows.
    plays: { type: 'string', default: '30000' },
  },
});
const FLOOD = Number(values.plays);
const TARGET = 'calc';
const REAL = 'spica';
const CONCURRENCY = 64;
/** The attacker's machine: 250 addresses in one /24, as a rented server can have. */
const ATTACKER = (n: number) => `198.51.100.${(n % 250) + 1}`;

type Outcome = string;

async function main() {
  const site = await scratchSite('ranking-attack', values.database);
  const { base, databaseUrl } = site;
  try {
    await site.start();
    const send = async (
      body: Record<string, string>,
      headers: Record<string, string>,
    ): Promise<Outcome> => {
      const res = await fetch(`${base}/api/v1/plays`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      const answer = (await res.json()) as { status: string | number };
      return res.ok ? String(answer.status) : `${res.status}`;
    };
    /** Sends `n` plays made by `make`, CONCURRENCY at a time, and tallies the answers. */
    const flood = async (
      n: number,
      make: (i: number) => [Record<string, string>, Record<string, string>],
    ) => {
      const tally = new Map<Outcome, number>();
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < n) {
            const [body, headers] = make(next++);
            const outcome = await send(body, headers);
            tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
          }
        }),
      );
      return tally;
    };
    const browser = (i: number) => `Mozilla/5.0 (Windows NT 10.0; attacker ${i}) Chrome/131.0`;
    // What the proxy in front forwards: whatever the client wrote, then the address it saw.
    const fromAttacker = (i: number, extra: Record<string, string> = {}) => ({
      'x-forwarded-for': ATTACKER(i),
      'user-agent': browser(i),
      origin: base,
      ...extra,
    });

    const started = performance.now();
    const rows: [string, number, Map<Outcome, number>][] = [];
    const attack = async (
      name: string,
      n: number,
      make: (i: number) => [Record<string, string>, Record<string, string>],
    ) => rows.push([name, n, await flood(n, make)]);
    const song = { song: TARGET, locale: 'en' };

    await attack('one address, a new browser name each time', 1000, (i) => [
      song,
      { ...fromAttacker(0), 'user-agent': browser(i) },
    ]);
    await attack('a new IPv6 address each time, all in one /64', 1000, (i) => [
      song,
      {
        ...fromAttacker(i),
        'x-forwarded-for': `2001:db8:7:1:${(i + 1).toString(16)}::1`,
      },
    ]);
    await attack('a forged X-Forwarded-For, new each time', 1000, (i) => [
      song,
      { ...fromAttacker(1), 'x-forwarded-for': `${readerAddress(i + 5000)}, ${ATTACKER(1)}` },
    ]);
    await attack("sent from another site's page", 500, (i) => [
      song,
      fromAttacker(i, { origin: 'https://elsewhere.example' }),
    ]);
    await attack('no Origin at all (a script)', 500, (i) => {
      const { origin: _omitted, ...headers } = fromAttacker(i);
      return [song, headers];
    });
    await attack('under a feature that does not list the song', 500, (i) => [
      { ...song, feature: 'anime-heartbreak-songs' },
      fromAttacker(i),
    ]);
    await attack(
      `${FLOOD.toLocaleString('en')} plays from 250 addresses in one /24`,
      FLOOD,
      (i) => [song, fromAttacker(i)],
    );
    // The baseline: real readers of another song, one each, each in a network of its own.
    await attack('real readers of another song, one each, in 300 networks', 300, (i) => [
      { song: REAL, locale: 'en' },
      {
        'x-forwarded-for': `10.${i % 250}.${Math.floor(i / 250)}.7`,
        'user-agent': `Mozilla/5.0 (iPhone; reader ${i}) Safari/604.1`,
        origin: base,
      },
    ]);
    const seconds = (performance.now() - started) / 1000;

    // The recount the server runs every hour, as the command line runs it.
    const recount = execFileSync(process.execPath, ['bin/tokushu.js', 'rankings', 'refresh'], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' },
      encoding: 'utf8',
    });
    const held = recount.split('\n').filter((line) => line.startsWith('Held'));

    const database = connect(databaseUrl);
    const countedOf = async (slug: string) => {
      const rows = await database.db
        .selectFrom('plays as p')
        .innerJoin('songs as s', 's.id', 'p.song_id')
        .select(['p.held', (eb) => eb.fn.countAll<number>().as('n')])
        .where('s.slug', '=', slug)
        .groupBy('p.held')
        .execute();
      const of = (held: number) => Number(rows.find((r) => Number(r.held) === held)?.n ?? 0);
      return { counted: of(0), held: of(1) };
    };
    const target = await countedOf(TARGET);
    const real = await countedOf(REAL);
    await database.close();

    console.log(
      `\n${values.database ? 'PostgreSQL' : 'SQLite'}: one machine against the play counter (${seconds.toFixed(1)} s of requests)\n`,
    );
    console.log('| what the machine tried | plays sent | answers |');
    console.log('| --- | --- | --- |');
    for (const [name, n, tally] of rows)
      console.log(
        `| ${name} | ${n.toLocaleString('en')} | ${[...tally]
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
          .join(', ')} |`,
      );
    console.log(`\nThe recount's screening:\n${held.length ? held.join('\n') : 'held nothing'}`);
    console.log(
      `\n${TARGET} (the machine's song): ${(target.counted + target.held).toLocaleString('en')} plays stored, ${target.held.toLocaleString('en')} held out, ${target.counted.toLocaleString('en')} counted in the rankings.`,
    );
    console.log(
      `${REAL} (real readers, the baseline): ${(real.counted + real.held).toLocaleString('en')} stored, ${real.held} held, ${real.counted} counted.`,
    );
    console.log(
      `\nOne machine could add ${target.counted.toLocaleString('en')} counted plays to one song in a day.`,
    );
  } finally {
    await site.remove();
  }
}

await main();
