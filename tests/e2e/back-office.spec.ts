import { expect, test, type Page } from '@playwright/test';
import { addUser, expectNoSeriousAxeViolations, signIn } from './helpers.ts';

const SONGS = [
  '深愛',
  '無色',
  '届かない恋',
  '嘘月',
  'Lilium',
  'ガーネット',
  'Brave Song',
  'みちしるべ',
  'One Last Kiss',
  'SPiCa',
  'Just Be Friends',
  '天ノ弱',
];

async function newFeature(page: Page, slug: string, songs: string[]) {
  await page.getByRole('link', { name: 'New feature' }).click();
  await page.getByLabel('Slug').fill(slug);
  await page.getByLabel('Category').selectOption('anime-songs');
  await page.getByRole('checkbox', { name: /^Sad/ }).check();
  await page.getByRole('checkbox', { name: /^Rain/ }).check();
  await page.getByLabel('Title (en)').fill('Songs for a Rainy Farewell');
  await page.getByLabel('Status of this language').selectOption('reviewed');
  for (const query of songs) {
    await page.getByLabel('Add a song').fill(query);
    await page.locator('.picker-results button:not(.new)').first().click();
  }
  await expect(page.locator('.entries > li')).toHaveCount(songs.length);
}

test.describe('the back office', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('an editor builds a feature of 12 songs, reorders two, writes in two languages and publishes it', async ({
    page,
  }) => {
    addUser('editor@e2e.test', 'editor');
    await signIn(page, 'editor@e2e.test');
    await newFeature(page, 'rainy-farewell', SONGS);

    // Commentary in English with a live preview, then Japanese.
    const first = page.locator('.entries > li').first();
    await first
      .getByLabel('Commentary (en)', { exact: true })
      .fill('A *quiet* opener with a ||twist||.');
    await expect(first.locator('.preview em')).toHaveText('quiet');
    await expect(first.locator('.preview .spoiler')).toHaveText('twist');
    await page.getByRole('tab', { name: /^ja/ }).click();
    await page.getByLabel('Title (ja)').fill('雨の日の別れに聴く歌');
    await page.getByLabel('Status of this language').selectOption('reviewed');
    await first.getByLabel('Commentary (ja)', { exact: true }).fill('静かな幕開けの一曲。');
    await page.getByRole('tab', { name: /^en/ }).click();

    // Reorder: move the last song up one place with the keyboard, and the first down by a button.
    const handles = page.locator('.entries .handle');
    await handles.nth(11).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect(page.locator('.entries .muted').nth(10)).toHaveText('amanojaku');
    await page.getByRole('button', { name: 'Move shinai down' }).click();
    await expect(page.locator('.entries .muted').nth(0)).toHaveText('mushoku');
    await page.screenshot({ path: 'test-results/screenshots/admin-editor.png', fullPage: true });
    await expectNoSeriousAxeViolations(page);

    await page.getByRole('button', { name: 'Check names' }).click();
    await expect(page.getByRole('region', { name: 'Name check' })).toContainText(
      'Every name is spelled',
    );
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved revision 1.');
    await page.getByRole('button', { name: 'Publish now' }).click();
    await expect(page.getByRole('status')).toHaveText('Published.');

    await page.goto('/en/rainy-farewell/2');
    await expect(page.locator('h1')).toContainText('(11–12)');
    await expect(page.locator('.entry-rank')).toHaveText(['11', '12']);
    await page.goto('/ja/rainy-farewell');
    await expect(page.locator('h1')).toContainText('雨の日の別れに聴く歌');
    await expect(page.locator('#entry-2 .commentary')).toContainText('静かな幕開けの一曲。');

    await page.goto('/admin/');
    await page.screenshot({ path: 'test-results/screenshots/admin-list.png' });
  });

  test('the sign-in page and the feature list pass axe', async ({ page }) => {
    addUser('editor@e2e.test', 'editor');
    await page.goto('/admin/');
    await expect(page.getByLabel('Email')).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await signIn(page, 'editor@e2e.test');
    await expectNoSeriousAxeViolations(page);
  });

  test('a writer saves a draft but is not offered publishing, and the API refuses it', async ({
    page,
  }) => {
    addUser('writer@e2e.test', 'writer');
    await signIn(page, 'writer@e2e.test');
    await newFeature(page, 'writers-draft', SONGS.slice(0, 2));
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved revision 1.');
    await expect(page.getByRole('button', { name: 'Publish now' })).toHaveCount(0);
    const status = await page.evaluate(async () => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const res = await fetch('/api/v1/editor/features/writers-draft/publish', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: '{}',
      });
      return res.status;
    });
    expect(status).toBe(403);
  });

  test('two editors save the same feature: the second sees both versions and reconciles', async ({
    browser,
  }) => {
    addUser('editor@e2e.test', 'editor');
    addUser('editor2@e2e.test', 'editor');
    const one = await (await browser.newContext()).newPage();
    const two = await (await browser.newContext()).newPage();
    await signIn(one, 'editor@e2e.test');
    await newFeature(one, 'shared-feature', SONGS.slice(0, 3));
    await one.getByRole('button', { name: 'Save draft' }).click();
    await expect(one.getByRole('status')).toHaveText('Saved revision 1.');

    await signIn(two, 'editor2@e2e.test');
    await two.goto('/admin/#/features/shared-feature');
    await expect(two.getByLabel('Title (en)')).toHaveValue('Songs for a Rainy Farewell');

    await one.getByLabel('Title (en)').fill('Edited by the first editor');
    await one.getByRole('button', { name: 'Save draft' }).click();
    await expect(one.getByRole('status')).toHaveText('Saved revision 2.');

    await two.getByLabel('Title (en)').fill('Edited by the second editor');
    await two.getByRole('button', { name: 'Save draft' }).click();
    const conflict = two.getByRole('region', { name: /Someone else saved revision 2/ });
    await expect(conflict).toBeVisible();
    await expect(conflict).toContainText('Edited by the first editor');
    await expect(conflict).toContainText('Edited by the second editor');
    await two.screenshot({ path: 'test-results/screenshots/admin-conflict.png', fullPage: true });
    await two.getByRole('button', { name: 'Keep mine (save over theirs)' }).click();
    await expect(two.getByRole('status')).toHaveText('Saved revision 3.');
  });

  test('an unsaved draft survives a page reload', async ({ page }) => {
    addUser('editor@e2e.test', 'editor');
    await signIn(page, 'editor@e2e.test');
    await page.goto('/admin/#/features/anime-heartbreak-songs');
    await expect(page.getByLabel('Title (en)')).not.toHaveValue('');
    await expect(page.locator('.entry-song').first()).toHaveText(/ — /);
    await page.getByLabel('Title (en)').fill('Not saved yet');
    await page.reload();
    await expect(page.getByLabel('Title (en)')).toHaveValue('Not saved yet');
    await expect(page.getByRole('status')).toContainText('Restored your unsaved changes');
  });

  test('the history shows who changed what and restores an old revision', async ({ page }) => {
    addUser('editor@e2e.test', 'editor');
    await signIn(page, 'editor@e2e.test');
    await newFeature(page, 'with-history', SONGS.slice(0, 2));
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved revision 1.');
    await page.getByLabel('Title (en)').fill('A better title');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved revision 2.');

    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('button', { name: 'Revision 2' }).click();
    await expect(page.locator('.diff .added').filter({ hasText: 'A better title' })).toHaveCount(1);
    await expect(
      page.locator('.diff .removed').filter({ hasText: 'title: Songs for a Rainy Farewell' }),
    ).toHaveCount(1);
    await page.screenshot({ path: 'test-results/screenshots/admin-history.png', fullPage: true });
    await page.getByRole('button', { name: 'Revision 1' }).click();
    await page.getByRole('button', { name: 'Restore revision 1' }).click();
    await expect(page.getByRole('status')).toHaveText('Restored revision 1 as revision 3.');
  });
});
