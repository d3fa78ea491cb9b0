/**
 * Notices that read right: ksat named for its own problem, bidirectional
 * control characters shown escaped (never raw, where they would reverse the
 * text after them), and a warning about two fields shown once.
 */
import { expect, openApp, test, type Page } from './fixtures';

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

function banner(page: Page) {
  return page
    .getByRole('status')
    .filter({ has: page.getByRole('heading', { name: 'This link needed changes to open' }) });
}

test('a ksat link with m >= n says ksat needs a teacher width below the input dimension', async ({ page }) => {
  await openApp(page, '/?inputs=ksat&m=130&vs=none');
  await expect(banner(page)).toContainText('ksat needs a teacher width m below the input dimension');
  await expect(banner(page)).not.toContainText('parity');
});

test('a ksat link under the default axis says the axis replaces it, and names the run of the problem', async ({
  page,
}) => {
  await openApp(page, '/?inputs=ksat&m=200');
  await expect(banner(page)).toContainText('inputs=ksat is not used by any run');
  await expect(banner(page)).toContainText('add vs=none');
  await expect(banner(page)).toContainText('(in the run inputs=parity)');
});

test('bidirectional controls in a key or a value are shown escaped', async ({ page }) => {
  await openApp(page, `/?${encodeURIComponent('k\u202Eab')}=1&n=${encodeURIComponent('1\u202E2')}`);
  const text = (await banner(page).innerText()) ?? '';
  expect(text).toContain('k\\u202Eab');
  expect(text).toContain('n=1\\u202E2');
  expect(text).not.toMatch(BIDI);
  expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/u);
});

test('"the training set is smaller than a batch" appears once on screen', async ({ page }) => {
  await openApp(page, '/?train=1&vs=none');
  await expect(page.getByText('the training set (1) is smaller than a batch (128)', { exact: false })).toHaveCount(1);
});
