import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Permission } from '#src/accounts/index.ts';
import {
  ArtistInputSchema,
  permissionFor,
  RECORD_KINDS,
  SongInputSchema,
  STORED_RECORD_SCHEMAS,
  type CatalogAction,
  TagInputSchema,
  WorkInputSchema,
  type CatalogEditing,
} from '#src/catalog/index.ts';
import { NUL_MESSAGE, storable } from '#src/shared/validation.ts';
import { ProblemOut, SlugParams } from './api.schemas.ts';
import { sendProblem } from './problem.ts';

type Guard = (
  permission: Permission,
) => (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

// Records go out as they come in, with dates already written as text, and as long as they
// were saved: one from before the length limits is shown, so that it can be shortened.
const RECORDS = {
  songs: {
    one: 'song',
    schema: SongInputSchema,
    out: STORED_RECORD_SCHEMAS.songs.extend({ released: z.string().optional() }),
  },
  artists: { one: 'artist', schema: ArtistInputSchema, out: STORED_RECORD_SCHEMAS.artists },
  works: { one: 'work', schema: WorkInputSchema, out: STORED_RECORD_SCHEMAS.works },
  tags: { one: 'tag', schema: TagInputSchema, out: STORED_RECORD_SCHEMAS.tags },
} as const;

const ListQuery = z.object({
  q: z
    .string()
    .max(200, 'must be at most 200 characters')
    .refine(storable, NUL_MESSAGE)
    .default('')
    .describe('Text in a slug, name or alias'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const ListOut = z.array(
  z.object({
    slug: z.string(),
    label: z.string(),
    detail: z.string(),
    updatedAt: z.string().nullable(),
  }),
);
const MergeIn = z.object({ into: SlugParams.shape.slug.describe('The record that stays') });
const MergeOut = z.object({
  merged: z.string(),
  into: z.string(),
  featuresChanged: z.number().int(),
});

/**
 * Catalog upkeep for editors: find, add and correct songs, artists, works and tags, and
 * merge duplicates so every reference follows the one that stays.
 */
export async function catalogRoutes(
  api: FastifyInstance,
  editing: CatalogEditing,
  requires: Guard,
) {
  const typed = api.withTypeProvider<ZodTypeProvider>();

  for (const kind of RECORD_KINDS) {
    const { one, schema, out } = RECORDS[kind];
    // Each route asks for what the service will: a writer is refused before validation.
    const may = (action: CatalogAction) => ({
      preValidation: requires(permissionFor(kind, action)),
    });
    const RecordOut = z.object({
      kind: z.literal(kind),
      slug: z.string(),
      version: z
        .string()
        .nullable()
        .describe('Send it back as `baseVersion` when saving; null where records carry none'),
      record: out,
      uses: z.record(z.string(), z.number().int()).describe('How many references point here'),
      labels: z
        .object({
          artists: z.record(z.string(), z.string()),
          works: z.record(z.string(), z.string()),
          songs: z.record(z.string(), z.string()),
        })
        .describe('English names of the artists, works and songs the record refers to, by slug'),
      reviewed: z
        .boolean()
        .describe("False while a writer's addition waits for an editor: readers do not see it yet"),
    });
    const errors = {
      400: ProblemOut,
      401: ProblemOut,
      403: ProblemOut,
      404: ProblemOut,
      409: ProblemOut.extend({ current: RecordOut }),
    };
    const missing = (reply: FastifyReply, slug: string) =>
      sendProblem(reply, 404, `No ${one} "${slug}".`);

    typed.get(
      `/editor/${kind}`,
      {
        ...may('read'),
        schema: {
          summary: `Find ${kind} by slug, name or alias; the most recently changed first`,
          querystring: ListQuery,
          response: { 200: ListOut, ...errors },
        },
      },
      async (request) => editing.list(request.actor, kind, request.query.q, request.query.limit),
    );

    typed.get(
      `/editor/${kind}/:slug`,
      {
        ...may('read'),
        schema: {
          summary: `A ${one} as editors edit it`,
          params: SlugParams,
          response: { 200: RecordOut, ...errors },
        },
      },
      async (request, reply) =>
        (await editing.get(request.actor, kind, request.params.slug)) ??
        missing(reply, request.params.slug),
    );

    typed.post(
      `/editor/${kind}`,
      {
        ...may('create'),
        schema: {
          summary: `Add a ${one}${kind === 'tags' ? ' (editors)' : ''}`,
          body: z.object({ record: schema }),
          response: { 201: RecordOut, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await editing.create(request.actor, kind, request.body.record)),
    );

    typed.put(
      `/editor/${kind}/:slug`,
      {
        ...may('update'),
        schema: {
          summary: `Correct a ${one} (editors)`,
          description:
            'Replaces the record. Refused with 409 and the current record when it changed since `baseVersion`.',
          params: SlugParams,
          body: z.object({ baseVersion: z.string().nullable(), record: schema }),
          response: { 200: RecordOut, ...errors },
        },
      },
      async (request, reply) =>
        (await editing.update(
          request.actor,
          kind,
          request.params.slug,
          request.body.record,
          request.body.baseVersion,
        )) ?? missing(reply, request.params.slug),
    );

    // Tags are the editors' own vocabulary: there is nothing of a writer's to accept.
    if (kind !== 'tags')
      typed.post(
        `/editor/${kind}/:slug/accept`,
        {
          ...may('accept'),
          schema: {
            operationId: `accept${one[0]?.toUpperCase()}${one.slice(1)}`,
            summary: `Let a writer's new ${one} through to readers (editors)`,
            description: `Until an editor accepts it (or saves it, or publishes a feature that uses it), a ${one} a writer added is left out of public pages, search, suggestions and "songs like this".${kind === 'songs' ? " The song's credited artists and tie-in works are accepted with it." : ''}`,
            params: SlugParams,
            response: { 200: RecordOut, ...errors },
          },
        },
        async (request, reply) =>
          (await editing.accept(request.actor, kind, request.params.slug)) ??
          missing(reply, request.params.slug),
      );

    typed.post(
      `/editor/${kind}/:slug/merge`,
      {
        ...may('merge'),
        schema: {
          summary: `Merge a duplicate ${one} into another (editors)`,
          description: `Every reference moves to \`into\`; the duplicate is deleted${kind === 'tags' ? '' : ' and its names become aliases'}.`,
          params: SlugParams,
          body: MergeIn,
          response: { 200: MergeOut, ...errors },
        },
      },
      async (request) => {
        const { slug } = request.params;
        const { into } = request.body;
        const { featuresChanged } = await editing.merge(request.actor, kind, slug, into);
        return { merged: slug, into, featuresChanged };
      },
    );
  }
}
