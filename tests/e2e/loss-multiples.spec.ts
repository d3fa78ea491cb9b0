/**
 * The loss chart over two compare axes (issue 13): small multiples by default,
 * one panel per group laid out like the phase map; a visible toggle to the
 * overlay, kept in the URL as `loss=overlay` (a view key: a reload keeps it,
 * a bad value gets a notice); a click on a panel focuses its group.
 */
import { expect, openApp, test, type Page } from './fixtures';
import { seriousViolations } from './axe';
import { exportByClick, parseSvg } from './exportHelpers';

const PHASE = '/?steps=12000&vs=k:2,3,4&vs2=h:32,128,512&vs3=seed:1,2,3';
/** Drawing waits on the recording: slow on a loaded machine. */
const DRAWN = { timeout: 60_000 };

const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);

test('two axes: one panel per cell with row and column headers; a click or the arrow keys focus its group', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, PHASE);
  const panel = page.locator('.loss-panel');
  const multiples = panel.locator('svg.loss-multiples');
  await expect(multiples).toBeVisible(DRAWN);
  await expect(multiples.locator('g.loss-cell')).toHaveCount(9);
  await expect(panel.locator('svg.loss-chart')).toHaveCount(0);
  for (const header of ['h = 32', 'h = 128', 'h = 512', 'k = 2', 'k = 3', 'k = 4'])
    await expect(multiples.locator('g.strip', { hasText: header })).toHaveCount(1);
  // each panel draws its group: three seeds and their median (from the recording)
  await expect(multiples.locator('g.loss-cell[data-row="1"][data-col="2"] g.series path')).toHaveCount(4, DRAWN);
  const toggle = panel.getByRole('group', { name: 'loss chart layout' });
  await expect(toggle.getByRole('button', { name: 'small multiples' })).toHaveAttribute('aria-pressed', 'true');

  await multiples.locator('g.loss-cell[data-row="1"][data-col="1"]').click();
  await expect.poll(() => param(page, 'focus')).toBe('k:3,h:128');
  await expect(multiples.locator('g.loss-cell.selected')).toHaveAttribute('data-col', '1');
  // the keyboard too: the chart takes the focus, the arrows move between panels as they are seen (rows run upward)
  await multiples.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => param(page, 'focus')).toBe('k:3,h:512');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => param(page, 'focus')).toBe('k:4,h:512');
  await expect(multiples.locator('g.loss-cell.selected title')).toHaveText('k = 4, h = 512');
  expect(await seriousViolations(page, 'loss small multiples and their toggle')).toEqual([]);
});

test('the overlay toggle: one chart, loss=overlay in the URL, kept on reload, back to small multiples', async ({
  page,
}) => {
  await openApp(page, PHASE);
  const panel = page.locator('.loss-panel');
  await expect(panel.locator('svg.loss-multiples')).toBeVisible(DRAWN);
  const toggle = panel.getByRole('group', { name: 'loss chart layout' });
  await toggle.getByRole('button', { name: 'overlay' }).click();
  await expect.poll(() => param(page, 'loss')).toBe('overlay');
  await expect(panel.locator('svg.loss-chart')).toHaveCount(1);
  await expect(panel.locator('svg.loss-multiples')).toHaveCount(0);

  await page.reload();
  await page.waitForFunction(() => window.__nwl !== undefined);
  await expect(panel.locator('svg.loss-chart')).toBeVisible(DRAWN);
  await expect(panel.locator('svg.loss-multiples')).toHaveCount(0);
  await expect(toggle.getByRole('button', { name: 'overlay' })).toHaveAttribute('aria-pressed', 'true');
  expect(param(page, 'loss')).toBe('overlay');

  await toggle.getByRole('button', { name: 'small multiples' }).click();
  await expect(panel.locator('svg.loss-multiples g.loss-cell')).toHaveCount(9);
  // the default leaves the URL
  await expect.poll(() => param(page, 'loss')).toBeNull();
});

test('a loss= value that is no layout gets a notice and the default; one axis has no toggle', async ({ page }) => {
  await openApp(page, `${PHASE}&loss=grid`);
  await expect(page.getByText(/loss=grid is no layout of the loss chart/)).toBeVisible(DRAWN);
  await expect(page.locator('.loss-panel svg.loss-multiples')).toBeVisible(DRAWN);
  await expect.poll(() => param(page, 'loss')).toBeNull();

  await openApp(page, '/?steps=40000&vs=k:2,3,4,5,6,7&vs2=seed:1,2,3&loss=overlay');
  await expect(page.locator('.loss-panel svg.loss-chart')).toBeVisible(DRAWN);
  await expect(page.getByRole('group', { name: 'loss chart layout' })).toHaveCount(0);
});

test('the SVG export of the loss view takes the small multiples as shown, with their headers and the legend', async ({
  page,
}) => {
  await openApp(page, PHASE);
  await expect(page.locator('.loss-panel svg.loss-multiples g.loss-cell')).toHaveCount(9, DRAWN);
  await expect(page.locator('.loss-panel svg.loss-multiples g.series path').first()).toBeAttached(DRAWN);
  const file = await exportByClick(page, 'Normalised test loss', 'SVG image');
  const svg = await parseSvg(page, file.data.toString('utf8'));
  expect(svg.error).toBeNull();
  expect(svg.text).toContain('Small multiples of the normalised test loss');
  for (const header of ['h = 32', 'h = 512', 'k = 2', 'k = 4']) expect(svg.text).toContain(header);
  expect(svg.text).toContain('k=3, h=128: median of 3 seeds');
  expect(file.data.toString('utf8').match(/class="loss-cell/g)).toHaveLength(9);
});
