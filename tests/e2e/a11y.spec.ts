/**
 * Accessibility smoke test: axe-core finds no serious or critical violation
 * on the default page, in presentation mode, and with the link-notice banner.
 */
import { seriousViolations } from './axe';
import { expect, openApp, test } from './fixtures';

test('axe: the default page', async ({ page }) => {
  await openApp(page, '/');
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
  expect(await seriousViolations(page, 'default page')).toEqual([]);
});

test('axe: presentation mode', async ({ page }) => {
  await openApp(page, '/');
  await page.getByRole('button', { name: 'Presentation', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Exit presentation' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('complementary', { name: 'settings' })).toHaveCount(0);
  expect(await seriousViolations(page, 'presentation mode')).toEqual([]);
});

test('axe: the notice banner of a bad link', async ({ page }) => {
  await openApp(page, '/?n=abc&k=99&inputs=nope&zz=1');
  await expect(page.getByRole('heading', { name: 'This link needed changes to open' })).toBeVisible();
  expect(await seriousViolations(page, 'notice banner')).toEqual([]);
});

test('axe: after training (curves, legend, histograms)', async ({ page }) => {
  await openApp(page, '/?backend=wasm&steps=400');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.waitForFunction(() => window.__nwl!.state().engine === 'finished');
  await expect(page.locator('svg.loss-chart g.series path')).toHaveCount(3);
  expect(await seriousViolations(page, 'after training')).toEqual([]);
});
