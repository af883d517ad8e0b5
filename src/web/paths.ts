/** Every public address is built here, so pages, sitemap and feeds agree. */
export const paths = {
  home: (locale: string) => `/${locale}/`,
  feature: (locale: string, slug: string, page = 1) =>
    page === 1 ? `/${locale}/${slug}` : `/${locale}/${slug}/${page}`,
  song: (locale: string, slug: string) => `/${locale}/songs/${slug}`,
  artist: (locale: string, slug: string) => `/${locale}/artists/${slug}`,
  work: (locale: string, slug: string) => `/${locale}/works/${slug}`,
  tag: (locale: string, slug: string) => `/${locale}/tags/${slug}`,
  category: (locale: string, slug: string) => `/${locale}/categories/${slug}`,
  search: (locale: string, query?: string) =>
    `/${locale}/search${query ? `?q=${encodeURIComponent(query)}` : ''}`,
  about: (locale: string) => `/${locale}/about`,
  feed: (locale: string) => `/${locale}/feed.xml`,
};
