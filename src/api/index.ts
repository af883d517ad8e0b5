import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '#src/db/availability.ts';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AccountsService } from '#src/accounts/index.ts';
import { displayLabel, type CatalogEditing, type CatalogReader } from '#src/catalog/index.ts';
import { z } from 'zod';
import type { SearchService } from '#src/search/index.ts';
import type { DraftingAssistant } from '#src/discovery/index.ts';
import type { PlaysService } from '#src/plays/index.ts';
import { authentication } from './auth.ts';
import type { EditingService, FeaturesService } from '#src/features/index.ts';
import { ConflictError, ForbiddenError, ValidationError } from '#src/shared/errors.ts';
import { renderApiDocs } from './docs-page.tsx';
import { editorRoutes } from './editor.routes.ts';
import { catalogRoutes } from './catalog.routes.ts';
import { toolRoutes } from './tools.routes.ts';
import { searchRoutes } from './search.routes.ts';
import { assistantRoutes } from './assistant.routes.ts';
import { playsRoutes } from './plays.routes.ts';
import { userRoutes } from './users.routes.ts';
import {
  FeatureOut,
  FeatureQuery,
  LocaleQuery,
  ProblemOut,
  SlugParams,
  SongOut,
  SongQuery,
} from './api.schemas.ts';
import { toFeature, toSong } from './mappers.ts';
import { sendProblem } from './problem.ts';

export interface ApiDeps {
  catalogEditing: CatalogEditing;
  search: SearchService;
  assistant: DraftingAssistant;
  plays: PlaysService;
  playsPerMinute: number;
  /** The site's public address, when set: plays count only from its pages. */
  publicUrl: string | undefined;
  features: FeaturesService;
  editing: EditingService;
  catalog: CatalogReader;
  accounts: AccountsService;
}

/** `/a/0/b` → `a[0].b`: the field a validation error names. */
function fieldOf(instancePath: string, where: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  const path = parts
    .map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : `${i === 0 ? '' : '.'}${p}`))
    .join('');
  return path || where;
}

