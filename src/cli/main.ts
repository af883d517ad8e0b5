import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createAccountsService, type AccountsService, type Role } from '#src/accounts/index.ts';
import { importBangumi, loadBangumiData } from '#src/catalog/index.ts';
import { formatBangumiReport } from '#src/cli/bangumi-report.ts';
import { readContentPack, loadContentPack } from '#src/content-pack/index.ts';
import { connect } from '#src/db/connect.ts';
import { createApp, createServices, purgeOnChange, type Services } from '#src/app.ts';
import { createRenderCache } from '#src/cache/index.ts';
import { progressReporter } from '#src/cli/progress.ts';
import { generateCatalog } from '#src/generator/index.ts';
import { backupSqlite, restoreSqlite } from '#src/db/backup.ts';
import { migrateToLatest } from '#src/db/migrate.ts';
import { DatabaseBusyError } from '#src/db/write-transaction.ts';
import { createDiscoveryService } from '#src/discovery/index.ts';
import { createSearchIndexer } from '#src/search/index.ts';
import { startServer } from '#src/server.ts';
import {
  exportSite,
  importSite,
  SiteImportError,
  FORMAT as SITE_FORMAT,
} from '#src/site-export/index.ts';
import { systemClock } from '#src/shared/clock.ts';
import { loadConfig, type Config } from '#src/shared/config.ts';
import { formatProblem, ValidationError } from '#src/shared/errors.ts';
import { formatImportReport } from '#src/cli/import-report.ts';

const USAGE = `Usage: tokushu <command>

Commands:
  serve            start the web server (what npm start runs)
  migrate          bring the database schema up to date
  user add --email E --role admin|editor|writer [--name N] [--password P]
                   create an account (a password is generated and shown once when not given)
  token create --user E [--name N]
                   create an API token for scripts (sent as Authorization: Bearer …)
  content check    validate the content pack without touching the database
  import FILE... [--dry-run] [--wait SECONDS]
                   add songs, artists, works and tie-ins from catalog files (.csv, a
                   tokushu-catalog .json, or AnimeThemes API .json), matching what is
                   already there; all files in one transaction; see the README. On SQLite
                   it waits up to --wait seconds (default 30) for a running server's
                   writes to let it have the database
  export [--with-secrets] > site.json
                   the whole site as one versioned JSON document (catalog, features,
                   revisions, users without password hashes unless --with-secrets,
                   rankings, plays); see the README
  import site.json load a site export into an empty database (how to move to PostgreSQL)
  import bangumi   match works to the bangumi-data package and bring in air dates,
                   translated titles, official sites and where to watch
  reindex          rebuild the search index and the songs and features like each other
                   (after changes made outside Tokushu, such as SQL by hand)
  generate-catalog --songs N [--seed S]
                   add a synthetic catalog of N songs (with artists, works, tie-ins, tags,
                   features, rankings and plays) to the database, the same for the same seed
  backup FILE      copy the SQLite database to FILE while the server runs (a consistent
                   snapshot; on PostgreSQL use pg_dump)
  restore FILE     put a backup in place of the SQLite database (stop the server first)
  rankings refresh [SLUG]
                   recount every ranking feature from plays (or only SLUG)
  generate-plays [--seed N] [--replace]
                   write a made-up listening history for the demo content, the same for
                   the same seed; refuses when plays were counted unless --replace is given
                   (which deletes them), then refreshes the rankings

Configuration comes from environment variables: see the README.`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      email: { type: 'string' },
      user: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      seed: { type: 'string' },
      songs: { type: 'string' },
      replace: { type: 'boolean' },
      'with-secrets': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      wait: { type: 'string' },
    },
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 1;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await startServer(config);
      return -1;
    case 'migrate': {
      const database = connect(config.databaseUrl);
      try {
        const applied = await migrateToLatest(database.db);
        console.log(
          applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.',
        );
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'user':
      if (sub !== 'add') break;
      return withAccounts(config.databaseUrl, async (accounts) => {
        const password = values.password ?? randomBytes(15).toString('base64url');
        const email = values.email ?? '';
        await accounts.addUser({
          email,
          role: values.role as Role,
          displayName: values.name ?? email.split('@')[0] ?? email,
          password,
        });
        console.log(
          `Created ${values.role} ${email}.${values.password ? '' : `\nPassword (shown once): ${password}`}`,
        );
      });
    case 'token':
      if (sub !== 'create') break;
      return withAccounts(config.databaseUrl, async (accounts) => {
        const token = await accounts.createToken(values.user ?? '', values.name ?? 'cli');
        console.log(
          `API token for ${values.user} (shown once; send it as "Authorization: Bearer <token>"):\n${token}`,
        );
      });
    case 'import': {
      if (!sub) break;
      if (sub === 'bangumi') return importBangumiCommand(config.databaseUrl);
      const files = positionals.slice(1);
      const missing = files.filter((f) => !fs.existsSync(f));
      if (missing.length > 0) {
        console.error(missing.map((f) => `${f}: no such file`).join('\n'));
        return 1;
      }
      if (files.length === 1 && isSiteExport(sub))
        return importSiteCommand(config.databaseUrl, sub);
      const wait = Number(values.wait ?? 30);
      if (values.wait !== undefined && (!/^\d+(\.\d+)?$/.test(values.wait) || wait <= 0)) {
        console.error(`--wait: must be a number of seconds, like 30 (got "${values.wait}").`);
        return 1;
      }
      return withServices(config.databaseUrl, (services) =>
        importCatalogCommand(services, files, values['dry-run'] ?? false, wait * 1000),
      );
    }
    case 'export':
      return exportSiteCommand(config.databaseUrl, values['with-secrets'] ?? false);
    case 'content':
      if (sub !== 'check') break;
      return checkContent(config.contentDir);
    case 'reindex':
      return reindex(config.databaseUrl);
    case 'generate-catalog': {
      const songs = Number(values.songs);
      const seed = Number(values.seed ?? 1);
      if (!Number.isSafeInteger(songs) || songs < 1) {
        console.error(
          `--songs: must be a whole number of songs, like 1000000 (got "${values.songs ?? ''}").`,
        );
        return 1;
      }
      if (!Number.isSafeInteger(seed)) {
        console.error(`--seed: must be a whole number, not "${values.seed}".`);
        return 1;
      }
      return generateCatalogCommand(config, songs, seed);
    }
    case 'backup':
    case 'restore': {
      if (!sub) break;
      if (!config.databaseUrl.startsWith('sqlite:')) {
        console.error(
          `${command} works on SQLite; for PostgreSQL use pg_dump and pg_restore (DATABASE_URL is ${config.databaseUrl.split('@').pop()}).`,
        );
        return 1;
      }
      const file = config.databaseUrl.slice('sqlite:'.length);
      try {
        const done = command === 'backup' ? backupSqlite(file, sub) : restoreSqlite(sub, file);
        console.log(
          `${command === 'backup' ? 'Backed up to' : 'Restored'} ${done.file}: ${(done.bytes / 1024 / 1024).toFixed(1)} MB in ${(done.ms / 1000).toFixed(1)} s.`,
        );
        return 0;
      } catch (error) {
        console.error(error instanceof Error ? error.message : String(error));
        return 1;
      }
    }
    case 'rankings':
      if (sub !== 'refresh') break;
      return withServices(config.databaseUrl, (services) =>
        refreshRankings(services, positionals[2]),
      );
    case 'generate-plays': {
      const seed = Number(values.seed ?? 1);
      if (!Number.isSafeInteger(seed)) {
        console.error(`--seed: must be a whole number, not "${values.seed}".`);
        return 1;
      }
      return withServices(config.databaseUrl, async (services) => {
        const summary = await services.plays.generateDemoHistory({
          seed,
          replace: values.replace ?? false,
        });
        if (!summary) {
          console.error(
            'Plays have already been counted here. Run again with --replace to delete them and write the made-up history instead.',
          );
          return 1;
        }
        console.log(
          `Wrote ${summary.plays.toLocaleString('en')} plays of ${summary.songs} songs over ${summary.days} days (seed ${seed}).`,
        );
        return refreshRankings(services);
      });
    }
  }
  console.error(`Unknown command "${positionals.join(' ')}".\n\n${USAGE}`);
  return 1;
}

