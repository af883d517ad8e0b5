import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Permission } from '#src/accounts/index.ts';
import { displayName, type CatalogReader } from '#src/catalog/index.ts';
import type { DraftingAssistant } from '#src/discovery/index.ts';
import { ProblemOut } from './api.schemas.ts';

type Guard = (
  permission: Permission,
) => (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

const Slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug');
const ThemeIn = z.object({
  tags: z.array(Slug).max(20).default([]).describe('Tags the feature is about'),
  words: z
    .string()
    .max(200, 'must be at most 200 characters')
    .default('')
    .describe('Free words in any language: "graduation", "rain", "ending themes 2010s"'),
  exclude: z.array(Slug).max(500).default([]).describe('Songs already in the feature'),
  limit: z.number().int().min(1).max(50).default(20),
});
const CandidatesOut = z.object({
  candidates: z.array(
    z.object({
      song: z.string(),
      label: z.string(),
      detail: z.string(),
      score: z.number(),
      reasons: z.array(z.string()),
    }),
  ),
});

/** Song proposals for a feature being drafted, each with the reasons it was proposed. */
export async function assistantRoutes(
  api: FastifyInstance,
  deps: { assistant: DraftingAssistant; catalog: CatalogReader },
  requires: Guard,
) {
  const typed = api.withTypeProvider<ZodTypeProvider>();
  typed.post(
    '/editor/assistant',
    {
      preValidation: requires('edit'),
      schema: {
        summary: 'Propose songs for a theme (tags and free words), not yet in the feature',
        description:
          'Ranked by fit and by how often editors chose them, with at most two songs by one artist or from one work.',
        body: ThemeIn,
        response: { 200: CandidatesOut, 400: ProblemOut, 401: ProblemOut, 403: ProblemOut },
      },
    },
    async (request) => {
      const { limit, ...theme } = request.body;
      if (theme.tags.length === 0 && !theme.words.trim()) {
        return { candidates: [] };
      }
      const proposed = await deps.assistant.propose(theme, limit);
      const cards = new Map(
        (await deps.catalog.songCards(proposed.map((c) => c.id))).map((c) => [c.id, c]),
      );
      return {
        candidates: proposed.map((c) => {
          const card = cards.get(c.id);
          const artist = card?.credits[0]
            ? displayName(card.credits[0].artist.name, 'en').text
            : '';
          return {
            song: c.song,
            label: card ? displayName(card.title, 'en').text : c.song,
            detail: [artist, card?.releasedOn?.slice(0, 4)].filter(Boolean).join(' · '),
            score: c.score,
            reasons: c.reasons,
          };
        }),
      };
    },
  );
}
