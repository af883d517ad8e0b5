import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Permission } from '#src/accounts/index.ts';
import { FeatureInputSchema, type EditingService } from '#src/features/index.ts';
import { problemAt, ValidationError } from '#src/shared/errors.ts';
import { ProblemOut, SlugParams } from './api.schemas.ts';
import { sendProblem } from './problem.ts';

type Guard = (
  permission: Permission,
) => (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

const SaveIn = z.object({
  baseRevision: z.number().int().min(1).describe('The revision this edit started from'),
  document: FeatureInputSchema,
});
const PublishIn = z
  .object({
    at: z.iso.datetime({ offset: true }).optional().describe('Publish later, at this time'),
  })
  .default({});
const RevisionParams = SlugParams.extend({ revision: z.coerce.number().int().min(1) });
const RestoreIn = z.object({ baseRevision: z.number().int().min(1) });

const DocumentOut = z.object({
  slug: z.string(),
  kind: z.string(),
  category: z.string().optional(),
  tags: z.array(z.string()),
  byline: z.string().optional(),
  related: z.array(z.string()),
  ranking: z
    .object({
      category: z.string().optional(),
      tags: z.array(z.string()),
      period: z.union([z.number().int(), z.string()]),
      size: z.number().int(),
    })
    .optional()
    .describe('Ranking features: what is ranked; entries then only carry notes on songs'),
  text: z.record(
    z.string(),
    z.object({ title: z.string(), lead: z.string(), closing: z.string(), status: z.string() }),
  ),
  entries: z.array(
    z.object({
      song: z.string(),
      added: z.string().optional(),
      commentary: z.record(z.string(), z.string()),
    }),
  ),
});
const EditorViewOut = z.object({
  slug: z.string(),
  status: z.string(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  revision: z.number().int(),
  document: DocumentOut,
  songs: z
    .record(z.string(), z.string())
    .describe('A readable label for each song slug in the document'),
});
/** A refused save carries the latest version, so the editor can show both and reconcile. */
const ConflictOut = ProblemOut.extend({ current: EditorViewOut });
const errors = {
  400: ProblemOut,
  401: ProblemOut,
  403: ProblemOut,
  404: ProblemOut,
  409: ConflictOut,
};
const ListOut = z.array(
  z.object({
    slug: z.string(),
    kind: z.string(),
    status: z.string(),
    title: z.string(),
    revision: z.number().int(),
    publishedAt: z.string().nullable(),
    updatedAt: z.string(),
    entryCount: z.number().int(),
    locales: z.record(z.string(), z.enum(['missing', 'draft', 'reviewed'])),
  }),
);
const RevisionsOut = z.array(
  z.object({ revision: z.number().int(), savedAt: z.string(), savedBy: z.string().nullable() }),
);
const RevisionOut = z.object({
  revision: z.number().int(),
  savedAt: z.string(),
  savedBy: z.string().nullable(),
  document: DocumentOut,
});

/** The editors' side of features: drafts, saves with revisions, publishing, history. */
export async function editorRoutes(api: FastifyInstance, editing: EditingService, requires: Guard) {
  const typed = api.withTypeProvider<ZodTypeProvider>();
  const edit = { preValidation: requires('edit') };
  const publish = { preValidation: requires('publish') };
  const missing = (reply: FastifyReply, slug: string) =>
    sendProblem(reply, 404, `No feature "${slug}".`);

  typed.get(
    '/editor/features',
    {
      ...edit,
      schema: {
        summary: 'Every feature, with status and the state of each language',
        response: { 200: ListOut, ...errors },
      },
    },
    async (request) => editing.list(request.actor),
  );

  typed.get(
    '/editor/features/:slug',
    {
      ...edit,
      schema: {
        summary: 'A feature as editors edit it, with its revision',
        params: SlugParams,
        response: { 200: EditorViewOut, ...errors },
      },
    },
    async (request, reply) =>
      (await editing.get(request.actor, request.params.slug)) ??
      missing(reply, request.params.slug),
  );

  typed.post(
    '/editor/features',
    {
      ...edit,
      schema: {
        summary: 'Create a feature as a draft',
        body: FeatureInputSchema,
        response: { 201: EditorViewOut, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await editing.create(request.actor, request.body)),
  );

  typed.put(
    '/editor/features/:slug',
    {
      ...edit,
      schema: {
        summary: 'Save a new revision',
        description:
          'Refused with 409 and the latest version when `baseRevision` is not the latest.',
        params: SlugParams,
        body: SaveIn,
        response: { 200: EditorViewOut, ...errors },
      },
    },
    async (request) => {
      const { slug } = request.params;
      try {
        return await editing.save(
          request.actor,
          slug,
          request.body.baseRevision,
          request.body.document,
        );
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        // The service names fields of the document, which this body holds under `document`
        // (as its schema errors say); only a missing feature is the address's slug.
        throw new ValidationError(
          error.problems.map((p) =>
            p.message === `no feature "${slug}"`
              ? p
              : problemAt(['document', ...(p.path ?? [p.field])], p.message),
          ),
        );
      }
    },
  );

  typed.post(
    '/editor/name-check',
    {
      ...edit,
      schema: {
        summary: 'Warn where commentary spells a name the way another language does',
        body: FeatureInputSchema,
        response: {
          200: z.object({
            warnings: z.array(
              z.object({
                position: z.number().int(),
                locale: z.string(),
                entity: z.string(),
                wrote: z.string(),
                expected: z.string(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => ({ warnings: await editing.nameCheck(request.actor, request.body) }),
  );

  typed.post(
    '/editor/features/:slug/publish',
    {
      ...publish,
      schema: {
        summary: 'Publish now, or schedule with `at`',
        params: SlugParams,
        body: PublishIn,
        response: { 200: EditorViewOut, ...errors },
      },
    },
    async (request) => editing.publish(request.actor, request.params.slug, request.body.at),
  );

  typed.post(
    '/editor/features/:slug/unpublish',
    {
      ...publish,
      schema: {
        summary: 'Take a feature off the site',
        params: SlugParams,
        response: { 200: EditorViewOut, ...errors },
      },
    },
    async (request) => editing.unpublish(request.actor, request.params.slug),
  );

  typed.get(
    '/editor/features/:slug/revisions',
    {
      ...edit,
      schema: {
        summary: 'Who saved which revision, and when',
        params: SlugParams,
        response: { 200: RevisionsOut, ...errors },
      },
    },
    async (request, reply) =>
      (await editing.revisions(request.actor, request.params.slug)) ??
      missing(reply, request.params.slug),
  );

  typed.get(
    '/editor/features/:slug/revisions/:revision',
    {
      ...edit,
      schema: {
        summary: 'One revision as it was saved',
        params: RevisionParams,
        response: { 200: RevisionOut, ...errors },
      },
    },
    async (request, reply) =>
      (await editing.revision(request.actor, request.params.slug, request.params.revision)) ??
      missing(reply, request.params.slug),
  );

  typed.post(
    '/editor/features/:slug/revisions/:revision/restore',
    {
      ...edit,
      schema: {
        summary: 'Save an old revision again as the newest',
        params: RevisionParams,
        body: RestoreIn,
        response: { 200: EditorViewOut, ...errors },
      },
    },
    async (request, reply) =>
      (await editing.restore(
        request.actor,
        request.params.slug,
        request.params.revision,
        request.body.baseRevision,
      )) ?? missing(reply, request.params.slug),
  );
}
