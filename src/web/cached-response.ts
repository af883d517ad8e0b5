import { Negotiator } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { CachedPage } from '#src/cache/index.ts';
import { CSP_HEADER, pagePolicy } from './content-security.ts';

type Encoding = 'br' | 'gzip' | 'identity';

// Browsers send a handful of distinct Accept-Encoding headers; remembering a few is plenty.
const encodings = new Negotiator<Encoding>({
  supportedValues: ['br', 'gzip', 'identity'],
  cache: new LRUCache<string, string>({ max: 64 }) as never,
});

const SUFFIX: Record<Encoding, string> = { br: '-br', gzip: '-gz', identity: '' };

function etagOf(page: CachedPage, encoding: Encoding): string {
  return `${page.etag.slice(0, -1)}${SUFFIX[encoding]}"`;
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
  const accepted = request.headers['accept-encoding'];
  const encoding = (accepted ? encodings.negotiate(accepted) : null) ?? 'identity';
  const etag = etagOf(page, encoding);
  reply
    .header('cache-control', cacheControl)
    .header('vary', 'Accept-Encoding')
    .header('etag', etag)
    .header(CSP_HEADER, pagePolicy(page.nonce))
    // For whoever runs the site: whether this answer was rendered or came from memory.
    .header('x-cache', hit ? 'hit' : 'miss');
  const held = request.headers['if-none-match'];
  if (held) {
    const known = new Set((['br', 'gzip', 'identity'] as const).map((e) => etagOf(page, e)));
    if (held === '*' || held.split(',').some((t) => known.has(t.trim().replace(/^W\//, ''))))
      return reply.code(304).send();
  }
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  const body = encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.identity;
  return reply.code(200).type('text/html; charset=utf-8').send(body);
}
