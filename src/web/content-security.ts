import { randomBytes } from 'node:crypto';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every response, and the other security headers (by
 * helmet). A page allows its own files and, inline, only the scripts carrying its nonce;
 * the one page the site embeds from elsewhere is the YouTube player, after a tap.
 */

export const CSP_HEADER = 'content-security-policy';

/** A fresh nonce for one rendering of a page. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

const COMMON = [
  "default-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https://i.ytimg.com",
  'frame-src https://www.youtube-nocookie.com',
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/** A public page: its script file, and inline only what carries the nonce (structured data). */
export function pagePolicy(nonce: string): string {
  return [...COMMON, `script-src 'self' 'nonce-${nonce}'`].join('; ');
}

/** Any other HTML (the back office, which has no inline script at all). */
const DOCUMENT_POLICY = [...COMMON, "script-src 'self'"].join('; ');

/** JSON, feeds and files: nothing in them may run or be framed. */
const DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

export async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    // Set below, per kind of response: pages carry their own nonce.
    contentSecurityPolicy: false,
    // The site is read from everywhere, and links out: the origin is enough for referrers.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Assets and API answers may be used by other sites (feeds, embeds of cover art).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader(CSP_HEADER)) {
      // A 304 has no type, and the browser applies its policy to the page it kept: only
      // what is known not to be HTML gets the policy that allows nothing.
      const type = reply.getHeader('content-type');
      const data = type !== undefined && !String(type).startsWith('text/html');
      reply.header(CSP_HEADER, data ? DATA_POLICY : DOCUMENT_POLICY);
    }
    return payload;
  });
}
