/**
 * The Export menu stays put while training redraws the chart under it (issue
 * 13, item 6): the open menu's PNG item is the same element after many
 * training updates, and a click on it saves the PNG.
 */
import { expect, openApp, test, waitForCurves } from './fixtures';
import { exportButton, pngSize } from './exportHelpers';

test('a PNG export clicked during training: the menu is not re-rendered under the pointer', async ({ page }) => {
  await openApp(page, '/?steps=200000&backend=wasm');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForCurves(page, 3);
  const button = exportButton(page, 'Normalised test loss');
  await button.click();
  const item = page.getByRole('menu', { name: 'Export the normalised test loss' }).getByRole('menuitem', {
    name: 'PNG image (2×)',
  });
  await expect(item).toBeVisible();
  // Mark the item's element and its text node; training goes on for several more updates.
  await item.evaluate((el) => el.setAttribute('data-marked', el.textContent ?? ''));
  const step = await page.evaluate(() => window.__nwl!.state().step);
  await page.waitForFunction((s) => window.__nwl!.state().step > s + 2000, step, { timeout: 60_000 });
  expect(await page.evaluate(() => window.__nwl!.state().engine)).toBe('running');
  await expect(item).toHaveAttribute('data-marked', 'PNG image (2×)');
  const [download] = await Promise.all([page.waitForEvent('download'), item.click()]);
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  const { readFile } = await import('node:fs/promises');
  expect(pngSize(await readFile(await download.path())).width).toBeGreaterThan(0);
});
