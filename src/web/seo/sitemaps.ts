import { LRUCache } from 'lru-cache';
import type { DependencyKey } from '#src/cache/index.ts';
import type { CatalogReader } from '#src/catalog/index.ts';
import { PAGE_SIZE, type FeaturesService } from '#src/features/index.ts';
import { compressPieces, type CompressedFile } from './compress-pieces.ts';
import {
  ADDRESSES_PER_PAGE,
  buildSitemapIndex,
  SITEMAP_HEAD,
  SITEMAP_LIMIT,
  SITEMAP_TAIL,
  sitemapUrls,
  type SitemapPage,
} from './sitemap.ts';

type Kind = 'songs' | 'artists' | 'works';
const KINDS: readonly Kind[] = ['songs', 'artists', 'works'];

/** Rows read at a time while a file is written: memory stays flat however large the file. */
const BATCH = 1_000;
/**
 * Compressed sitemap files kept at most. A catalog of a million songs has some eighty files,
 * each a megabyte or two compressed; past this the least recently asked for are written
 * again when asked.
 */
const KEPT_BYTES = 64 * 1024 * 1024;
/** The name of a sitemap file in its address, `/sitemaps/{name}.xml`. */
export const SITEMAP_FILE = /^(pages|songs|artists|works)-([1-9]\d{0,5})$/;

export interface SitemapsOptions {
  /** The site's address, which every address listed starts with. */
  origin: string;
  catalog: Pick<CatalogReader, 'slugsFrom' | 'slugAfter' | 'listCategories' | 'listTags'>;
  features: Pick<FeaturesService, 'listPublishedSlugs'>;
  /** Addresses in one file (each page counts once per locale); 50,000 by the protocol. */
  urlsPerFile?: number;
}

/** What the files hold, found once per version of the catalog. */
interface Plan {
  /** The site's own pages (home, about, features, categories, tags), cut into files. */
  pages: SitemapPage[][];
  /** The first slug of each file of songs, of artists and of works. */
  starts: Record<Kind, string[]>;
}

export interface SitemapAnswer {
  file: CompressedFile;
  /** False when this request wrote the file. */
  hit: boolean;
}

/**
 * The sitemap index and its files, each written once, compressed, and kept until a change
 * to the catalog or the features purges them. Songs, artists and works are listed in slug
 * order, each file read from the database a slice at a time from where it starts, so a file
 * is written without holding the catalog, and every song, artist and work is in some file
 * however large the catalog grows.
 */
