/**
 * WebGPU (tfjs-backend-webgpu): with an adapter (SwiftShader's, through
 * --enable-unsafe-webgpu --use-webgpu-adapter=swiftshader) training on
 * backend=webgpu gives the numbers of backend=wasm within float32
 * tolerance; without one, backend=webgpu falls back with a visible notice.
 * SwiftShader is a CPU rasteriser: nothing here says how fast a real GPU is.
 */
import { launchChromium } from '../../scripts/browser';
import { expect, openApp, snapshot, test, waitForEngine, type Page } from './fixtures';

const SMALL = 'steps=300&n=32&m=16&d=10&k=2&h=16&test=256';

async function finishedCurves(page: Page, backend: string) {
  await openApp(page, `/?${SMALL}&backend=${backend}`);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForEngine(page, ['finished'], 140_000);
  return snapshot(page);
}

// The adapter needs flags of its own: this test launches its own browser, and checks its console as the fixture does.
test('with an adapter, backend=webgpu trains the numbers of backend=wasm to float32 tolerance', async ({
  browserName,
}, testInfo) => {
  expect(browserName).toBe('chromium');
  const browser = await launchChromium(['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader']);
  const problems: string[] = [];
  try {
    const context = await browser.newContext({
      baseURL: testInfo.project.use.baseURL,
      viewport: { width: 1280, height: 900 },
    });
    context.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    context.on('weberror', (err) => problems.push(String(err.error())));
    const page = await context.newPage();
    const gpu = await finishedCurves(page, 'webgpu');
    expect(gpu.backend?.name).toBe('webgpu');
    expect(gpu.backend?.fallbackFrom).toBeNull();
    const adapter = await page.evaluate(() => window.__nwl!.adapter());
    expect(adapter).not.toBeNull();
    // SwiftShader's adapter is a software one: the bench must not report its speed as a GPU's.
    expect(adapter!.isFallbackAdapter).toBe(true);

    const cpu = await finishedCurves(page, 'wasm');
    expect(cpu.backend?.name).toBe('wasm');
    expect(gpu.runs.map((r) => r.label)).toEqual(cpu.runs.map((r) => r.label));
    for (const [i, run] of gpu.runs.entries()) {
      const other = cpu.runs[i]!.curve;
      expect(run.curve.map((p) => p.step)).toEqual(other.map((p) => p.step));
      // Step 0: the same initial student on the same test set.
      expect(Math.abs(run.curve[0]!.testNmse - other[0]!.testNmse)).toBeLessThan(1e-5 * other[0]!.testNmse);
      // The first evaluation after training: float32 rounding, taken through 250 Adam steps, stays small.
      const a = run.curve[1]!.testNmse;
      const b = other[1]!.testNmse;
      expect(Math.abs(a - b)).toBeLessThan(2e-3 * Math.max(b, 1e-3));
    }
    expect(problems).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('without an adapter, backend=webgpu falls back with a visible notice', async ({ page }) => {
  await openApp(page, `/?${SMALL}&backend=webgpu`);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.waitForFunction(() => window.__nwl!.state().backend !== null, undefined, { timeout: 60_000 });
  const s = await snapshot(page);
  expect(s.backend!.fallbackFrom).toBe('webgpu');
  expect(['wasm', 'cpu']).toContain(s.backend!.name);
  expect(s.backend!.reason).toMatch(/WebGPU/);
  await expect(page.getByRole('status').filter({ hasText: `Now training on ${s.backend!.name}` })).toBeVisible();
  await waitForEngine(page, ['running', 'finished']);
});
