/**
 * A browser without WebGL (its own Chromium, launched with WebGL and every
 * 3-D API disabled): asking for WebGL falls back to wasm (or cpu), trains,
 * and says which backend runs and why.
 *
 * `--disable-webgl --disable-3d-apis` alone are not enough: Chromium 156
 * still gives an OffscreenCanvas (which is what the training worker probes)
 * a WebGL context through SwiftShader. Without a GPU process and without the
 * software rasteriser, no context of any kind can be made.
 */
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/browser';
import { backendBadge, expect, openApp, snapshot, test, waitForCurves } from './fixtures';

const NO_WEBGL = ['--disable-webgl', '--disable-3d-apis', '--disable-gpu', '--disable-software-rasterizer'];

test.use({
  launchOptions: { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...NO_WEBGL] },
});

test('without WebGL, a WebGL link trains on wasm or cpu and says why', async ({ page }) => {
  await openApp(page, '/?backend=webgl');
  // This browser really has no WebGL: not in the page, not in a worker's OffscreenCanvas. The probe
  // worker is served from the app's origin, as the page's Content-Security-Policy (worker-src 'self') requires.
  await page.route('**/__e2e/webgl-probe.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `const c = new OffscreenCanvas(1, 1); postMessage((c.getContext('webgl2') ?? c.getContext('webgl')) !== null);`,
    }),
  );
  expect(
    await page.evaluate(async () => {
      const c = document.createElement('canvas');
      const inPage = (c.getContext('webgl2') ?? c.getContext('webgl')) !== null;
      const w = new Worker('/__e2e/webgl-probe.js');
      const inWorker = await new Promise<boolean>(
        (resolve) => (w.onmessage = (e: MessageEvent<boolean>) => resolve(e.data)),
      );
      w.terminate();
      return { inPage, inWorker };
    }),
  ).toEqual({ inPage: false, inWorker: false });

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForCurves(page, 3);
  const s = await snapshot(page);
  expect(['wasm', 'cpu']).toContain(s.backend?.name);
  expect(s.backend?.reason).toMatch(/webgl/i);
  await expect(backendBadge(page)).toHaveText(new RegExp(`^${s.backend!.name}`));
  await expect(backendBadge(page)).toHaveAttribute('title', s.backend!.reason);

  // The curves move: every run has evaluations after step 0, with values that change.
  for (const r of s.runs) {
    expect(r.curve.length).toBeGreaterThanOrEqual(3);
    expect(r.curve.at(-1)!.testNmse).not.toBe(r.curve[0]!.testNmse);
  }
});

test('without WebGL, the fallback from a requested WebGL is announced on the page, not only in a tooltip', async ({
  page,
}) => {
  await openApp(page, '/?backend=webgl');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForCurves(page, 2);
  const s = await snapshot(page);
  expect(s.backend?.name).not.toBe('webgl');
  // docs/architecture.md: the chosen backend is always said, and why. The fallback
  // banner (EngineBanner) shows only when the backend message has fallbackFrom.
  const announcement = page.getByRole('status').filter({ hasText: /WebGL/i });
  await expect(announcement).toBeVisible();
  await expect(announcement).toContainText(s.backend!.name);
});
