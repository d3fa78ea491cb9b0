/**
 * An embed pauses its training while scrolled out of view and resumes when
 * back (issue 13, item 6; src/app/embedPause.ts). The host page is served on
 * the lab's own origin (a route of the test), so the iframe is not throttled
 * as a cross-origin frame off screen is, and the test sees the pause itself.
 */
import { expect, test, type Page } from './fixtures';

const EMBED = '/?embed=loss&steps=200000&backend=wasm';

type Frame = NonNullable<ReturnType<Page['frame']>>;

const step = (frame: Frame) => frame.evaluate(() => window.__nwl!.state().step);
const engineOf = (frame: Frame) => frame.evaluate(() => window.__nwl!.state().engine);

/** A tall article with the loss embed at its top, on the lab's origin; returns the embed's frame once it trains. */
async function openArticle(page: Page): Promise<Frame> {
  await page.route('**/article.html', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="en"><title>article</title><h1>An article</h1><iframe src="${EMBED.replace(/&/g, '&amp;')}" width="800" height="450" title="lab"></iframe><div style="height:4000px"></div><p id="end">end</p></html>`,
    }),
  );
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.goto('/article.html');
  await expect.poll(() => page.frames().length).toBe(2);
  const frame = page.frames().find((f) => f !== page.mainFrame())!;
  await frame.waitForFunction(() => window.__nwl !== undefined);
  // In view it starts by itself and trains.
  await frame.waitForFunction(() => window.__nwl!.state().step > 0, undefined, { timeout: 60_000, polling: 100 });
  return frame;
}

/** The step counter stays put for `ms`: training has stopped. */
async function standsStill(frame: Frame, ms: number): Promise<void> {
  const before = await step(frame);
  await frame.evaluate((t) => new Promise((r) => setTimeout(r, t)), ms);
  expect(await step(frame)).toBe(before);
}

test('an embed pauses while scrolled out of view and resumes when scrolled back', async ({ page }) => {
  const frame = await openArticle(page);
  expect(await engineOf(frame)).toBe('running');
  await page.locator('#end').scrollIntoViewIfNeeded();
  await expect.poll(() => engineOf(frame), { timeout: 15_000 }).toBe('paused');
  await standsStill(frame, 1500);
  const stopped = await step(frame);

  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => engineOf(frame), { timeout: 15_000 }).toBe('running');
  await expect.poll(() => step(frame), { timeout: 60_000 }).toBeGreaterThan(stopped);
});

test('a pause the reader pressed stays when the embed comes back into view', async ({ page }) => {
  const frame = await openArticle(page);
  await frame.getByRole('button', { name: 'Pause training' }).click();
  await expect.poll(() => engineOf(frame)).toBe('paused');
  await page.locator('#end').scrollIntoViewIfNeeded();
  // long enough off screen for the observer to report it, as in the test above
  await frame.evaluate(() => new Promise((r) => setTimeout(r, 1000)));
  await page.evaluate(() => window.scrollTo(0, 0));
  await standsStill(frame, 1500);
  expect(await engineOf(frame)).toBe('paused');
});
