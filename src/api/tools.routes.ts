import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Permission } from '#src/accounts/index.ts';
import { displayName, type CatalogReader } from '#src/catalog/index.ts';
import { renderMarkdown } from '#src/shared/markdown.ts';
import { LocaleQuery, ProblemOut } from './api.schemas.ts';

type Guard = (
  permission: Permission,
) => (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

const SuggestQuery = z.object({
  q: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  locale: LocaleQuery,
});
const Suggestion = z.object({
  type: z.enum(['song', 'artist', 'work']),
  slug: z.string(),
  label: z.string(),
  lang: z.string(),
  detail: z.string(),
});
const SuggestOut = z.object({ query: z.string(), suggestions: z.array(Suggestion) });

/** Small helpers for people and pages that type: suggestions, and Markdown previews for editors. */
export async function toolRoutes(api: FastifyInstance, catalog: CatalogReader, requires: Guard) {
  const typed = api.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/suggest',
    {
      schema: {
        summary: 'As-you-type suggestions: songs, artists and works whose names contain the text',
        querystring: SuggestQuery,
        response: { 200: SuggestOut, 400: ProblemOut },
      },
    },
    async (request, reply) => {
      const { q, locale } = request.query;
      const found = await catalog.search(q, 8);
      const suggestions = [
        ...found.songs.map((s) => {
          const name = displayName(s.title, locale);
          const artist = s.credits[0] ? displayName(s.credits[0].artist.name, locale).text : '';
          return {
            type: 'song' as const,
            slug: s.slug,
            label: name.text,
            lang: name.lang,
            detail: artist,
          };
        }),
        ...found.artists.map((a) => {
          const name = displayName(a.name, locale);
          return {
            type: 'artist' as const,
            slug: a.slug,
            label: name.text,
            lang: name.lang,
            detail: a.kind,
          };
        }),
        ...found.works.map((w) => {
          const name = displayName(w.title, locale);
          return {
            type: 'work' as const,
            slug: w.slug,
            label: name.text,
            lang: name.lang,
            detail: w.year ? String(w.year) : w.kind,
          };
        }),
      ];
      return reply.header('cache-control', 'public, max-age=60').send({ query: q, suggestions });
    },
  );

  typed.post(
    '/editor/preview',
    {
      preHandler: requires('edit'),
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
