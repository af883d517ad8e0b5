import { expect, test } from '@playwright/test';
import { addUser, expectNoSeriousAxeViolations, saveScreenshot, signIn } from './helpers.ts';

test.describe('the back office catalog', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('an editor finds a song by its kana and corrects it; the public page follows', async ({
    page,
  }) => {
    addUser('catalog-editor@e2e.test', 'editor');
    await signIn(page, 'catalog-editor@e2e.test');
    await page.getByRole('link', { name: 'Catalog' }).click();
    await expect(page.getByRole('heading', { name: 'Catalog' })).toBeVisible();
    // Other suites read the heartbreak feature's songs, so this one corrects another.
    await page.getByLabel('Find songs').fill('春は');
    await page.getByRole('link', { name: 'Spring Goes By' }).click();
    await expect(page.getByLabel('Official English').first()).toHaveValue('Spring Goes By');
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'admin-catalog-song');

    await page.getByLabel('Official English').first().fill('Spring Is Leaving');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved. The public pages show it now.');
    await page.goto('/en/songs/haru-wa-yuku');
    await expect(page.locator('h1')).toContainText('Spring Is Leaving');
  });

  test('an editor adds a duplicate artist, then merges it into the original', async ({ page }) => {
    addUser('catalog-editor@e2e.test', 'editor');
    await signIn(page, 'catalog-editor@e2e.test');
    await page.goto('/admin/#/catalog/artists/new');
    await page.getByLabel('Original (as released)').fill('ハチ');
    await page.getByLabel(/^Romanized \(Hepburn\)/).fill('Hachi Duplicate');
    await expect(page.getByLabel(/^Slug/)).toHaveValue('hachi-duplicate');
    await page.getByRole('button', { name: 'Add artist' }).click();
    await expect(page.getByRole('status')).toHaveText('Added this artist.');

    // A refused save names the field and keeps what was typed.
    await page.goto('/admin/#/catalog/artists/new');
    await page.getByLabel('Original (as released)').fill('ハチ');
    await page.getByLabel(/^Romanized \(Hepburn\)/).fill('Hachi Duplicate');
    await page.getByRole('button', { name: 'Add artist' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'slug: "hachi-duplicate" is already in use',
    );
    await expect(page.getByLabel('Original (as released)')).toHaveValue('ハチ');

    await page.goto('/admin/#/catalog/artists/hachi-duplicate');
    // Kenshi Yonezu's vocaloid name is an alias of the catalog's ハチ.
    await page.getByLabel('The artist that stays').fill('米津');
    await page.locator('.merge .picker-results button:not([disabled])').first().click();
    await expect(page.getByRole('region', { name: 'Merge a duplicate' })).toContainText(
      'Stays: Hachi',
    );
    await saveScreenshot(page, 'admin-catalog-merge');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: /^Merge hachi-duplicate into/ }).click();
    await expect(page.getByRole('status')).toContainText('Merged');
    await expect(page.getByLabel(/Other names/)).toHaveValue(/Hachi Duplicate/);
  });

  test('a writer adds a song the catalog lacks from the feature picker, with a new artist', async ({
    page,
  }) => {
    addUser('catalog-writer@e2e.test', 'writer');
    await signIn(page, 'catalog-writer@e2e.test');
    await page.getByRole('link', { name: 'New feature' }).click();
    await page.getByLabel('Add a song').fill('Kaze no Uta Test');
    await page.getByRole('button', { name: /New song “Kaze no Uta Test”/ }).click();
    const form = page.getByRole('group', { name: 'New song' });
    await form.getByLabel('Title as released').fill('風の歌テスト');
    await expect(form.getByLabel('Romanized title')).toHaveValue('Kaze no Uta Test');
    await form.getByLabel('…or a new artist: name as written').fill('試験 歌手');
    await form.getByLabel('New artist, romanized').fill('Shiken Kashu');
    await saveScreenshot(page, 'admin-new-song');
    await form.getByRole('button', { name: 'Add to catalog and feature' }).click();
    await expect(page.locator('.entries > li')).toHaveCount(1);
    await expect(page.locator('.entry-song').first()).toContainText(
      'Kaze no Uta Test — Shiken Kashu',
    );

    // Writers add; only editors change what exists.
    await page.goto('/admin/#/catalog/songs/kaze-no-uta-test');
    await expect(page.getByText('an editor corrects them once they exist')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  test('an editor previews a saved draft before publishing it', async ({ page, context }) => {
    addUser('catalog-editor@e2e.test', 'editor');
    await signIn(page, 'catalog-editor@e2e.test');
    await page.getByRole('link', { name: 'New feature' }).click();
    await page.getByLabel('Slug').fill('preview-before-publishing');
    await page.getByLabel('Title (en)').fill('Draft only');
    await page.getByLabel('Add a song').fill('SPiCa');
    await page.locator('.picker-results button:not(.new)').first().click();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved revision 1.');
    const [preview] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: 'Preview saved version' }).click(),
    ]);
    await expect(preview.locator('.preview-notice')).toBeVisible();
    await expect(preview.locator('h1')).toHaveText('Draft only');
    await saveScreenshot(preview, 'admin-preview');
    expect((await page.request.get('/en/preview-before-publishing')).status()).toBe(404);
  });

  test('the drafting assistant proposes songs for a theme, with reasons, and adds one', async ({
    page,
  }) => {
    addUser('catalog-writer@e2e.test', 'writer');
    await signIn(page, 'catalog-writer@e2e.test');
    await page.getByRole('link', { name: 'New feature' }).click();
    await page.getByLabel('Theme words, with the tags above').fill('ending themes 2010s');
    await page.getByRole('button', { name: 'Suggest', exact: true }).click();
    const proposals = page.locator('.proposals li');
    await expect(proposals.first()).toContainText('ending theme');
    await expect(proposals.first()).toContainText('released in the 2010s');
    await saveScreenshot(page, 'admin-assistant');
    const count = await proposals.count();
    await proposals.first().getByRole('button', { name: /^Add / }).click();
    await expect(page.locator('.entries > li')).toHaveCount(1);
    await expect(proposals).toHaveCount(count - 1);
  });
});
