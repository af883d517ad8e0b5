import type { Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import type { BangumiData, BangumiItem } from './bangumi-data.ts';
import { matchWorks, type MatchResult } from './match-works.ts';

const SOURCE = 'bangumi-data';
/** Catalog ids worth keeping from bangumi-data's info sites. */
const EXTERNAL_IDS: Record<string, string> = {
  bangumi: 'bangumi',
  mal: 'mal',
  aniList: 'anilist',
  anidb: 'anidb',
};

export interface BangumiImportReport {
  works: number;
  matched: { slug: string; title: string; links: number }[];
  unmatched: { slug: string; reason: string }[];
}

function jstDate(iso: string): string | null {
  if (!iso) return null;
  const date = new Date(new Date(iso).getTime() + 9 * 3_600_000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/** Services available everywhere first, then Japan's, then the rest; each once. */
function watchLinks(item: BangumiItem, data: BangumiData) {
  const links = item.sites.flatMap((s) => {
    const meta = data.siteMeta[s.site];
    if (!meta || meta.type !== 'onair') return [];
    const url = s.url ?? (s.id ? meta.urlTemplate.replace('{{id}}', s.id) : null);
    if (!url || !/^https:\/\//.test(url)) return [];
    return [{ site: s.site, label: meta.title, url, regions: meta.regions ?? null }];
  });
  const rank = (regions: string[] | null) =>
    regions === null ? 0 : regions.includes('JP') ? 1 : 2;
  return links.sort((a, b) => rank(a.regions) - rank(b.regions));
}

/**
 * Matches the catalog's works to bangumi-data and brings in what it knows: translated titles
 * where the catalog has none, air dates, the official site, catalog ids and where to watch.
 * Editors' own values are never overwritten; links from earlier imports are replaced.
 */
export async function importBangumi(
  db: Kysely<Database>,
  data: BangumiData,
): Promise<BangumiImportReport> {
  const [works, aliases] = await Promise.all([
    db.selectFrom('works').selectAll().where('kind', 'in', ['tv', 'movie', 'ova', 'web']).execute(),
    db.selectFrom('work_aliases').selectAll().execute(),
  ]);
  const results: MatchResult[] = matchWorks(
    works.map((w) => ({
      id: w.id,
      slug: w.slug,
      year: w.year,
      titles: [
        w.title_original,
        w.title_romanized,
        w.title_en,
        ...aliases.filter((a) => a.work_id === w.id).map((a) => a.alias),
      ].filter((t): t is string => Boolean(t)),
    })),
    data.items,
  );

  const report: BangumiImportReport = { works: works.length, matched: [], unmatched: [] };
  await db.transaction().execute(async (trx) => {
    for (const result of results) {
      if (!result.item) {
        report.unmatched.push({ slug: result.work.slug, reason: result.reason });
        continue;
      }
      const { work, item } = result;
      const row = works.find((w) => w.id === work.id);
      if (!row) continue;
      await trx
        .updateTable('works')
        .set({
          title_en: row.title_en ?? item.titleTranslate.en?.[0] ?? null,
          title_zh_hant: row.title_zh_hant ?? item.titleTranslate['zh-Hant']?.[0] ?? null,
          first_aired: row.first_aired ?? jstDate(item.begin),
          last_aired: row.last_aired ?? (item.type === 'movie' ? null : jstDate(item.end)),
          official_site:
            row.official_site ??
            (/^https?:\/\//.test(item.officialSite) ? item.officialSite : null),
        })
        .where('id', '=', work.id)
        .execute();

      const ids = item.sites.flatMap((s) =>
        EXTERNAL_IDS[s.site] && s.id ? [{ source: EXTERNAL_IDS[s.site] as string, id: s.id }] : [],
      );
      await trx
        .deleteFrom('work_external_ids')
        .where('work_id', '=', work.id)
        .where('source', 'in', Object.values(EXTERNAL_IDS))
        .execute();
      if (ids.length > 0) {
        await trx
          .insertInto('work_external_ids')
          .values(ids.map((x) => ({ work_id: work.id, source: x.source, external_id: x.id })))
          .execute();
      }

      await trx
        .deleteFrom('work_links')
        .where('work_id', '=', work.id)
        .where('source', '=', SOURCE)
        .execute();
      const { max } = await trx
        .selectFrom('work_links')
        .select((eb) => eb.fn.max('position').as('max'))
        .where('work_id', '=', work.id)
        .executeTakeFirstOrThrow();
      const links = watchLinks(item, data);
      if (links.length > 0) {
        const start = (max ?? -1) + 1;
        await trx
          .insertInto('work_links')
          .values(
            links.map((l, i) => ({
              work_id: work.id,
              position: start + i,
              kind: 'streaming',
              site: l.site,
              label: l.label,
              url: l.url,
              regions: l.regions?.join(',') ?? null,
              source: SOURCE,
            })),
          )
          .execute();
      }
      report.matched.push({ slug: work.slug, title: item.title, links: links.length });
    }
  });
  return report;
}
