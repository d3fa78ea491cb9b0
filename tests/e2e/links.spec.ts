/**
 * Permalinks and the controls: presets push history and Back restores the
 * previous experiment, bad links open with notices (as text, never markup),
 * and an impossible combination typed into the controls blocks Start with
 * the reason.
 */
import { expect, openApp, primaryButton, snapshot, test, waitForStepAbove, type Page } from './fixtures';

function noticeBanner(page: Page) {
  return page
    .getByRole('status')
    .filter({ has: page.getByRole('heading', { name: 'This link needed changes to open' }) });
}

function startButton(page: Page) {
  return page.getByRole('button', { name: 'Start', exact: true });
}

test('a preset pushes a history entry and Back restores the previous experiment', async ({ page }) => {
  await openApp(page, '/');
  const compare = page.getByLabel('compare', { exact: true });
  await expect(compare).toHaveValue('inputs');

  await page.getByRole('combobox', { name: 'load a preset experiment' }).selectOption({ label: 'How hard is parity' });
  await expect(page).toHaveURL(/[?&]vs=k(:|%3A)/);
  await expect(compare).toHaveValue('k');
  await expect(page.getByRole('textbox', { name: 'values of parity size' })).toHaveValue('2, 3, 4, 5, 6, 7');
  // the preset repeats every k over three seeds (the "over seeds" row)
  await expect(page.getByRole('textbox', { name: 'over seeds' })).toHaveValue('1, 2, 3');
  expect((await snapshot(page)).axes).toEqual([
    { field: 'k', values: [2, 3, 4, 5, 6, 7] },
    { field: 'seed', values: [1, 2, 3] },
  ]);

  await page.goBack();
  await expect(page).toHaveURL((url) => url.pathname === '/' && url.search === '');
  await expect(compare).toHaveValue('inputs');
  await expect(page.getByRole('textbox', { name: 'values of input distribution' })).toHaveValue(
    'gaussian, parity, random',
  );
  expect((await snapshot(page)).axes).toEqual([{ field: 'inputs', values: ['gaussian', 'parity', 'random'] }]);
});

test('a bad permalink opens with a dismissible notice per bad key and a valid experiment', async ({ page }) => {
  await openApp(page, '/?n=abc&k=99&inputs=nope&zz=1');
  const banner = noticeBanner(page);
  await expect(banner).toBeVisible();
  const items = banner.getByRole('listitem');
  // Each notice is a sentence that starts with the key it is about (k gets two: clamped to 10, then
  // reverted to 7 because a teacher of width m=96 cannot hold k=10).
  for (const [key, count] of [
    ['n', 1],
    ['k', 2],
    ['inputs', 1],
    ['zz', 1],
  ] as const) {
    await expect(items.filter({ hasText: new RegExp(`^${key}\\b`) })).toHaveCount(count);
  }
  await expect(items.filter({ hasText: /^zz\b/ })).toContainText('not a setting');
  const s = await snapshot(page);
  expect(new Set(s.notices.map((n) => n.key))).toEqual(new Set(['n', 'k', 'inputs', 'zz']));

  // The experiment that opened is valid: Start is enabled and nothing blocks it.
  await expect(page.getByRole('textbox', { name: 'parity size' })).toHaveValue('7');
  await expect(page.getByRole('textbox', { name: 'input dimension' })).toHaveValue('128');
  await expect(startButton(page)).toBeEnabled();
  await expect(page.getByText(/^Cannot start/)).toHaveCount(0);

  await banner.getByRole('button', { name: 'dismiss the link notices' }).click();
  await expect(banner).toHaveCount(0);
  expect((await snapshot(page)).notices).toEqual([]);

  await startButton(page).click();
  await waitForStepAbove(page, 0);
});

test('markup in a link parameter is shown as text and never runs', async ({ page }) => {
  const payload = '<script>window.__pwned=1</script>';
  await openApp(page, `/?w=${encodeURIComponent(payload)}`);
  const banner = noticeBanner(page);
  await expect(banner).toBeVisible();
  const item = banner.getByRole('listitem').filter({ hasText: /^w=/ });
  await expect(item).toContainText(payload);
  expect(await banner.locator('script').count()).toBe(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  // The value was rejected: the weights keep their default.
  await expect(page.getByLabel('weight distribution', { exact: true })).toHaveValue('normal');
});

test('an impossible combination typed in the controls blocks Start with the reason', async ({ page }) => {
  await openApp(page, '/');
  const k = page.getByRole('textbox', { name: 'parity size' });
  const field = page.locator('.field').filter({ has: k });
  await expect(startButton(page)).toBeEnabled();

  await k.fill('9');
  await k.press('Enter');
  // m = 96 holds 2^(k-1) pattern units only for k <= 7.
  await expect(k).toHaveAttribute('aria-invalid', 'true');
  const problems = field.getByRole('status');
  await expect(problems).toBeVisible();
  await expect(problems).toContainText(/\bm\b/);
  await expect(problems).toContainText('k=9');
  await expect(startButton(page)).toBeDisabled();
  const blocked = page.getByRole('group', { name: 'training controls' }).getByRole('alert');
  await expect(blocked).toContainText(/^Cannot start: .*k=9.*\bm\b/);

  // The space bar does not start it either.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  expect((await snapshot(page)).engine).toBe('idle');

  await k.fill('7');
  await k.press('Enter');
  await expect(k).not.toHaveAttribute('aria-invalid', 'true');
  await expect(problems).toHaveCount(0);
  await expect(blocked).toHaveCount(0);
  await expect(startButton(page)).toBeEnabled();
  await expect(primaryButton(page)).toHaveText('Start');
});
