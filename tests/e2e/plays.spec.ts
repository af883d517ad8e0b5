import { expect, test } from '@playwright/test';
import { PHONE } from './helpers.ts';

test.describe('plays', () => {
  // Headless Chromium says so in its user agent, and headless browsers are not counted.
  test.use({
    ...PHONE,
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
  });

  test('starting a song on a feature page sends one play, counted once a day', async ({
    page,
    context,
  }) => {
    const today = async () => {
      const res = await page.request.get('/api/v1/songs/shinai/plays');
      return ((await res.json()).days as { plays: number }[]).at(-1)?.plays ?? 0;
    };
    const before = await today();
    await page.goto('/en/anime-heartbreak-songs/3');
    const beacon = page.waitForRequest(
      (r) => r.url().endsWith('/api/v1/plays') && r.method() === 'POST',
    );
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.locator('#entry-21 .play').click(),
    ]);
    await popup.close();
    const sent = await beacon;
    expect(JSON.parse(sent.postData() ?? '{}')).toEqual({
      song: 'shinai',
      feature: 'anime-heartbreak-songs',
      locale: 'en',
    });
    await expect.poll(today).toBe(before + 1);
    const cookies = await context.cookies();
    expect(cookies).toEqual([]);
  });
});
