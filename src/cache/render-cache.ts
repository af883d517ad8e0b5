import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { DependencyKey } from './dependencies.ts';

/** A finished page with its compressed forms, made once so that a hit only copies bytes. */
export interface CachedPage {
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
  /** The strong validator of the identity body; `-br` and `-gz` name the compressed ones. */
  etag: string;
  deps: ReadonlySet<DependencyKey>;
  /** The script nonce the page was rendered with: its policy header must name the same. */
  nonce: string;
}

export interface RenderCacheOptions {
  /** Bytes of pages (all three forms) kept before the least recently used go. */
  maxBytes: number;
  /**
   * The longest a page is kept. Writes purge what they change at once; this bounds what
   * changes without a write: "new" marks that age, and recommendations recomputed elsewhere.
   */
  ttlMs: number;
}

/** Brotli quality 5 compresses a page in about a millisecond, within a few percent of 11. */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };

export function compressPage(
  html: string,
  deps: ReadonlySet<DependencyKey>,
  nonce: string,
): CachedPage {
  const identity = Buffer.from(html);
  const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 22);
  return {
    identity,
    br: brotliCompressSync(identity, BROTLI),
    gzip: gzipSync(identity),
    etag: `"${hash}"`,
    deps,
    nonce,
  };
}

/** Dependencies whose last purge is remembered for the renders under way (see `purge`). */
const PURGES_REMEMBERED = 10_000;

/**
 * Rendered pages in memory within a byte budget (LRU), indexed by what they show so that a
 * write purges exactly the pages that show what it changed. A render that began before a
 * purge of anything it shows is not stored: it may have read what the write replaced. Renders
 * of other pages are, so that under steady edits a busy page still gets into the cache.
 */
export function createRenderCache({ maxBytes, ttlMs }: RenderCacheOptions) {
  const pagesShowing = new Map<DependencyKey, Set<string>>();
  const pages = new LRUCache<string, CachedPage>({
    maxSize: maxBytes,
    sizeCalculation: (p) => p.identity.length + p.br.length + p.gzip.length,
    ttl: ttlMs,
    dispose: (page, key) => {
      for (const dep of page.deps) {
        const keys = pagesShowing.get(dep);
        keys?.delete(key);
        if (keys?.size === 0) pagesShowing.delete(dep);
      }
    },
  });
  let generation = 0;
  // The generation each dependency was last purged in, and the last purge of everything.
  const purgedIn = new Map<DependencyKey, number>();
  let allPurgedIn = 0;
  const stats = { hits: 0, misses: 0, purged: 0 };
  const underway = new Map<string, Promise<void>>();

  return {
    get(key: string): CachedPage | undefined {
      const page = pages.get(key);
      if (page) stats.hits++;
      else stats.misses++;
      return page;
    },

    /**
     * Taken before a render reads anything; `put` refuses the render if anything it shows has
     * been purged since.
     */
    generation: () => generation,

    put(key: string, page: CachedPage, renderedFrom: number): void {
      if (allPurgedIn > renderedFrom) return;
      for (const dep of page.deps) if ((purgedIn.get(dep) ?? 0) > renderedFrom) return;
      pages.set(key, page);
      for (const dep of page.deps) {
        let keys = pagesShowing.get(dep);
        if (!keys) pagesShowing.set(dep, (keys = new Set()));
        keys.add(key);
      }
    },

    /**
     * Marks a render of `key` as under way until the returned function is called, so that
     * readers asking for the page meanwhile wait for it instead of rendering it again: under a
     * thousand readers a page just purged would otherwise be rendered hundreds of times at once.
     */
    beginRender(key: string): () => void {
      let done!: () => void;
      const render = new Promise<void>((resolve) => (done = resolve));
      underway.set(key, render);
      return () => {
        if (underway.get(key) === render) underway.delete(key);
        done();
      };
    },

    /**
     * Waits for a render of `key` under way, if there is one, and returns the page it kept
     * (none if it was not kept: a purge came since, or the address is not a page).
     */
    async afterRender(key: string): Promise<CachedPage | undefined> {
      const render = underway.get(key);
      if (!render) return undefined;
      await render;
      return pages.get(key);
    },

    /** Drops every page that shows any of `deps`; returns how many. */
    purge(deps: Iterable<DependencyKey>): number {
      generation++;
      let dropped = 0;
      for (const dep of deps) {
        purgedIn.set(dep, generation);
        for (const key of [...(pagesShowing.get(dep) ?? [])]) if (pages.delete(key)) dropped++;
      }
      // What was purged when is kept for so many keys at most; past that, every render under
      // way is refused once and the record starts again.
      if (purgedIn.size > PURGES_REMEMBERED) {
        purgedIn.clear();
        allPurgedIn = generation;
      }
      stats.purged += dropped;
      return dropped;
    },

    purgeAll(): void {
      generation++;
      purgedIn.clear();
      allPurgedIn = generation;
      stats.purged += pages.size;
      pages.clear();
    },

    stats: () => ({ ...stats, pages: pages.size, bytes: pages.calculatedSize }),
  };
}

export type RenderCache = ReturnType<typeof createRenderCache>;
