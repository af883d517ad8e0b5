import { SEARCH_KINDS, type SearchKind } from '#src/search/index.ts';

/**
 * The query parameters that change what a page shows, read once from its address and in
 * their one written form. The page is rendered from these and kept under them, so that
 * what is stored under an address is what that address shows: `?all=1&all=1`, `?all=2` or
 * `?utm_source=x` are read here, not again by the page, and share the entry of the address
 * they amount to. Anything else in the query changes nothing and is left out.
 */
export type PageQuery = Readonly<Record<string, string>>;

/** Reads a page's parameters from the whole query: each page knows its own. */
export type QueryReader = (params: URLSearchParams) => PageQuery;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PAGE_NUMBER = /^[1-9]\d{0,5}$/;
const DECADE = /^\d{3}0s$/;
/** Longer searches are cut: nobody types more, and each word costs a lookup. */
export const MAX_SEARCH = 200;

/** The query string of `query` (`?all=1&view=playlist`), in the order its reader gave, or ''. */
export function searchOf(query: PageQuery): string {
  const text = new URLSearchParams(query).toString();
  return text ? `?${text}` : '';
}

/** Pages whose content no parameter changes. */
export const noQuery: QueryReader = () => ({});

/** A numbered feature page: the article or the playlist view of its ten entries. */
export const featurePageQuery: QueryReader = (params): PageQuery =>
  params.get('view') === 'playlist' ? { view: 'playlist' } : {};

/** A feature's first address: page one, or every entry with `all=1`; either view. */
export const featureQuery: QueryReader = (params) => ({
  ...(params.get('all') === '1' ? { all: '1' } : {}),
  ...featurePageQuery(params),
});

export interface SearchQuery {
  q: string;
  type?: SearchKind;
  tag?: string;
  role?: string;
  decade?: string;
  category?: string;
  page: number;
}

/**
 * The search page's words, filters and page. Unknown values narrow nothing rather than
 * fail: these addresses are typed and shared.
 */
export const searchQuery: QueryReader = (params) => {
  const one = (key: string) => params.get(key)?.trim().slice(0, MAX_SEARCH) || undefined;
  const q = one('q');
  if (!q) return {};
  const type = one('type');
  const slug = (key: string) => {
    const value = one(key);
    return value && SLUG.test(value) ? { [key]: value } : {};
  };
  const decade = one('decade');
  const page = one('page');
  return {
    q,
    ...(SEARCH_KINDS.find((k) => k === type) ? { type: type as string } : {}),
    ...slug('tag'),
    ...slug('role'),
    ...(decade && DECADE.test(decade) ? { decade } : {}),
    ...slug('category'),
    ...(page && PAGE_NUMBER.test(page) && page !== '1' ? { page } : {}),
  };
};

/** The search a search page's query asks for, or null for the empty search page. */
export function searchOfQuery(query: PageQuery): SearchQuery | null {
  if (!query.q) return null;
  return {
    q: query.q,
    type: query.type as SearchKind | undefined,
    tag: query.tag,
    role: query.role,
    decade: query.decade,
    category: query.category,
    page: Number(query.page ?? 1),
  };
}
