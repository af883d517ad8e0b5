import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const ADMIN_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../admin/dist');

/**
 * Serves the back office (built by `npm run build:admin`, which `npm start` runs first).
 * Its files carry content hashes, except index.html, which is always revalidated.
 */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin', (_request, reply) => reply.redirect('/admin/', 301));
  if (!fs.existsSync(path.join(ADMIN_DIST, 'index.html'))) {
    app.get('/admin/*', (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The back office has not been built: run "npm run build:admin" (npm start does it for you).',
        ),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: ADMIN_DIST,
    prefix: '/admin/',
    decorateReply: false,
    setHeaders(res, file) {
      res.header(
        'cache-control',
        file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
      );
      res.header('x-robots-tag', 'noindex');
    },
  });
}
