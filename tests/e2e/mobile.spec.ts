/**
 * Small screens (390x844, a phone): the chart and the Start button come
 * first, the settings below them, and nothing overflows horizontally.
 */
import { expect, openApp, test, type Page } from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

async function noHorizontalOverflow(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

test('the chart and Start come first, the settings below, nothing overflows', async ({ page }) => {
  await openApp(page, '/');
  const start = page.getByRole('button', { name: 'Start', exact: true });
  const chart = page.locator('svg.loss-chart');
  const settings = page.getByRole('complementary', { name: 'settings' });
  await expect(page.locator('svg.loss-chart path.recorded')).toHaveCount(3);
  const [s, c, g] = await Promise.all([start.boundingBox(), chart.boundingBox(), settings.boundingBox()]);
  expect(s!.y + s!.height).toBeLessThanOrEqual(844); // Start on the first screen
  expect(c!.y).toBeLessThan(844);
  expect(g!.y).toBeGreaterThan(c!.y + c!.height);
  await noHorizontalOverflow(page);
  // The way to the settings is one tap.
  await page.getByRole('link', { name: 'Settings ↓' }).click();
  await expect(page.getByRole('textbox', { name: 'input dimension' })).toBeInViewport();
  await noHorizontalOverflow(page);
});

test('presets, the story and a wall chart fit the phone too', async ({ page }) => {
  for (const path of ['/?story=2', '/?story=6', '/?steps=40000&vs=k:2,3,4,5,6,7', '/?vs=k:2,3&vs2=h:32,128']) {
    await openApp(page, path);
    await page.waitForTimeout(500);
    await noHorizontalOverflow(page);
  }
});

test('a story step leads with its chart on the phone, the text right after, the other views below', async ({
  page,
}) => {
  await openApp(page, '/?story=1&revealed=1');
  await expect(page.locator('.story-main svg.loss-chart path.recorded')).toHaveCount(1, { timeout: 60_000 });
  const [chart, text, more] = await Promise.all([
    page.locator('.story-main svg.loss-chart').boundingBox(),
    page.locator('.story-text').boundingBox(),
    page.getByRole('region', { name: 'more views of this step' }).boundingBox(),
  ]);
  expect(chart!.y).toBeLessThan(844); // the chart on the first screen
  expect(text!.y).toBeGreaterThanOrEqual(chart!.y + chart!.height);
  expect(more!.y).toBeGreaterThanOrEqual(text!.y + text!.height);
  await noHorizontalOverflow(page);
});
