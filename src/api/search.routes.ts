import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TIE_IN_ROLES } from '#src/catalog/index.ts';
import {
  MAX_QUERY_LENGTH,
  normalizedLength,
  SEARCH_KINDS,
  type SearchResult,
  type SearchService,
} from '#src/search/index.ts';
import { LocaleQuery, ProblemOut } from './api.schemas.ts';

const Query = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
  // Some characters stand for several (℀ is a/c, ﷺ eighteen letters): what is searched is
  // the text they stand for, and that is held to the same length.
  .refine(
    (q) => normalizedLength(q) <= MAX_QUERY_LENGTH,
    `must be at most ${MAX_QUERY_LENGTH} characters once written out (some characters, such as ℀ or ㍻, stand for several)`,
  )
  .describe('Text in any script: kanji, kana, romaji in any spelling, English');
const Kind = z.enum(SEARCH_KINDS);
const Slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug');

const SearchQuery = z.object({
  q: Query,
  locale: LocaleQuery,
  type: Kind.optional().describe('Only results of this kind'),
  tag: Slug.optional().describe('Only songs with this tag'),
  role: z.enum(TIE_IN_ROLES).optional().describe('Only songs with a tie-in in this role'),
  decade: z
    .string()
    .regex(/^\d{3}0s$/, 'must be a decade such as 2010s')
    .optional()
    .describe('Only songs released in this decade'),
  category: Slug.optional().describe('Only songs in features of this category'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

const Result = z.object({
  kind: Kind,
  slug: z.string(),
  name: z.object({ text: z.string(), lang: z.string() }),
  detail: z.string(),
  matched: z
    .object({ field: z.string(), text: z.string() })
    .describe('The name that matched (title, romanized, en, alias, reading, artist, …) as indexed'),
});
const Facet = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
const SearchOut = z.object({
  query: z.string(),
  page: z.number().int(),
  pageCount: z.number().int(),
  total: z.number().int(),
  results: z.array(Result),
  counts: z.record(Kind, z.number().int()),
  facets: z.object({
    tag: z.array(Facet),
    role: z.array(Facet),
    decade: z.array(Facet),
    category: z.array(Facet),
  }),
});

const SuggestQuery = z.object({
  q: Query,
  locale: LocaleQuery,
  type: Kind.optional().describe('Only suggestions of this kind'),
});
const Suggestion = z.object({
  type: Kind,
  slug: z.string(),
  label: z.string(),
  lang: z.string(),
  detail: z.string(),
});
const SuggestOut = z.object({ query: z.string(), suggestions: z.array(Suggestion) });

function toSuggestion(r: SearchResult) {
  return { type: r.kind, slug: r.slug, label: r.name.text, lang: r.name.lang, detail: r.detail };
}

/** Search in any script, and suggestions as readers type. */
export async function searchRoutes(api: FastifyInstance, search: SearchService) {
  const typed = api.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/search',
    {
      schema: {
        summary: 'Songs, artists, works, features and tags matching text in any script',
        description:
          'Exact and starts-with matches first, then every word anywhere, then near spellings; popular things rank higher. Counts are by kind; facets count the matching songs.',
        querystring: SearchQuery,
        response: { 200: SearchOut, 400: ProblemOut },
      },
    },
    async (request, reply) => {
      const { q, locale, page, ...filters } = request.query;
      const found = await search.search(q, locale, filters, page);
      return reply.header('cache-control', 'public, max-age=60').send(found);
    },
  );

  typed.get(
    '/suggest',
    {
      schema: {
        summary: 'A few suggestions for text being typed, in any script',
        querystring: SuggestQuery,
        response: { 200: SuggestOut, 400: ProblemOut },
      },
    },
    async (request, reply) => {
      const { q, locale, type } = request.query;
      const found = await search.suggest(q, locale, { type });
      return reply
        .header('cache-control', 'public, max-age=60')
        .send({ query: q, suggestions: found.map(toSuggestion) });
    },
  );
}
