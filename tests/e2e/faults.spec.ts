/**
 * The pool survives its faults (issue 16, item 4): a worker that dies
 * before its set-up is replaced with a message while the experiment trains
 * on; when no worker can take its runs the page says so with a way on
 * (Reset); a lost WebGPU device falls back to the next backend with a
 * notice and the runs go on from where they were.
 */
import { launchChromium } from '../../scripts/browser';
import { expect, openApp, snapshot, test, waitForCurves, waitForEngine, waitForStepAbove } from './fixtures';

test('a worker that dies before its set-up is replaced, with a message, and every run trains', async ({ page }) => {
  await openApp(page, '/?backend=wasm&steps=20000');
  await page.evaluate(() => window.__nwl!.crashBeforeSetup(1));
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const note = page.getByRole('status').filter({ hasText: 'A training worker stopped before its set-up' });
  await expect(note).toBeVisible();
  await expect(note).toContainText('crash requested by a test hook');
  await expect(note).toContainText('a new worker took over its runs');
  await waitForCurves(page, 3);
  const s = await snapshot(page);
  expect(s.engine).toBe('running');
  expect(s.runs).toHaveLength(3);
  for (const r of s.runs) expect(r.status).not.toBe('stopped');
  expect(await page.evaluate(() => window.__nwl!.liveWorkers())).toBe(
    (await page.evaluate(() => window.__nwl!.poolAssignment())).length,
  );
});

test('when no worker can take the runs, the page says why and Reset starts again', async ({ page }) => {
  await openApp(page, '/?backend=wasm&steps=20000&workers=1');
  await page.evaluate(() => window.__nwl!.crashBeforeSetup(2));
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForEngine(page, ['crashed']);
  const alert = page.getByRole('alert').filter({ hasText: 'The training worker stopped' });
  await expect(alert).toContainText('crash requested by a test hook');
  await alert.getByRole('button', { name: 'Reset and start again' }).click();
  await waitForCurves(page, 2);
  expect((await snapshot(page)).engine).toBe('running');
});

// WebGPU needs an adapter: SwiftShader's, through flags of this test's own browser.
test('the WebGPU device is lost: training falls back with a notice and goes on from where it was', async ({
  browserName,
}, testInfo) => {
  expect(browserName).toBe('chromium');
  const browser = await launchChromium(['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader']);
  try {
    const context = await browser.newContext({
      baseURL: testInfo.project.use.baseURL,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await openApp(page, '/?backend=webgpu&steps=20000&n=32&m=16&d=10&k=2&h=16&test=256');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForCurves(page, 3, 120_000);
    expect((await snapshot(page)).backend?.name).toBe('webgpu');

    await page.evaluate(() => window.__nwl!.loseGpu());
    await page.waitForFunction(() => window.__nwl!.state().backend?.fallbackFrom === 'webgpu', undefined, {
      timeout: 60_000,
    });
    const s = await snapshot(page);
    expect(['wasm', 'cpu']).toContain(s.backend!.name);
    expect(s.backend!.reason).toMatch(/WebGPU device was lost/);
    await expect(page.getByRole('status').filter({ hasText: 'WebGPU device was lost' })).toBeVisible();
    // It goes on past the loss, one curve per run with strictly increasing steps.
    await waitForStepAbove(page, s.step + 100);
    const later = await snapshot(page);
    expect(later.engine).toBe('running');
    for (const r of later.runs) {
      const steps = r.curve.map((p) => p.step);
      expect(steps).toEqual([...new Set(steps)].sort((a, b) => a - b));
    }
  } finally {
    await browser.close();
  }
});