async function withAccounts(
  databaseUrl: string,
  run: (accounts: AccountsService) => Promise<void>,
): Promise<number> {
  const database = connect(databaseUrl);
  try {
    await migrateToLatest(database.db);
    await run(createAccountsService({ db: database.db, clock: systemClock }));
    return 0;
  } finally {
    await database.close();
  }
}

/** The whole set of services, so that what a command changes reaches search, discovery and caches. */
async function withServices(
  databaseUrl: string,
  run: (services: Services) => Promise<number>,
): Promise<number> {
  const database = connect(databaseUrl);
  try {
    await migrateToLatest(database.db);
    const services = createServices(database, systemClock);
    // On PostgreSQL, running servers hear what this command changed and purge their pages.
    const invalidation = database.postgres
      ? await purgeOnChange(services, database, createRenderCache({ maxBytes: 1, ttlMs: 1 }))
      : null;
    try {
      // What an earlier command or server left unfinished is finished first.
      await services.changes.resume();
      return await run(services);
    } finally {
      await invalidation?.close();
    }
  } finally {
    await database.close();
  }
}

async function refreshRankings(services: Services, slug?: string): Promise<number> {
  const { held, rankings: outcomes } = await services.rankings.recount(slug);
  for (const h of held)
    console.log(
      `Held ${h.held} of ${h.of} plays of ${h.song} on ${h.day} out of the rankings: the day rose from a median of ${h.baseline}, with plays from ${h.networks} busy network(s) and ${h.addresses} address(es) at their limit.`,
    );
  if (held.length === 0) console.log('Screening held no plays.');
  if (slug && outcomes.length === 0) {
    console.error(`"${slug}" is not a ranking feature.`);
    return 1;
  }
  for (const o of outcomes)
    console.log(
      `${o.slug}: ${o.ranked} songs ranked by plays from ${o.from} to ${o.to}${o.top.length ? `; top: ${o.top.join(', ')}` : ''}`,
    );
  if (outcomes.length === 0) console.log('There are no ranking features.');
  return 0;
}

