import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccountsService, Permission } from '#src/accounts/index.ts';
import type { CatalogService } from '#src/catalog/index.ts';
import type { ChangeFeed } from '#src/shared/changes.ts';
import { ProblemOut, SlugParams } from './api.schemas.ts';

type Guard = (
  permission: Permission,
) => (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

const MergeIn = z.object({ into: SlugParams.shape.slug.describe('The record that stays') });
const MergeOut = z.object({
  merged: z.string(),
  into: z.string(),
  featuresChanged: z.number().int(),
});

/** Catalog upkeep: merging duplicates so every reference follows the one that stays. */
export async function catalogRoutes(
  api: FastifyInstance,
  deps: { catalog: CatalogService; accounts: AccountsService; changes: ChangeFeed },
  requires: Guard,
) {
  const typed = api.withTypeProvider<ZodTypeProvider>();
  for (const kind of ['songs', 'artists'] as const) {
    typed.post(
      `/editor/${kind}/:slug/merge`,
      {
        preHandler: requires('publish'),
        schema: {
          summary: `Merge a duplicate ${kind === 'songs' ? 'song' : 'artist'} into another (editors)`,
          description:
            'Every reference moves to `into`; the duplicate is deleted and its names become aliases.',
          params: SlugParams,
          body: MergeIn,
          response: { 200: MergeOut, 400: ProblemOut, 401: ProblemOut, 403: ProblemOut },
        },
      },
      async (request) => {
        const { slug } = request.params;
        const { into } = request.body;
        const features = await deps.catalog.merge(kind, slug, into);
        await deps.accounts.record(
          request.actor?.id ?? null,
          'merge',
          kind === 'songs' ? 'song' : 'artist',
          into,
          { merged: slug },
        );
        deps.changes.publish({ entity: kind === 'songs' ? 'song' : 'artist', slugs: [slug, into] });
        return { merged: slug, into, featuresChanged: features.length };
      },
    );
  }
}
