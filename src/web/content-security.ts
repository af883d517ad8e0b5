import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

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

const PAGE_POLICY_START = [...COMMON, "script-src 'self' 'nonce-"].join('; ');

/** A public page: its script file, and inline only what carries the nonce (structured data). */
export function pagePolicy(nonce: string): string {
  return `${PAGE_POLICY_START}${nonce}'`;
}

/** Any other HTML (the back office, which has no inline script at all). */
const DOCUMENT_POLICY = [...COMMON, "script-src 'self'"].join('; ');

/** JSON, feeds and files: nothing in them may run or be framed. */
const DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Helmet's headers for this site. They are the same on every response, so they are worked
 * out once, from helmet's own middleware, and set together: building them per request cost
 * about a quarter of a cached page's throughput.
 */
function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const collect = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    removeHeader: () => {},
  };
  let done = false;
  helmet({
    // Set below, per kind of response: pages carry their own nonce.
    contentSecurityPolicy: false,
    // The site is read from everywhere, and links out: the origin is enough for referrers.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Assets and API answers may be used by other sites (feeds, embeds of cover art).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  })({} as IncomingMessage, collect as unknown as ServerResponse, () => {
    done = true;
  });
  if (!done) throw new Error('helmet did not set its headers at once');
  return headers;
}

export async function securityHeaders(app: FastifyInstance): Promise<void> {
  const headers = helmetHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader(CSP_HEADER)) {
      // A 304 has no type, and the browser applies its policy to the page it kept: only
      // what is known not to be HTML gets the policy that allows nothing.
      const type = reply.getHeader('content-type');
      const data = type !== undefined && !String(type).startsWith('text/html');
      reply.header(CSP_HEADER, data ? DATA_POLICY : DOCUMENT_POLICY);
    }
    done(null, payload);
  });
}
