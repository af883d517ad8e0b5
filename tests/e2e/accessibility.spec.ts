// Every public page type, checked with axe-core (WCAG 2 A and AA) in English and Japanese, and
// one in Traditional Chinese. A serious or critical violation fails the test. The English phone
// run also saves a full-page screenshot of each page type, and the desktop run of the feature,
// song and work pages, under test-results/screenshots/ (kept as CI artifacts).
import { expect, test, type Page } from '@playwright/test';
import {
  DESKTOP,
  PHONE,
  expectNoSeriousAxeViolations,
  saveScreenshot,
  type Width,
} from './helpers.ts';

type Locale = 'en' | 'ja' | 'zh-hant';

interface PageType {
  /** Also the screenshot's name: <type>-<width>.png. */
  type: string;
  path: (locale: Locale) => string;
  status?: number;
  /** Something the page must show before it is checked, beyond its heading. */
  shows?: (page: Page) => Promise<void>;
}

const FEATURE = 'anime-heartbreak-songs';

const PAGE_TYPES: PageType[] = [
  {
    type: 'home',
    path: (l) => `/${l}/`,
    shows: async (page) => {
      await expect(page.locator('.feature-card a.feature-card-title').first()).toBeVisible();
      await expect(page.locator('a.chip[href$="/categories/anime-songs"]')).toBeVisible();
    },
  },
  {
    type: 'category',
    path: (l) => `/${l}/categories/anime-songs`,
    shows: async (page) => {
      await expect(page.locator(`a.feature-card-title[href$="/${FEATURE}"]`)).toBeVisible();
    },
  },
  {
    type: 'tag',
    path: (l) => `/${l}/tags/heartbreak`,
    shows: async (page) => {
      await expect(page.locator('.song-list a.song-title').first()).toBeVisible();
    },
  },
  {
    type: 'feature-page-1',
    path: (l) => `/${l}/${FEATURE}`,
    shows: async (page) => {
      await expect(page.locator('.entry')).toHaveCount(10);
      await expect(page.locator('nav.pagination a[rel="next"]')).toBeVisible();
    },
  },
  {
    type: 'feature-page-3',
    path: (l) => `/${l}/${FEATURE}/3`,
    shows: async (page) => {
      await expect(page.locator('.entry')).toHaveCount(7);
      await expect(page.locator('.entry-rank').last()).toHaveText('27');
    },
  },
  {
    type: 'feature-playlist',
    path: (l) => `/${l}/${FEATURE}?view=playlist`,
    shows: async (page) => {
      await expect(page.locator('ol.playlist > li.playlist-row')).toHaveCount(10);
    },
  },
  {
    type: 'song',
    path: (l) => `/${l}/songs/shinai`,
    shows: async (page) => {
      await expect(page.locator('#credits-heading')).toBeVisible();
      await expect(page.locator(`a.feature-card-title[href$="/${FEATURE}"]`)).toBeVisible();
    },
  },
  {
    type: 'artist',
    path: (l) => `/${l}/artists/nana-mizuki`,
    shows: async (page) => {
      await expect(page.locator('a.song-title[href$="/songs/shinai"]')).toBeVisible();
    },
  },
  {
    type: 'work',
    path: (l) => `/${l}/works/white-album`,
    shows: async (page) => {
      await expect(page.locator('#where-to-watch a.watch-link').first()).toBeVisible();
    },
  },
  {
    type: 'search',
    path: (l) => `/${l}/search?q=secret`,
    shows: async (page) => {
      await expect(page.locator('h1')).toContainText('secret');
      await expect(page.locator('.song-list a.song-title').first()).toBeVisible();
    },
  },
  { type: 'about', path: (l) => `/${l}/about` },
  {
    type: 'not-found',
    path: (l) => `/${l}/no-such-page-here`,
    status: 404,
    shows: async (page) => {
      await expect(page.locator('.error-code')).toHaveText('404');
      await expect(page.locator('a.button')).toBeVisible();
    },
  },
];

/** The feature page 3 screenshots are saved by feature-page.spec.ts. */
const PHONE_SCREENSHOTS = new Set(
  PAGE_TYPES.map((p) => p.type).filter((t) => t !== 'feature-page-3'),
);
const DESKTOP_TYPES = new Set(['feature-page-1', 'song', 'work']);

const HTML_LANG: Record<Locale, string> = { en: 'en', ja: 'ja', 'zh-hant': 'zh-Hant' };

async function checkPage(
  page: Page,
  pageType: PageType,
  locale: Locale,
  screenshot: Width | null,
): Promise<void> {
  const path = pageType.path(locale);
  const response = await page.goto(path);
  expect(response?.status(), `status of ${path}`).toBe(pageType.status ?? 200);
  await expect(page.locator('html')).toHaveAttribute('lang', HTML_LANG[locale]);
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('h1')).not.toBeEmpty();
  await expect(page.locator('main#main')).toBeVisible();
  await pageType.shows?.(page);
  // Saved before the check, so a failing page still leaves its picture behind.
  if (screenshot) await saveScreenshot(page, `${pageType.type}-${screenshot}`);
  await expectNoSeriousAxeViolations(page);
}

for (const locale of ['en', 'ja'] as const) {
  test.describe(`accessibility in ${locale} on a phone`, () => {
    test.use(PHONE);

    for (const pageType of PAGE_TYPES) {
      test(`${pageType.type} page (${locale})`, async ({ page }) => {
        const screenshot = locale === 'en' && PHONE_SCREENSHOTS.has(pageType.type);
        await checkPage(page, pageType, locale, screenshot ? 'phone' : null);
      });
    }
  });
}

test.describe('accessibility in en on a desktop', () => {
  test.use(DESKTOP);

  for (const pageType of PAGE_TYPES.filter((p) => DESKTOP_TYPES.has(p.type))) {
    test(`${pageType.type} page (en)`, async ({ page }) => {
      await checkPage(page, pageType, 'en', 'desktop');
    });
  }
});

test.describe('accessibility in zh-hant on a phone', () => {
  test.use(PHONE);

  test('feature-page-1 page (zh-hant)', async ({ page }) => {
    const feature = PAGE_TYPES.find((p) => p.type === 'feature-page-1');
    if (!feature) throw new Error('no feature-page-1 page type');
    await checkPage(page, feature, 'zh-hant', null);
  });
});
