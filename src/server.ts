import { createApp } from '#src/app.ts';
import type { Config } from '#src/shared/config.ts';

/** Starts the HTTP server and closes it cleanly on SIGTERM or SIGINT. */
export async function startServer(config: Config): Promise<void> {
  const app = await createApp(config);
  const { content, admin } = app.firstStart;
  if (content) {
    console.log(
      `Loaded the content pack: ${content.features} features, ${content.entries} entries, ${content.songs} songs, ${content.artists} artists, ${content.works} works.`,
    );
  }
  if (admin?.password) {
    console.log(
      `\nAdmin account created: ${admin.email}\nOne-time password: ${admin.password}\n(It is shown only this once.)\n`,
    );
  } else if (admin) {
    console.log(`Admin account created: ${admin.email} (password from ADMIN_PASSWORD)`);
  }

  // A deep accept queue: a burst of a thousand readers connecting at once waits to be
  // accepted instead of having its connections dropped and retried seconds later.
  await app.http.listen({ port: config.port, host: config.host, backlog: 4096 });
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const address = app.http.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Tokushu is serving at http://${host}:${port}/`);

  // Background jobs run one at a time, and shutdown waits for the one running, so none is
  // cut off by the database closing under it.
  let background: Promise<unknown> = Promise.resolve();
  const inBackground = (job: () => Promise<unknown>) => {
    background = background.then(job).catch((error: unknown) => app.http.log.error(error));
  };
  // Raw plays past their window are folded into daily counts now and then every hour;
  // rankings are recounted on their own schedule, so they follow the latest whole day.
  const fold = () => inBackground(() => app.services.plays.fold());
  const refresh = () =>
    inBackground(async () => {
      const { held } = await app.services.rankings.recount();
      for (const h of held)
        app.http.log.warn(
          `held ${h.held} of ${h.of} plays of ${h.song} on ${h.day} out of the rankings (median before: ${h.baseline}; ${h.networks} networks, ${h.addresses} addresses)`,
        );
    });
  const minutes = config.rankingsRefreshMinutes;
  const timers = [
    setInterval(fold, 60 * 60 * 1000),
    ...(minutes > 0 ? [setInterval(refresh, minutes * 60 * 1000)] : []),
  ];
  for (const timer of timers) timer.unref();
  fold();
  if (minutes > 0) refresh();

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.http.log.info(`${signal} received, finishing in-flight requests`);
    for (const timer of timers) clearInterval(timer);
    background
      .then(() => app.http.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
