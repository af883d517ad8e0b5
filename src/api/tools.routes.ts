import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Permission } from '#src/accounts/index.ts';
import { renderMarkdown } from '#src/shared/markdown.ts';
import { ProblemOut } from './api.schemas.ts';

type Guard = (
  permission: Permission,
) => (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Markdown previews for editors, rendered as the public page renders them. */
export async function toolRoutes(api: FastifyInstance, requires: Guard) {
  const typed = api.withTypeProvider<ZodTypeProvider>();

  typed.post(
    '/editor/preview',
    {
      preValidation: requires('edit'),
      schema: {
        summary: 'Markdown rendered exactly as the public page renders commentary',
        body: z.object({ markdown: z.string().max(50_000, 'must be at most 50,000 characters') }),
        response: {
          200: z.object({ html: z.string() }),
          400: ProblemOut,
          401: ProblemOut,
          403: ProblemOut,
        },
      },
    },
    async (request) => ({ html: renderMarkdown(request.body.markdown) }),
  );
}
