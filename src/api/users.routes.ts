import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES, type AccountsService, type Permission } from '#src/accounts/index.ts';
import { TEXT_LIMITS, withinLimit } from '#src/shared/text-limits.ts';
import { NUL_MESSAGE, storable } from '#src/shared/validation.ts';
import { ProblemOut } from './api.schemas.ts';

type Guard = (
  permission: Permission,
) => (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

const UserRow = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  role: z.string(),
  createdAt: z.string(),
});
const NewUserIn = z.object({
  email: withinLimit(z.email(), TEXT_LIMITS.email),
  displayName: withinLimit(
    z.string().trim().min(1, 'must not be empty').refine(storable, NUL_MESSAGE),
    TEXT_LIMITS.displayName,
  ),
  role: z.enum(ROLES),
  password: withinLimit(z.string().min(12, 'must be at least 12 characters'), TEXT_LIMITS.password),
});
const errors = { 400: ProblemOut, 401: ProblemOut, 403: ProblemOut };

/** Accounts, for admins only. */
export async function userRoutes(api: FastifyInstance, accounts: AccountsService, requires: Guard) {
  const typed = api.withTypeProvider<ZodTypeProvider>();
  const admin = { preValidation: requires('manage-users') };

  typed.get(
    '/users',
    {
      ...admin,
      schema: {
        summary: 'Every account (admins only)',
        response: { 200: z.array(UserRow), ...errors },
      },
    },
    async () =>
      (await accounts.listUsers()).map((u) => ({
        id: u.id,
        email: u.email,
        displayName: u.display_name,
        role: u.role,
        createdAt: u.created_at,
      })),
  );

  typed.post(
    '/users',
    {
      ...admin,
      schema: {
        summary: 'Create an account (admins only)',
        body: NewUserIn,
        response: { 201: z.object({ id: z.number().int() }), ...errors },
      },
    },
    async (request, reply) => {
      const id = await accounts.addUser(request.body);
      await accounts.record(request.actor?.id ?? null, 'user-create', 'user', String(id), {
        email: request.body.email,
        role: request.body.role,
      });
      return reply.code(201).send({ id });
    },
  );
}