/** The JSON API under /api/v1: public reads; every error is application/problem+json. */
export async function apiRoutes(
  app: FastifyInstance,
  {
    features,
    editing,
    catalog,
    catalogEditing,
    search,
    assistant,
    plays,
    playsPerMinute,
    publicUrl,
    accounts,
  }: ApiDeps,
): Promise<void> {
  // The API's own instance knows its routes; the docs page outside the prefix asks it.
  let openapi: (() => unknown) | undefined;
  await app.register(
    async (api) => {
      api.setValidatorCompiler(validatorCompiler);
      api.setSerializerCompiler(serializerCompiler);
      await api.register(swagger, {
        openapi: {
          openapi: '3.1.0',
          info: {
            title: 'Tokushu API',
            version: '1.0.0',
            description: 'Themed song features, songs and their catalog.',
          },
          servers: [{ url: '/api/v1' }],
        },
        transform: jsonSchemaTransform,
      });

      api.setNotFoundHandler((request, reply) =>
        sendProblem(reply, 404, `No API resource at ${request.url}.`),
      );
      api.setErrorHandler((error, request, reply) => {
        if (hasZodFastifySchemaValidationErrors(error)) {
          const where = error.validationContext ?? 'request';
          const errors = error.validation.map((v) => ({
            field: fieldOf(v.instancePath, where),
            message: v.message ?? 'is invalid',
          }));
          return sendProblem(
            reply,
            400,
            `Invalid ${where}: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
            errors,
          );
        }
        if (error instanceof ValidationError) {
          const fields = error.problems.map((p) => ({
            field: p.field || 'body',
            message: p.message,
          }));
          return sendProblem(
            reply,
            400,
            error.problems.map((p) => `${p.field}: ${p.message}`).join('; '),
            fields,
          );
        }
        if (error instanceof ForbiddenError) return sendProblem(reply, 403, error.message);
        if (error instanceof ConflictError) {
          return reply.code(409).type('application/problem+json; charset=utf-8').send({
            type: 'about:blank',
            title: 'Conflict',
            status: 409,
            detail: error.message,
            current: error.current,
          });
        }
        if (isDatabaseUnavailable(error)) {
          request.log.warn(`database unavailable: ${(error as Error).message}`);
          reply.header('retry-after', RETRY_AFTER_SECONDS);
          return sendProblem(
            reply,
            503,
            'The database cannot be reached just now; try again shortly.',
          );
        }
        const status = (error as { statusCode?: number }).statusCode ?? 500;
        if (status >= 500) {
          request.log.error(error);
          return sendProblem(reply, 500, 'The request could not be completed.');
        }
        return sendProblem(
          reply,
          status,
          error instanceof Error ? error.message : 'The request was not understood.',
        );
      });

      const { requires } = await authentication(api, accounts);
      await editorRoutes(api, editing, requires);
      await toolRoutes(api, requires);
      await searchRoutes(api, search);
      await assistantRoutes(api, { assistant, catalog }, requires);
      await playsRoutes(api, { plays, catalog, playsPerMinute, publicUrl });
      await userRoutes(api, accounts, requires);
      await catalogRoutes(api, catalogEditing, requires);
      const typed = api.withTypeProvider<ZodTypeProvider>();

      typed.get(
        '/features/:slug',
        {
          schema: {
            summary: 'A published feature with its entries',
            description:
              'One page of ten entries with `page`, or every entry without it. Names and text are in `locale`, falling back as the site does.',
            params: SlugParams,
            querystring: FeatureQuery,
            response: { 200: FeatureOut, 400: ProblemOut, 404: ProblemOut },
          },
        },
        async (request, reply) => {
          const { locale, page } = request.query;
          const feature = await features.getFeaturePage(
            request.params.slug,
            locale,
            page ? { page } : { all: true },
          );
          if (!feature) {
            return sendProblem(
              reply,
              404,
              page
                ? `Feature "${request.params.slug}" has no page ${page}.`
                : `No published feature "${request.params.slug}".`,
            );
          }
          return reply
            .header('cache-control', 'public, max-age=60')
            .send(toFeature(feature, locale));
        },
      );

      typed.get(
        '/songs/:slug',
        {
          schema: {
            summary: 'A song with its credits and tie-ins',
            params: SlugParams,
            querystring: SongQuery,
            response: { 200: SongOut, 400: ProblemOut, 404: ProblemOut },
          },
        },
        async (request, reply) => {
          const song = await catalog.getSongPage(request.params.slug);
          if (!song) return sendProblem(reply, 404, `No song "${request.params.slug}".`);
          return reply
            .header('cache-control', 'public, max-age=60')
            .send(toSong(song.song, request.query.locale));
        },
      );

      typed.get(
        '/categories',
        {
          schema: {
            summary: 'The categories features are filed under, in site order',
            querystring: z.object({ locale: LocaleQuery }),
            response: {
              200: z.array(z.object({ slug: z.string(), label: z.string(), lang: z.string() })),
              400: ProblemOut,
            },
          },
        },
        async (request, reply) => {
          const categories = await catalog.listCategories();
          return reply.header('cache-control', 'public, max-age=60').send(
            categories.map((c) => {
              const label = displayLabel(c.labels, request.query.locale);
              return { slug: c.slug, label: label.text, lang: label.lang };
            }),
          );
        },
      );

      api.get('/openapi.json', { schema: { hide: true } }, async () => api.swagger());
      openapi = () => api.swagger();
    },
    { prefix: '/api/v1' },
  );

  app.get('/api/docs', async (_request, reply) => {
    const doc = openapi?.() as Parameters<typeof renderApiDocs>[0];
    return (
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'public, max-age=600')
        // A page of text and its own small stylesheet: no script runs here at all.
        .header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        )
        .send(renderApiDocs(doc))
    );
  });
}
