import { expect, test } from '@playwright/test';
import {
  addUser,
  DESKTOP,
  expectNoHorizontalScroll,
  expectNoSeriousAxeViolations,
  PHONE,
  saveScreenshot,
  signIn,
} from './helpers.ts';

test.describe('a ranking on a phone', () => {
  test.use(PHONE);

  test('shows each song with its rank, movement, plays and trend, and says how it is counted', async ({
    page,
  }) => {
    await page.goto('/en/anime-heartbreak-songs-ranking-2026');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      'Most-Played Anime Heartbreak Songs of 2026 (1–10)',
    );
    const method = page.getByRole('complementary', { name: 'How this ranking is made' });
    await expect(method).toContainText('Arrows compare with 1 January 2025 to 31 December 2025.');
    await expect(method).toContainText('the song played on more days ranks higher');
    const first = page.locator('#entry-1');
    await expect(first.locator('.standing-rank')).toHaveText('Rank 1');
    await expect(first.locator('.movement')).toHaveText(/(Up \d+|Down \d+|New|No change)$/);
    await expect(first.locator('.standing-plays')).toHaveText(/^[\d,]+ plays$/);
    await expect(first.getByRole('img', { name: /Plays a day, month by month/ })).toBeVisible();
    await expect(page.locator('.entry')).toHaveCount(10);
    await expectNoHorizontalScroll(page);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'ranking-phone');

    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL(/\/en\/anime-heartbreak-songs-ranking-2026\/2$/);
    await expect(page.locator('#entry-11 .standing-rank')).toHaveText('Rank 11');

    await page.goto('/ja/trending-songs-last-30-days');
    await expect(page.locator('#entry-1 .standing-rank')).toHaveText('1位');
    await expect(page.getByRole('img', { name: /日ごと/ }).first()).toBeVisible();
    await saveScreenshot(page, 'ranking-ja-phone');
  });
});

test.describe('a ranking in the back office', () => {
  test.use(DESKTOP);

  test('an editor writes a note on a ranked song, and readers see it beside the song', async ({
    page,
  }) => {
    addUser('ranking-editor@example.org', 'editor');
    await signIn(page, 'ranking-editor@example.org');
    await page.goto('/admin/#/features/trending-songs-last-30-days');
    await expect(page.getByLabel('Kind')).toHaveValue('ranking');
    await expect(page.getByLabel('Period')).toHaveValue('last-30-days');
    const firstSong = page.locator('.entries .entry').first();
    const slug = (await firstSong.locator('.muted').first().textContent())?.trim() ?? '';
    await firstSong
      .getByLabel('Commentary (en)', { exact: true })
      .fill('Climbing fast this month: give it one more listen.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('status')).toContainText('Saved revision');
    await saveScreenshot(page, 'admin-ranking');

    await page.goto('/en/trending-songs-last-30-days');
    const entry = page.locator('.entry', { has: page.locator(`a[href="/en/songs/${slug}"]`) });
    await expect(entry.locator('.commentary')).toContainText('Climbing fast this month');
  });
});
