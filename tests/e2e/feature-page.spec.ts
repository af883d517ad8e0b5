import { SEED_TITLES } from '../factories/seed.ts';
import { expect, test } from '@playwright/test';
import { expectNoHorizontalScroll } from './helpers.ts';

test.describe('feature page on a phone', () => {
  test.use({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });

  test('shows the seed page, entries 21–27, readable at 390 px', async ({ page }) => {
    await page.goto('/en/anime-heartbreak-songs/3');
    await expect(page.locator('h1')).toContainText('(21–27)');
    await expect(page.locator('.song-title')).toHaveText(SEED_TITLES);
    await expect(page.locator('.entry-artist').first()).toHaveText('Nana Mizuki');
    await expect(page.locator('.song-original').first()).toHaveText('深愛');
    await expectNoHorizontalScroll(page);
    const search = page.locator('.entry').first().locator('a.play-search');
    await expect(search).toHaveAttribute('href', /youtube\.com\/results\?search_query=/);
    const box = await search.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({
      path: 'test-results/screenshots/feature-page-3-phone.png',
      fullPage: true,
    });
  });

  test('reads in Japanese under /ja/', async ({ page }) => {
    await page.goto('/ja/anime-heartbreak-songs/3');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.locator('.song-title').first()).toHaveText('深愛');
    await expect(page.locator('.entry-artist').first()).toHaveText('水樹奈々');
    await expectNoHorizontalScroll(page);
    await page.screenshot({
      path: 'test-results/screenshots/feature-page-3-phone-ja.png',
      fullPage: true,
    });
  });

  test('the language switcher keeps the page', async ({ page }) => {
    await page.goto('/en/anime-heartbreak-songs/3');
    await page.locator('.locale-switcher a[lang="ja"]').click();
    await expect(page).toHaveURL(/\/ja\/anime-heartbreak-songs\/3$/);
  });
});

test.describe('feature page on a desktop', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('pages through the feature', async ({ page }) => {
    await page.goto('/en/anime-heartbreak-songs');
    await expect(page.locator('.entry')).toHaveCount(10);
    await page.locator('a[rel="next"]').click();
    await expect(page).toHaveURL(/\/en\/anime-heartbreak-songs\/2$/);
    await expect(page.locator('.entry-rank').first()).toHaveText('11');
    await page.goto('/en/anime-heartbreak-songs/3');
    await page.screenshot({
      path: 'test-results/screenshots/feature-page-3-desktop.png',
      fullPage: true,
    });
  });

  test('a YouTube facade becomes the player only when pressed', async ({ page }) => {
    await page.goto('/en/anime-heartbreak-songs/3');
    // No content song has a known video id, so place a facade the way the page renders one.
    await page.evaluate(() => {
      const holder = document.createElement('div');
      holder.className = 'play play-video';
      holder.dataset.youtube = 'AAAAAAAAAAA';
      holder.innerHTML =
        '<a class="play-facade" href="#" aria-label="Play"><span class="play-button">▶</span></a>';
      document.querySelector('.entry')?.append(holder);
    });
    await expect(page.locator('iframe')).toHaveCount(0);
    await page.locator('.play-facade').click();
    await expect(page.locator('[data-youtube] iframe')).toHaveAttribute(
      'src',
      'https://www.youtube-nocookie.com/embed/AAAAAAAAAAA?autoplay=1',
    );
  });

  test('spoilers stay hidden until the reader reveals them', async ({ page }) => {
    await page.goto('/en/anime-heartbreak-songs?all=1');
    const spoiler = page.locator('.spoiler').first();
    if ((await spoiler.count()) === 0) test.skip(true, 'no spoiler in the demo feature');
    await expect(spoiler).not.toHaveClass(/revealed/);
    await spoiler.click();
    await expect(spoiler).toHaveClass(/revealed/);
  });

  test('an unknown address is a 404 page with a way back', async ({ page }) => {
    const response = await page.goto('/en/anime-heartbreak-songs/9');
    expect(response?.status()).toBe(404);
    await expect(page.locator('a.button')).toHaveAttribute('href', '/en/');
  });
});
