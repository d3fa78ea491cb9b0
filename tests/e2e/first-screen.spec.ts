/**
 * The first screen, with no click: the default experiment's recorded curves,
 * the teacher's weight histogram with its density, and the pre-activation
 * pictures; nothing is training. (How fast is the bench's business; the
 * notes give the time measured here.)
 */
import { expect, openApp, snapshot, test } from './fixtures';
import { recordedPaths, seriousViolations } from './lectureHelpers';

test('opening / shows the recorded curves, the teacher and the pre-activations without a click', async ({ page }) => {
  await openApp(page, '/');
  await expect(recordedPaths(page)).toHaveCount(3);
  const legend = page.getByRole('table', { name: 'Runs in the loss chart' });
  for (const run of ['inputs=gaussian', 'inputs=parity', 'inputs=random']) {
    await expect(legend.getByRole('row').filter({ hasText: run })).toContainText('recorded');
  }
  const weights = page.getByRole('region', { name: 'Weights' });
  await expect(weights.getByRole('img', { name: /teacher W: normal.*with the exact density as a line/ })).toBeVisible();
  const preact = page.getByRole('region', { name: /Teacher pre-activations/ });
  await expect(preact.getByRole('img', { name: /inputs=gaussian/ })).toBeVisible();
  await expect(preact.getByRole('img', { name: /inputs=parity/ })).toBeVisible();
  // No "appear when training starts" notes, and no training.
  await expect(page.getByText(/appear when training starts/)).toHaveCount(0);
  const s = await snapshot(page);
  expect(s.engine).toBe('idle');
  expect(s.runs).toEqual([]);
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled();
});

test('the teacher pictures follow a teacher edit, and ignore a student edit', async ({ page }) => {
  await openApp(page, '/');
  const weights = page.getByRole('region', { name: 'Weights' });
  await expect(weights.getByRole('img', { name: /teacher W: normal/ })).toBeVisible();
  await page.getByLabel('weight distribution', { exact: true }).selectOption('uniform');
  await expect(weights.getByRole('img', { name: /teacher W: uniform/ })).toBeVisible({ timeout: 20_000 });
  type Held = { __held?: unknown; __nwl?: { state: () => { preview: { complete: boolean } | null } } };
  // Every construction drawn (the teacher shows after the first), then nothing may replace the pictures.
  await page.waitForFunction(() => (window as unknown as Held).__nwl!.state().preview?.complete === true);
  await page.evaluate(() => {
    const w = window as unknown as Held;
    w.__held = w.__nwl!.state().preview;
  });
  const width = page.getByRole('textbox', { name: 'student width' });
  await width.fill('64');
  await width.press('Enter');
  await page.waitForTimeout(800); // past the debounce: a student edit asks the preview for nothing
  expect(
    await page.evaluate(() => {
      const w = window as unknown as Held;
      return w.__held === w.__nwl!.state().preview;
    }),
  ).toBe(true);
});

test('axe: the first screen with its recorded runs', async ({ page }) => {
  await openApp(page, '/');
  await expect(recordedPaths(page)).toHaveCount(3);
  expect(await seriousViolations(page, 'recorded first screen')).toEqual([]);
});
