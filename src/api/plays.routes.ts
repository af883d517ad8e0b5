import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CatalogReader } from '#src/catalog/index.ts';
import { addressGroupsOf, type PlaysService } from '#src/plays/index.ts';
import { ValidationError, problemAt } from '#src/shared/errors.ts';
import { LOCALES } from '#src/shared/locale.ts';
import { ProblemOut, SlugParams } from './api.schemas.ts';
import { sendProblem } from './problem.ts';

const Slug = SlugParams.shape.slug;
const PlayIn = z.object({
  song: Slug.describe('The song started'),
  feature: Slug.optional().describe('The feature it was started from, if any'),
  locale: z.enum(LOCALES),
});
const PlayOut = z.object({
  status: z
    .enum(['counted', 'repeat', 'limited', 'ignored'])
    .describe(
      'repeat: this reader already played the song today; limited: this address already counted as many readers of the song today as it may; ignored: a known bot, or a request not sent by a page (no Origin)',
    ),
});
const Day = z.iso.date();
const PlaysQuery = z.object({
  from: Day.optional().describe('First day, YYYY-MM-DD (default: 29 days before `to`)'),
  to: Day.optional().describe('Last day, YYYY-MM-DD (default: today)'),
});
const DailyOut = z.object({
  song: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.array(z.object({ day: z.string(), plays: z.number().int() })),
});

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;

/**
 * Where a play was sent from. Browsers send `Origin` with every POST, a beacon included, so
 * a page of another site is named, and a request without one was not sent by a page at
 * all: a script, which can claim any browser it likes. The first is refused; the second is
 * acknowledged but not counted, so that a client that cannot be fixed does not retry.
 * Without PUBLIC_URL, our own origin is the host the request was sent to.
 */
function playSource(
  request: FastifyRequest,
  publicUrl: string | undefined,
): 'ours' | 'none' | 'other' {
  const origin = request.headers.origin;
  if (origin === undefined) return 'none';
  if (publicUrl) return origin === new URL(publicUrl).origin ? 'ours' : 'other';
  try {
    // A default port is left out of an origin, but may be in the Host header.
    return new URL(origin).host === request.host.replace(/:(80|443)$/, '') ? 'ours' : 'other';
  } catch {
    return 'other';
  }
}

/** Play capture (what readers start) and a song's daily counts. */
export async function playsRoutes(
  api: FastifyInstance,
  deps: {
    plays: PlaysService;
    catalog: CatalogReader;
    playsPerMinute: number;
    publicUrl: string | undefined;
  },
) {
  await api.register(rateLimit, { global: false });
  const typed = api.withTypeProvider<ZodTypeProvider>();

  // navigator.sendBeacon sends a string as text/plain, read as the JSON it is: on this
  // route alone, so that no other route (signing in) takes a cross-site form's text.
  await api.register(async (beacon) => {
    beacon.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(Object.assign(new Error('The body is not JSON.'), { statusCode: 400 }));
      }
    });

    beacon.withTypeProvider<ZodTypeProvider>().post(
      '/plays',
      {
        config: {
          rateLimit: {
            max: deps.playsPerMinute,
            timeWindow: 60_000,
            // An IPv6 /64 is one home or one machine: its addresses are one budget.
            keyGenerator: (request) => addressGroupsOf(request.ip).address,
            errorResponseBuilder: (_request, context) => ({
              statusCode: 429,
              type: 'about:blank',
              title: 'Too Many Requests',
              status: 429,
              detail: `At most ${context.max} plays a minute from one address; try again in ${Math.ceil(context.ttl / 1000)} s.`,
            }),
          },
        },
        schema: {
          summary: 'Count a play: a reader started a song',
          description: `Answered once stored. One reader (an anonymous daily hash of address and user agent) counts once per song and day, and one address (an IPv6 /64) counts at most ${deps.plays.readersPerAddress} readers per song and day; known bots are not counted. Sent from a page of another site (its Origin), a play is refused with 403; with no Origin, it is not counted. \`feature\` must be a published feature that lists the song. No cookie is read or set.`,
          body: PlayIn,
          response: { 200: PlayOut, 400: ProblemOut, 403: ProblemOut, 429: ProblemOut },
        },
      },
      async (request, reply) => {
        const source = playSource(request, deps.publicUrl);
        if (source === 'other')
          return sendProblem(
            reply,
            403,
            "Plays are counted only from Tokushu's own pages; this one was sent from another site (its Origin header).",
          );
        if (source === 'none') return { status: 'ignored' as const };
        const outcome = await deps.plays.record({
          ...request.body,
          address: request.ip,
          userAgent: request.headers['user-agent'] ?? '',
        });
        if (outcome.status === 'unknown')
          throw new ValidationError([
            problemAt([outcome.field], `unknown ${outcome.field} "${outcome.slug}"`),
          ]);
        if (outcome.status === 'not-in-feature')
          throw new ValidationError([
            problemAt(
              ['feature'],
              `the feature "${outcome.feature}" does not list the song "${outcome.song}"`,
            ),
          ]);
        return { status: outcome.status };
      },
    );
  });

  typed.get(
    '/songs/:slug/plays',
    {
      schema: {
        summary: "A song's counted plays per day, today included",
        params: SlugParams,
        querystring: PlaysQuery,
        response: { 200: DailyOut, 400: ProblemOut, 404: ProblemOut },
      },
    },
    async (request, reply) => {
      const song = await deps.catalog.getSongPage(request.params.slug);
      if (!song) return sendProblem(reply, 404, `No song "${request.params.slug}".`);
      const to = request.query.to ?? deps.plays.today();
      const from =
        request.query.from ?? new Date(Date.parse(to) - 29 * DAY_MS).toISOString().slice(0, 10);
      const span = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
      if (span < 1) throw new ValidationError([problemAt(['from'], 'must not be after `to`')]);
      if (span > MAX_DAYS)
        throw new ValidationError([
          problemAt(['from'], `must be at most ${MAX_DAYS} days before \`to\``),
        ]);
      return reply.header('cache-control', 'public, max-age=60').send({
        song: song.song.slug,
        from,
        to,
        days: await deps.plays.daily(song.song.id, from, to),
      });
    },
  );
}
