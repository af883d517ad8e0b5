// A reader's way through the site, by links only: from the home page to a feature, into a
// song, on to the work it was used in and where to watch it, then into Japanese.
import { expect, test, type Page } from '@playwright/test';
import { DESKTOP, PHONE, expectNoHorizontalScroll, type Width } from './helpers.ts';

const FEATURE_TITLE = 'Anime Songs for a Broken Heart';

async function readerPath(page: Page, width: Width): Promise<void> {
  /** What every page on the path must satisfy, besides its own checks. */
  const pageIsSound = async () => {
    await expect(page.locator('html')).toHaveAttribute('lang', /^(en|ja)$/);
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.locator('h1')).toBeVisible();
    if (width === 'phone') await expectNoHorizontalScroll(page);
  };

  await test.step('home page', async () => {
    await page.goto('/en/');
    await expect(page).toHaveTitle(/Tokushu/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('h1')).toHaveText('Song features for every feeling');
    await expect(page.locator('a.brand')).toBeVisible();
    await expect(page.locator('.feature-card a.feature-card-title').first()).toBeVisible();
    await pageIsSound();
  });

  await test.step('a category chip', async () => {
    const categories = page.locator('section', { has: page.locator('#categories-heading') });
    await expect(categories.getByRole('heading', { level: 2 })).toHaveText('Categories');
    await categories.locator('a.chip', { hasText: 'Anime songs' }).click();
    await expect(page).toHaveURL(/\/en\/categories\/anime-songs$/);
    await expect(page.locator('h1')).toHaveText('Anime songs');
    await pageIsSound();
  });

  await test.step('the heartbreak feature', async () => {
    await page.locator('a.feature-card-title', { hasText: FEATURE_TITLE }).click();
    await expect(page).toHaveURL(/\/en\/anime-heartbreak-songs$/);
    await expect(page.locator('h1')).toContainText(FEATURE_TITLE);
    await expect(page.locator('h1')).toContainText('(1–10)');
    await expect(page.locator('.entry')).toHaveCount(10);
    await expect(page.locator('.entry-rank').first()).toHaveText('1');
    await pageIsSound();
  });

  await test.step('page 2 via the next link', async () => {
    const next = page.locator('nav.pagination a[rel="next"]');
    await expect(next).toBeVisible();
    await next.click();
    await expect(page).toHaveURL(/\/en\/anime-heartbreak-songs\/2$/);
    await expect(page.locator('h1')).toContainText(FEATURE_TITLE);
    await expect(page.locator('h1')).toContainText('(11–20)');
    await expect(page.locator('.entry')).toHaveCount(10);
    await expect(page.locator('.entry-rank').first()).toHaveText('11');
    await expect(page.locator('nav.pagination [aria-current="page"]')).toHaveText('(11–20)');
    await expect(page.locator('nav.pagination a[rel="prev"]')).toBeVisible();
    await pageIsSound();
  });

  // The first entry of page 2 whose song was used in a work; its names are read from the page
  // and must be the ones the next pages show.
  const entry = page.locator('.entry', { has: page.locator('.entry-tie-in a') }).first();
  const songLink = entry.locator('a.song-title');
  const songTitle = (await songLink.innerText()).trim();
  const songHref = await songLink.getAttribute('href');
  const workLinkText = (await entry.locator('.entry-tie-in a').first().innerText()).trim();
  expect(songTitle).not.toBe('');
  expect(songHref).toMatch(/^\/en\/songs\/[a-z0-9-]+$/);

  await test.step(`the song "${songTitle}"`, async () => {
    await songLink.click();
    await expect(page).toHaveURL(new RegExp(`${songHref}$`));
    await expect(page.locator('.page-kind')).toHaveText('Songs');
    await expect(page.locator('h1')).toHaveText(songTitle);
    await expect(page.locator('#credits-heading')).toHaveText('Credits');
    await expect(page.locator('.detail-artist a').first()).toBeVisible();
    // The song page lists the feature the reader came from.
    await expect(
      page.locator('.feature-card a.feature-card-title', { hasText: FEATURE_TITLE }),
    ).toBeVisible();
    await pageIsSound();
  });

  await test.step('the work in its tie-ins', async () => {
    const tieIns = page.locator('section[aria-labelledby="tie-ins-heading"]');
    await expect(tieIns.getByRole('heading', { level: 2 })).toHaveText('Used in');
    const workLink = tieIns.locator('a[href*="/works/"]').first();
    await expect(workLink).toHaveText(workLinkText);
    const workHref = await workLink.getAttribute('href');
    expect(workHref).toMatch(/^\/en\/works\/[a-z0-9-]+$/);
    await workLink.click();
    await expect(page).toHaveURL(new RegExp(`${workHref}$`));
    // "The Garden of Words (film, 2013)" links to the work titled "The Garden of Words".
    const workTitle = (await page.locator('h1').innerText()).trim();
    expect(workTitle).not.toBe('');
    expect(workLinkText.startsWith(workTitle)).toBe(true);
    await expect(page.locator('#songs-heading')).toHaveText('Songs');
    await expect(page.locator('a.song-title', { hasText: songTitle }).first()).toBeVisible();
    await pageIsSound();
  });

  await test.step('where to watch', async () => {
    const watch = page.locator('#where-to-watch');
    await expect(watch.getByRole('heading', { level: 2 })).toHaveText('Where to watch');
    const links = watch.locator('a.watch-link');
    await expect(links.first()).toBeVisible();
    await expect(links.first()).not.toBeEmpty();
    for (const link of await links.all()) {
      await expect(link).toHaveAttribute('href', /^https:\/\/[^/\s]+\.[a-z]+\//);
    }
  });

  await test.step('the work in Japanese', async () => {
    const enPath = new URL(page.url()).pathname;
    const switcher = page.locator('nav.locale-switcher');
    await expect(switcher.locator('a[lang="en"]')).toHaveAttribute('aria-current', 'true');
    const ja = switcher.locator('a[lang="ja"]');
    await expect(ja).toHaveText('日本語');
    await expect(ja).not.toHaveAttribute('aria-current');
    await ja.click();
    const jaPath = enPath.replace(/^\/en\//, '/ja/');
    await expect(page).toHaveURL(new RegExp(`${jaPath}$`));
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(switcher.locator('a[lang="ja"]')).toHaveAttribute('aria-current', 'true');
    await expect(switcher.locator('a[lang="en"]')).not.toHaveAttribute('aria-current');
    await expect(page.locator('#watch-heading')).toHaveText('配信・視聴');
    await expect(page.locator('#where-to-watch a.watch-link').first()).toHaveAttribute(
      'href',
      /^https:\/\//,
    );
    await expect(page.locator('form.site-search')).toHaveAttribute('action', '/ja/search');
    await pageIsSound();
  });
}

test.describe('reader path on a phone', () => {
  test.use(PHONE);

  test('home → category → feature → page 2 → song → work → where to watch → 日本語', async ({
    page,
  }) => {
    await readerPath(page, 'phone');
  });
});

test.describe('reader path on a desktop', () => {
  test.use(DESKTOP);

  test('home → category → feature → page 2 → song → work → where to watch → 日本語', async ({
    page,
  }) => {
    await readerPath(page, 'desktop');
  });
});

test.describe('without JavaScript', () => {
  test.use({ ...DESKTOP, javaScriptEnabled: false });

  test('a feature page reads and the header search finds songs', async ({ page }) => {
    await page.goto('/en/anime-heartbreak-songs');
    await expect(page.locator('h1')).toContainText(FEATURE_TITLE);
    await expect(page.locator('.entry')).toHaveCount(10);
    await expect(page.locator('.entry-rank').first()).toHaveText('1');
    await expect(page.locator('.entry a.song-title').first()).toHaveText('Until the World Ends…');
    await expect(page.locator('.entry .entry-artist a').first()).toHaveText('WANDS');
    await expect(page.locator('nav.pagination a[rel="next"]')).toHaveAttribute(
      'href',
      '/en/anime-heartbreak-songs/2',
    );

    const search = page.locator('header form.site-search');
    await search.locator('input[name="q"]').fill('secret');
    await search.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(/\/en\/search\?q=secret$/);
    await expect(page.locator('h1')).toHaveText('Results for “secret”');
    await expect(page.locator('#search-q')).toHaveValue('secret');
    const songs = page.locator('section[aria-labelledby="r-songs"] a.song-title');
    await expect(songs.first()).toBeVisible();
    await expect(songs.filter({ hasText: 'secret base' }).first()).toBeVisible();
  });
});
