// Play ingestion under load: a real server process, concurrent HTTP clients sending plays
// (each from a new reader, so every one is stored), beside the same server answering /healthz.
//   npm run bench:plays [-- --database postgres://…/postgres] [--seconds 10] [--connections 100]
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { connect } from '#src/db/connect.ts';
import { DEMO_SONGS, readerHeaders, scratchSite } from './scratch-site.ts';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '100' },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function main() {
  const site = await scratchSite('bench-plays', values.database);
  try {
    const { base, databaseUrl } = site;
    await site.start();
    const healthz = await run({
      url: `${base}/healthz`,
      connections: CONNECTIONS,
      duration: SECONDS,
    });
    let n = 0;
    const plays = await run({
      url: `${base}/api/v1/plays`,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            n += 1;
            return {
              ...request,
              // A new reader each time, so that every play is stored rather than a repeat.
              headers: { 'content-type': 'application/json', ...readerHeaders(base, n) },
              body: JSON.stringify({ song: DEMO_SONGS[n % DEMO_SONGS.length], locale: 'en' }),
            };
          },
        },
      ],
    });
    const acknowledged = plays['2xx'];
    const database = connect(databaseUrl);
    const { count } = await database.db
      .selectFrom('plays')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    await database.close();

    const line = (name: string, r: autocannon.Result) =>
      `| ${name} | ${Math.round(r.requests.average).toLocaleString()} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx + r.errors} |`;
    console.log(
      `\n${values.database ? 'PostgreSQL' : 'SQLite'}, one server process, ${CONNECTIONS} connections, ${SECONDS} s each, ${os.cpus().length} cores\n`,
    );
    console.log('| endpoint | req/s | p50 ms | p99 ms | errors |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(line('GET /healthz (baseline)', healthz));
    console.log(line('POST /api/v1/plays', plays));
    console.log(
      `\nplays ÷ baseline: ${(plays.requests.average / healthz.requests.average).toFixed(2)} · acknowledged ${acknowledged.toLocaleString()}, stored ${Number(count).toLocaleString()}${Number(count) >= acknowledged ? ' (none lost)' : ' — LOST PLAYS'}`,
    );
  } finally {
    await site.remove();
  }
}

await main();
