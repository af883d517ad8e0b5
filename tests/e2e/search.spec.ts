import { expect, test } from '@playwright/test';
import {
  DESKTOP,
  PHONE,
  expectNoHorizontalScroll,
  expectNoSeriousAxeViolations,
  saveScreenshot,
} from './helpers.ts';

test.describe('search on a phone', () => {
  test.use(PHONE);

  test('the header box suggests as the reader types in kana, and the keyboard opens a song', async ({
    page,
  }) => {
    await page.goto('/en/');
    const box = page.getByRole('combobox', { name: 'Search songs, artists and anime' });
    await box.fill('とどかない');
    const options = page.getByRole('option');
    await expect(options.first()).toContainText('Unrequited Love');
    await saveScreenshot(page, 'search-suggestions-phone');
    await box.press('ArrowDown');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await box.press('Enter');
    await expect(page).toHaveURL(/\/en\/songs\/todokanai-koi$/);
  });

  test('the search page groups results and narrows songs by a facet', async ({ page }) => {
    await page.goto('/en/search?q=sakura');
    await expect(page.locator('.result-group h2').first()).toHaveText('Songs');
    await expectNoHorizontalScroll(page);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'search-page-phone');
    const facet = page.locator('.facets .facet-list a').first();
    await facet.click();
    await expect(page.locator('.facets a[aria-current="true"]')).toHaveCount(1);
    await expect(page.locator('.result-group')).toHaveCount(1);
  });
});

test.describe('search on a desktop', () => {
  test.use(DESKTOP);

  test('a typo and a romaji spelling find the song, with facets beside the results', async ({
    page,
  }) => {
    await page.goto(`/ja/search?q=${encodeURIComponent('shunkashuutou')}`);
    await expect(page.locator('.song-title').first()).toHaveText('春夏秋冬');
    await page.goto('/en/search?q=kokoronasi');
    await expect(page.locator('.song-title').first()).toHaveText('Just My Imagination');
    await page.goto('/en/search?q=koi');
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'search-page-desktop');
  });
});
