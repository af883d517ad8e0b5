import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Negotiator } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { CachedPage } from '#src/cache/index.ts';
import { CSP_HEADER, pagePolicy } from './content-security.ts';
import type { CompressedFile } from './seo/compress-pieces.ts';

type Encoding = 'br' | 'gzip' | 'identity';

// Browsers send a handful of distinct Accept-Encoding headers; remembering a few is plenty.
const encodings = new Negotiator<Encoding>({
  supportedValues: ['br', 'gzip', 'identity'],
  cache: new LRUCache<string, string>({ max: 64 }) as never,
});

const SUFFIX: Record<Encoding, string> = { br: '-br', gzip: '-gz', identity: '' };

function etagOf(page: { etag: string }, encoding: Encoding): string {
  return `${page.etag.slice(0, -1)}${SUFFIX[encoding]}"`;
}

function encodingFor(request: FastifyRequest): Encoding {
  const accepted = request.headers['accept-encoding'];
  return (accepted ? encodings.negotiate(accepted) : null) ?? 'identity';
}

/** Whether the reader already holds any form of `page`. */
function held(request: FastifyRequest, page: { etag: string }): boolean {
  const held = request.headers['if-none-match'];
  if (!held) return false;
  const known = new Set((['br', 'gzip', 'identity'] as const).map((e) => etagOf(page, e)));
  return held === '*' || held.split(',').some((t) => known.has(t.trim().replace(/^W\//, '')));
}

/**
 * Sends a stored page in the best encoding the reader accepts, or 304 when the reader
 * already holds any form of it. Each form has its own strong ETag.
 */
export function sendCachedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
  cacheControl: string,
  hit: boolean,
): FastifyReply {
  const encoding = encodingFor(request);
  const etag = etagOf(page, encoding);
  reply
    .header('cache-control', cacheControl)
    .header('vary', 'Accept-Encoding')
    .header('etag', etag)
    .header(CSP_HEADER, pagePolicy(page.nonce))
    // For whoever runs the site: whether this answer was rendered or came from memory.
    .header('x-cache', hit ? 'hit' : 'miss');
  if (held(request, page)) return reply.code(304).send();
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  const body = encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.identity;
  return reply.code(200).type('text/html; charset=utf-8').send(body);
}

/**
 * Sends a file kept compressed only (a sitemap file) like a stored page: the best encoding
 * the reader accepts, 304 for a form it holds. A reader taking neither brotli nor gzip gets
 * the gzip form unpacked as it is sent, never the whole plain text in memory at once.
 */
export function sendCompressed(
  request: FastifyRequest,
  reply: FastifyReply,
  file: CompressedFile,
  { type, cacheControl, hit }: { type: string; cacheControl: string; hit: boolean },
): FastifyReply {
  const encoding = encodingFor(request);
  reply
    .header('cache-control', cacheControl)
    .header('vary', 'Accept-Encoding')
    .header('etag', etagOf(file, encoding))
    .header('x-cache', hit ? 'hit' : 'miss');
  if (held(request, file)) return reply.code(304).send();
  reply.code(200).type(type);
  if (encoding === 'br') return reply.header('content-encoding', 'br').send(file.br);
  if (encoding === 'gzip') return reply.header('content-encoding', 'gzip').send(file.gzip);
  return reply
    .header('content-length', file.size)
    .send(Readable.from([file.gzip]).pipe(createGunzip()));
}
