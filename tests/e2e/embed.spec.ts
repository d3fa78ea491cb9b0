/**
 * Embeds for slides: `?embed=<view>` shows that one chart filling the frame
 * with a play/pause, the run legend and a link to the full lab; it trains by
 * itself when there is no recording. It works inside an iframe of a page from
 * another origin. The full page's "Copy embed code" gives the iframe snippet;
 * an unknown name opens the whole lab with a notice.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, openApp, test, waitForCurves, waitForEngine, type Page } from './fixtures';
import { seriousViolations } from './axe';
import { exportButton } from './exportHelpers';

const LOSS = '/?embed=loss&steps=20000&backend=wasm';
const SLIDE = { width: 960, height: 540 };

async function chartCount(page: Page): Promise<number> {
  return page.locator('svg[role="img"]').count();
}

test.describe.configure({ mode: 'serial' });

test('embed=loss: the loss chart alone, filling a slide, training by itself; pause and the lab link', async ({
  page,
}) => {
  await page.setViewportSize(SLIDE);
  await openApp(page, LOSS);
  await expect(page.locator('svg.loss-chart[role="img"]')).toBeVisible();
  expect(await chartCount(page)).toBe(1);
  await expect(page.getByRole('complementary', { name: 'settings' })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'training controls' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Runs in the loss chart' })).toBeVisible();

  // No recording: it starts by itself and the curves move.
  await waitForCurves(page, 3);
  expect(await page.evaluate(() => window.__nwl!.state().engine)).toBe('running');

  // Fills the frame: no scrolling, the chart takes most of the height.
  const fit = await page.evaluate(() => ({
    scroll: document.scrollingElement!.scrollHeight,
    inner: window.innerHeight,
    chart: document.querySelector('svg.loss-chart')!.getBoundingClientRect().height,
  }));
  expect(fit.scroll).toBeLessThanOrEqual(fit.inner);
  expect(fit.chart).toBeGreaterThan(0.5 * fit.inner);

  const controls = page.getByRole('group', { name: 'embedded chart controls' });
  await controls.getByRole('button', { name: 'Pause training' }).click();
  await waitForEngine(page, ['paused']);
  await expect(controls.getByRole('button', { name: 'Resume training' })).toBeVisible();

  const link = controls.getByRole('link', { name: /open in the lab/ });
  const href = await link.getAttribute('href');
  const url = new URL(href!);
  expect(url.searchParams.get('embed')).toBeNull();
  expect(url.search).toBe('?v=1&steps=20000&backend=wasm');
  expect(await link.getAttribute('target')).toBe('_blank');
});

test('embed of an experiment with a recording: the recorded curves at once, no training until play', async ({
  page,
}) => {
  await page.setViewportSize(SLIDE);
  // The default experiment ships with its recording (public/recorded/contrast.json).
  await openApp(page, '/?embed=loss');
  const chart = page.locator('svg.loss-chart[role="img"]');
  await expect(chart.locator('g.series path.recorded')).toHaveCount(3, { timeout: 30_000 });
  const controls = page.getByRole('group', { name: 'embedded chart controls' });
  await expect(controls).toContainText('recorded result');
  await page.waitForTimeout(2000);
  expect(await page.evaluate(() => window.__nwl!.state().engine)).toBe('idle');
  // Play trains live on top of the recording.
  await controls.getByRole('button', { name: 'Start training' }).click();
  await waitForCurves(page, 2);
  await expect(chart.locator('g.series path:not(.recorded)')).toHaveCount(3);
  await controls.getByRole('button', { name: 'Pause training' }).click();
  await waitForEngine(page, ['paused']);
});

test('every embeddable view shows its one panel', async ({ page }) => {
  await page.setViewportSize(SLIDE);
  const tiny = 'n=16&m=8&d=6&h=8&steps=3000&test=256&backend=wasm';
  const cases = [
    // The teacher, three students, and the two construction runs' first layers along the bits.
    { q: `embed=weights&${tiny}`, heading: 'Weights', charts: 6 },
    // Gaussian inputs, the construction's inputs, and the same units under Gaussian inputs.
    { q: `embed=preact&${tiny}`, heading: /Teacher pre-activations/, charts: 3 },
    // Bars and the heatmap over training for each of the two construction runs.
    { q: `embed=influence&${tiny}`, heading: /Has the student found the secret bits/, charts: 4 },
    { q: `embed=wall&${tiny}&vs=k:2,3`, heading: 'Where learning fails', charts: 1 },
    { q: `embed=phase&${tiny}&vs=k:2,3&vs2=h:8,16`, heading: /Phase map/, charts: 1 },
  ];
  for (const c of cases) {
    await openApp(page, `/?${c.q}`);
    await expect(page.getByRole('heading', { level: 2, name: c.heading })).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('section.panel')).toHaveCount(1);
    await expect(page.locator('svg[role="img"]')).toHaveCount(c.charts, { timeout: 60_000 });
    await expect(page.getByRole('list', { name: 'runs' })).toBeVisible();
    await page.getByRole('button', { name: 'Pause training' }).click();
    await waitForEngine(page, ['paused', 'finished']);
  }
  // A view this experiment cannot draw says why instead of an empty frame.
  await openApp(page, `/?embed=phase&${tiny}`);
  await expect(page.getByText('The phase map needs two compare axes')).toBeVisible();
});

test('an unknown embed name opens the whole lab with a notice and leaves the URL', async ({ page }) => {
  await openApp(page, '/?steps=500&embed=sparkles');
  await expect(page.getByRole('complementary', { name: 'settings' })).toBeVisible();
  const notice = page.getByRole('status').filter({ hasText: 'This link needed changes to open' });
  await expect(notice).toContainText(
    'embed=sparkles names no view of the lab (embeddable: loss, wall, phase, preact, weights, influence)',
  );
  await expect.poll(() => new URL(page.url()).search).toBe('?v=1&steps=500');
});

test('embedded in an iframe of a page from another origin, it draws and trains', async ({ page }) => {
  const app = new URL(test.info().project.use.baseURL!);
  const src = `${app.origin}${LOSS}`;
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>slides</title><h1>A slide</h1><iframe src="${src.replace(/&/g, '&amp;')}" width="960" height="540" title="lab"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    await page.setViewportSize({ width: 1100, height: 700 });
    await page.goto(`http://127.0.0.1:${port}/`);
    const frame = page.frame({ url: (u) => u.origin === app.origin });
    expect(frame, 'the lab loads in the iframe').not.toBeNull();
    expect(new URL(page.url()).origin).not.toBe(app.origin);
    await frame!.waitForFunction(() => window.__nwl !== undefined);
    await expect(frame!.locator('svg.loss-chart[role="img"]')).toBeVisible();
    await frame!.waitForFunction(() => window.__nwl!.state().runs.some((r) => r.curve.length >= 3), undefined, {
      timeout: 60_000,
    });
    expect(await frame!.locator('svg[role="img"]').count()).toBe(1);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('the full page copies the iframe snippet of the current permalink', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, '/?steps=40000&vs=k:2,3,4,5,6,7');
  await exportButton(page, 'Normalised test loss').click();
  await page.getByRole('menuitem', { name: 'Copy embed code' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Embed code copied' })).toBeVisible();
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  const src = /^<iframe src="([^"]+)" title="Natural Weights Lab: normalised test loss" width="960" height="540"/.exec(
    snippet,
  );
  expect(src, snippet).not.toBeNull();
  const url = new URL(src![1]!.replace(/&amp;/g, '&'));
  expect(url.search).toBe(`${new URL(page.url()).search}&embed=loss`);
  // The snippet's address opens the embed.
  await openApp(page, `${url.pathname}${url.search}`);
  await expect(page.getByRole('group', { name: 'embedded chart controls' })).toBeVisible();
});

test('axe: an embed has no serious or critical violation', async ({ page }) => {
  await page.setViewportSize(SLIDE);
  await openApp(page, '/?embed=loss&steps=20000&backend=wasm');
  await waitForCurves(page, 2);
  expect(await seriousViolations(page, 'embed')).toEqual([]);
});
