// Shared helpers for the browser suite.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** A phone in portrait: the width most readers arrive with. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
} as const;

export const DESKTOP = { viewport: { width: 1280, height: 900 } } as const;

export type Width = 'phone' | 'desktop';

/** Kept as CI artifacts; outside Playwright's outputDir, which is emptied on every run. */
export const SCREENSHOT_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../test-results/screenshots',
);

/** A full-page screenshot saved as test-results/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The page fits the viewport: nothing makes the reader scroll sideways. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(
    scrollWidth,
    `${page.url()} is ${scrollWidth}px wide in a ${innerWidth}px viewport`,
  ).toBeLessThanOrEqual(innerWidth);
}

const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Runs axe-core (WCAG 2 A and AA rules) on the current page and fails on any violation of
 * impact "serious" or "critical", listing rule id, impact and the target of every element.
 * The full axe report is attached to the test either way.
 */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  await test.info().attach('axe-results.json', {
    body: JSON.stringify(results, null, 2),
    contentType: 'application/json',
  });
  const blocking = results.violations.filter((v) => v.impact && BLOCKING_IMPACTS.has(v.impact));
  const report = blocking.flatMap((v) =>
    v.nodes.map(
      (node) => `${v.id} (${v.impact}) at ${node.target.map(String).join(' ')} — ${v.help}`,
    ),
  );
  if (report.length > 0) {
    console.log(`axe violations on ${page.url()}:\n  ${report.join('\n  ')}`);
  }
  expect(report, `serious or critical axe violations on ${page.url()}`).toEqual([]);
}

export const PASSWORD = 'back office password 1';

/** Creates a back-office account with the CLI, against the database the server uses. */
export function addUser(email: string, role: string) {
  try {
    execFileSync(
      'node',
      ['bin/tokushu.js', 'user', 'add', '--email', email, '--role', role, '--password', PASSWORD],
      {
        env: { ...process.env, DATA_DIR: process.env.E2E_DATA_DIR, LOG_LEVEL: 'silent' },
        stdio: 'pipe',
      },
    );
  } catch (error) {
    // Already created by an earlier test in this run.
    if (!String((error as { stderr?: Buffer }).stderr).includes('already has an account'))
      throw error;
  }
}

/** Signs in at /admin and waits for the feature list. */
export async function signIn(page: Page, email: string) {
  await page.goto('/admin/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Features' })).toBeVisible();
}
