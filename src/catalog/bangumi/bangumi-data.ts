import { createRequire } from 'node:module';

/** The parts of the bangumi-data package (CC BY 4.0) that Tokushu reads. */
export interface BangumiItem {
  title: string;
  titleTranslate: Partial<Record<'en' | 'zh-Hans' | 'zh-Hant', string[]>>;
  type: 'tv' | 'web' | 'movie' | 'ova';
  lang: string;
  officialSite: string;
  begin: string;
  end: string;
  sites: { site: string; id?: string; url?: string }[];
}

export interface BangumiSiteMeta {
  title: string;
  urlTemplate: string;
  regions?: string[];
  type: 'info' | 'onair' | 'resource';
}

export interface BangumiData {
  items: BangumiItem[];
  siteMeta: Record<string, BangumiSiteMeta>;
}

/** Loads the data set shipped in the package (about 8,500 anime, 7 MB). */
export function loadBangumiData(): BangumiData {
  const require = createRequire(import.meta.url);
  return require('bangumi-data/dist/data.json') as BangumiData;
}