export function createSitemaps({
  origin,
  catalog,
  features,
  urlsPerFile = SITEMAP_LIMIT,
}: SitemapsOptions) {
  const perFile = Math.max(1, Math.floor(urlsPerFile / ADDRESSES_PER_PAGE));
  // Bumped by each purge: a file written from before it is given to those who asked, not kept.
  let generation = 0;
  let plan: Promise<Plan> | null = null;
  const kept = new LRUCache<string, CompressedFile>({
    maxSize: KEPT_BYTES,
    sizeCalculation: (file) => file.gzip.length + file.br.length,
  });
  const underway = new Map<string, Promise<CompressedFile>>();
  let written = 0;

  async function makePlan(): Promise<Plan> {
    const pages: SitemapPage[][] = [[]];
    const add = (page: SitemapPage) => {
      let file = pages[pages.length - 1]!;
      if (file.length === perFile) pages.push((file = []));
      file.push(page);
    };
    add({ path: '/' });
    add({ path: '/about' });
    for (let after: string | null = null; ;) {
      const batch = await features.listPublishedSlugs(after, BATCH);
      for (const f of batch) {
        const count = Math.max(1, Math.ceil(f.entryCount / PAGE_SIZE));
        for (let i = 1; i <= count; i++)
          add({ path: i === 1 ? `/${f.slug}` : `/${f.slug}/${i}`, lastmod: f.updatedAt });
      }
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1]!.slug;
    }
    const [categories, tags] = await Promise.all([catalog.listCategories(), catalog.listTags()]);
    for (const c of categories) add({ path: `/categories/${c.slug}` });
    for (const t of tags) add({ path: `/tags/${t.slug}` });

    const starts = { songs: [], artists: [], works: [] } as Record<Kind, string[]>;
    for (const kind of KINDS) {
      let start = await catalog.slugAfter(kind, null, 0);
      while (start !== undefined) {
        starts[kind].push(start);
        start = await catalog.slugAfter(kind, start, perFile);
      }
    }
    return { pages, starts };
  }

  const planned = (): Promise<Plan> => {
    if (!plan) {
      const made = makePlan();
      plan = made;
      made.catch(() => {
        if (plan === made) plan = null;
      });
    }
    return plan;
  };

  const fileNames = (current: Plan): string[] => [
    ...current.pages.map((_, i) => `pages-${i + 1}`),
    ...KINDS.flatMap((kind) => current.starts[kind].map((_, i) => `${kind}-${i + 1}`)),
  ];

  async function* indexPieces(current: Plan) {
    yield buildSitemapIndex(fileNames(current).map((name) => `${origin}/sitemaps/${name}.xml`));
  }

  async function* pagePieces(pages: SitemapPage[]) {
    yield SITEMAP_HEAD;
    for (let i = 0; i < pages.length; i += BATCH)
      yield sitemapUrls(origin, pages.slice(i, i + BATCH));
    yield SITEMAP_TAIL;
  }

  async function* slugPieces(kind: Kind, start: string) {
    yield SITEMAP_HEAD;
    let from: string | null = start;
    let left = perFile;
    while (from !== null && left > 0) {
      // One more than the slice, to know where the next slice starts.
      const slugs = await catalog.slugsFrom(kind, from, Math.min(BATCH, left) + 1);
      const slice = slugs.slice(0, Math.min(BATCH, left));
      yield sitemapUrls(
        origin,
        slice.map((slug) => ({ path: `/${kind}/${slug}` })),
      );
      left -= slice.length;
      from = slugs.length > slice.length ? slugs[slice.length]! : null;
    }
    yield SITEMAP_TAIL;
  }

  /** The pieces of the file `name` in `current`, or null when it has no such file. */
  function piecesOf(name: string, current: Plan): AsyncIterable<string> | null {
    if (name === 'index') return indexPieces(current);
    const [, kind, n] = SITEMAP_FILE.exec(name) ?? [];
    const i = Number(n) - 1;
    if (kind === 'pages') {
      const pages = current.pages[i];
      return pages ? pagePieces(pages) : null;
    }
    const start = current.starts[kind as Kind]?.[i];
    return start === undefined ? null : slugPieces(kind as Kind, start);
  }

  async function answer(name: string): Promise<SitemapAnswer | null> {
    const found = kept.get(name);
    if (found) return { file: found, hit: true };
    const waiting = underway.get(name);
    if (waiting) return { file: await waiting, hit: true };
    const from = generation;
    const current = await planned();
    const pieces = piecesOf(name, current);
    if (!pieces) return null;
    // Readers asking for a file being written wait for it rather than write it again.
    const again = kept.get(name) ?? (await underway.get(name));
    if (again) return { file: again, hit: true };
    const writing = compressPieces(pieces);
    underway.set(name, writing);
    try {
      const file = await writing;
      written++;
      if (generation === from) kept.set(name, file);
      return { file, hit: false };
    } finally {
      if (underway.get(name) === writing) underway.delete(name);
    }
  }

  const purgeAll = () => {
    generation++;
    plan = null;
    kept.clear();
    underway.clear();
  };

  return {
    /** `/sitemap.xml`: the index of the files. */
    index: () => answer('index') as Promise<SitemapAnswer>,
    /** A file named like `songs-3`, or null when there is none. */
    file: (name: string) => (SITEMAP_FILE.test(name) ? answer(name) : Promise.resolve(null)),
    /**
     * Drops everything when a change touches what the sitemap lists: any song, artist, work,
     * tag or feature (a new one, a renamed one, a feature's pages). Lists by relation
     * (`list:…`, `home`) come with the key of what changed, so they alone change nothing here.
     */
    purge(keys: readonly DependencyKey[]): void {
      if (keys.some((key) => key !== 'home' && !key.startsWith('list:'))) purgeAll();
    },
    purgeAll,
    /** How many files (the index included) were written: for whoever runs the site. */
    stats: () => ({ written, kept: kept.size }),
  };
}

export type Sitemaps = ReturnType<typeof createSitemaps>;
