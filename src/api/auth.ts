import cookie, { fastifyCookie } from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, type AccountsService, type Actor, type Permission } from '#src/accounts/index.ts';
import { NUL_MESSAGE, storable } from '#src/shared/validation.ts';
import { TEXT_LIMITS, withinLimit } from '#src/shared/text-limits.ts';
import { ProblemOut } from './api.schemas.ts';
import { sendProblem } from './problem.ts';

export const SESSION_COOKIE = 'tokushu_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const UserOut = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  role: z.string(),
});
const LoginIn = z.object({
  email: withinLimit(z.string().trim().min(1).refine(storable, NUL_MESSAGE), TEXT_LIMITS.email),
  password: withinLimit(z.string().min(1), TEXT_LIMITS.password),
});
const LoginOut = z.object({ user: UserOut, csrfToken: z.string() });

/** Who is signed in on a request outside the API, such as a page: the session cookie only. */
export async function sessionActor(
  accounts: AccountsService,
  request: FastifyRequest,
): Promise<Actor | null> {
  const token = fastifyCookie.parse(request.headers.cookie ?? '')[SESSION_COOKIE];
  return token ? accounts.actorForSession(token) : null;
}

function userOut(actor: Actor) {
  return { id: actor.id, email: actor.email, displayName: actor.displayName, role: actor.role };
}

/**
 * Who is calling: `Authorization: Bearer <token>` for scripts, or the session cookie for the
 * back office. Adds `request.actor` and a `requires(permission)` guard for protected routes,
 * which also checks the CSRF token on cookie-authenticated requests.
 */
export async function authentication(api: FastifyInstance, accounts: AccountsService) {
  await api.register(cookie);
  await api.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true },
  });
  api.decorateRequest('actor', null);

  api.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.actor = await accounts.actorForToken(header.slice('Bearer '.length).trim());
      return;
    }
    const session = request.cookies[SESSION_COOKIE];
    request.actor = session ? await accounts.actorForSession(session) : null;
  });

  /**
   * A preValidation hook that lets the request through only with `permission`. It runs
   * before the body, query and params are validated, so someone who may not call a route
   * learns nothing about what it accepts.
   */
  const requires =
    (permission: Permission) => async (request: FastifyRequest, reply: FastifyReply) => {
      if (!request.actor) {
        const bearer = request.headers.authorization?.startsWith('Bearer ');
        return sendProblem(reply, 401, bearer ? 'The API token is not valid.' : 'Sign in first.');
      }
      // Reads cannot change anything, so only cookie-authenticated writes need the CSRF token.
      if (
        request.actor.via === 'session' &&
        request.method !== 'GET' &&
        request.method !== 'HEAD'
      ) {
        const token = request.headers['x-csrf-token'];
        if (typeof token !== 'string' || !api.csrfProtection) {
          return sendProblem(reply, 403, 'Missing CSRF token: send the X-CSRF-Token header.');
        }
        const valid = await new Promise<boolean>((resolve) => {
          api.csrfProtection(request, reply, (error?: Error) => resolve(!error));
        });
        if (!valid) return sendProblem(reply, 403, 'The CSRF token is not valid.');
      }
      if (!can(request.actor, permission)) {
        return sendProblem(reply, 403, `A ${request.actor.role} may not do this.`);
      }
    };

  const typed = api.withTypeProvider<ZodTypeProvider>();

  typed.post(
    '/auth/login',
    {
      schema: {
        summary: 'Sign in; sets the session cookie',
        body: LoginIn,
        response: { 200: LoginOut, 400: ProblemOut, 401: ProblemOut, 429: ProblemOut },
      },
    },
    async (request, reply) => {
      const result = await accounts.login(request.body.email, request.body.password, request.ip);
      if (!result.ok) {
        if (result.reason === 'throttled') {
          reply.header('retry-after', String(result.retryAfter));
          return sendProblem(
            reply,
            429,
            `Too many failed sign-ins. Try again in ${result.retryAfter} seconds.`,
          );
        }
        return sendProblem(reply, 401, 'The email or password is not right.');
      }
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        expires: new Date(result.expiresAt),
      });
      return { user: userOut(result.actor), csrfToken: reply.generateCsrf() };
    },
  );

  typed.post(
    '/auth/logout',
    {
      schema: {
        summary: 'Sign out: ends the session',
        response: { 204: z.null().describe('Signed out'), 401: ProblemOut, 403: ProblemOut },
      },
      preValidation: requires('edit'),
    },
    async (request, reply) => {
      const session = request.cookies[SESSION_COOKIE];
      if (session) await accounts.logout(session);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  typed.get(
    '/auth/me',
    {
      schema: {
        summary: 'The signed-in user and a fresh CSRF token',
        response: { 200: LoginOut, 401: ProblemOut },
      },
    },
    async (request, reply) => {
      if (!request.actor) return sendProblem(reply, 401, 'Not signed in.');
      return { user: userOut(request.actor), csrfToken: reply.generateCsrf() };
    },
  );

  return { requires };
}