async function generateCatalogCommand(config: Config, songs: number, seed: number) {
  const started = performance.now();
  // A new database gets the demo content first, as on a first start.
  const app = await createApp({ ...config, logLevel: 'silent' });
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  try {
    const progress = progressReporter();
    const summary = await generateCatalog(app.database.db, {
      songs,
      seed,
      today: app.services.plays.today(),
      onProgress: progress.update,
    });
    progress.stop();
    console.error(`Catalog written in ${seconds()} s; indexing for search…`);
    await app.services.searchIndex.rebuild();
    console.error(`Indexed in ${seconds()} s; recounting rankings…`);
    await app.services.rankings.refresh();
    console.log(
      `Generated ${summary.songs.toLocaleString('en')} songs, ${summary.artists.toLocaleString('en')} artists, ${summary.works.toLocaleString('en')} works, ${summary.features.toLocaleString('en')} features with ${summary.entries.toLocaleString('en')} entries, ${summary.rankings} rankings and ${summary.playRows.toLocaleString('en')} days of plays (seed ${seed}) in ${seconds()} s; peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`,
    );
    return 0;
  } finally {
    // Closing the server closes the database it opened.
    await app.http.close();
  }
}

async function exportSiteCommand(databaseUrl: string, withSecrets: boolean): Promise<number> {
  const database = connect(databaseUrl);
  try {
    await migrateToLatest(database.db);
    for await (const piece of exportSite(database.db, { withSecrets }))
      if (!process.stdout.write(piece)) await once(process.stdout, 'drain');
    return 0;
  } finally {
    await database.close();
  }
}

/** A site export starts with its format line (see export-site.ts). */
function isSiteExport(file: string): boolean {
  const start = Buffer.alloc(64);
  const fd = fs.openSync(file, 'r');
  try {
    const n = fs.readSync(fd, start, 0, start.length, 0);
    return start.subarray(0, n).toString('utf8').startsWith(`{"format":"${SITE_FORMAT}"`);
  } finally {
    fs.closeSync(fd);
  }
}

async function importCatalogCommand(
  services: Services,
  files: string[],
  dryRun: boolean,
  waitMs: number,
): Promise<number> {
  const progress = progressReporter();
  try {
    const plan = await services.catalogImport.run(
      files.map((file) => ({ file, bytes: fs.readFileSync(file) })),
      {
        dryRun,
        waitMs,
        // A few hundred records take a moment: only longer imports report their progress.
        progress: (stage, done, total) => total >= 1000 && progress.update(stage, done, total),
      },
    );
    progress.stop();
    console.log(formatImportReport(plan, dryRun));
    return 0;
  } catch (error) {
    progress.stop();
    if (error instanceof DatabaseBusyError) {
      console.error(
        `${error.message} Nothing was imported; run it again when the site writes less, or with a longer --wait.`,
      );
      return 1;
    }
    if (!(error instanceof ValidationError)) throw error;
    const n = error.problems.length;
    console.error(
      `${n} problem${n === 1 ? '' : 's'}; nothing was written:\n${error.problems.map(formatProblem).join('\n')}`,
    );
    return 1;
  }
}

async function importSiteCommand(databaseUrl: string, file: string): Promise<number> {
  const database = connect(databaseUrl);
  try {
    await migrateToLatest(database.db);
    const started = performance.now();
    const lines = readline.createInterface({
      input: fs.createReadStream(file, 'utf8'),
      crlfDelay: Infinity,
    });
    const summary = await importSite(database.db, lines);
    // Fresh statistics, or the planner guesses about tables it has never seen filled.
    await sql`analyze`.execute(database.db);
    console.log(
      `Imported ${file}: ${summary.rows.toLocaleString('en')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof SiteImportError) {
      console.error(`${file}: ${error.message.replace(/\.$/, '')}. Nothing was written.`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

async function importBangumiCommand(databaseUrl: string): Promise<number> {
  const database = connect(databaseUrl);
  try {
    await migrateToLatest(database.db);
    const report = await importBangumi(database.db, loadBangumiData());
    console.log(formatBangumiReport(report));
    return 0;
  } finally {
    await database.close();
  }
}

async function reindex(databaseUrl: string): Promise<number> {
  const database = connect(databaseUrl);
  try {
    await migrateToLatest(database.db);
    const started = Date.now();
    await createSearchIndexer({ db: database.db }).rebuild();
    await createDiscoveryService({ db: database.db, clock: systemClock }).rebuild();
    console.log(
      `Search index and discovery rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

/** Validates the pack by loading it into a throw-away in-memory database. */
async function checkContent(dir: string): Promise<number> {
  const database = connect('sqlite::memory:');
  try {
    await migrateToLatest(database.db);
    const summary = await loadContentPack(database.db, systemClock, readContentPack(dir));
    console.log(
      `The content pack is valid: ${summary.features} features, ${summary.entries} entries, ${summary.songs} songs, ${summary.artists} artists, ${summary.works} works.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ValidationError ? error.message : error);
    process.exitCode = 1;
  },
);
