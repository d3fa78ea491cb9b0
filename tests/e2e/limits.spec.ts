/**
 * Robustness at the edges: a diverging run among healthy ones, the largest
 * experiment the limits allow, and one too large to fit, refused up front.
 */
import { expect, openApp, primaryButton, snapshot, test, waitForEngine, waitForStepAbove } from './fixtures';

test('a run with lr=10 is marked diverged while the other goes on, and the page stays usable', async ({ page }) => {
  await openApp(page, '/?backend=wasm&vs=lr:0.001,10&steps=4000');
  await primaryButton(page).click();
  await page.waitForFunction(() => window.__nwl!.state().runs.some((r) => r.status === 'diverged'), null, {
    timeout: 60_000,
  });
  const first = await snapshot(page);
  const diverged = first.runs.find((r) => r.label === 'lr=10')!;
  const healthy = first.runs.find((r) => r.label === 'lr=0.001')!;
  expect(diverged.status).toBe('diverged');
  expect(healthy.status).not.toBe('diverged');
  // The legend says so in words, not only in colour.
  await expect(page.getByRole('row', { name: /lr=10/ })).toContainText('diverged');
  // The healthy run keeps training and adding points.
  await waitForStepAbove(page, first.step + 200);
  const later = await snapshot(page);
  expect(later.runs.find((r) => r.label === 'lr=0.001')!.curve.length).toBeGreaterThan(healthy.curve.length);
  expect(later.runs.find((r) => r.label === 'lr=10')!.curve.length).toBe(diverged.curve.length);
  // And the controls still answer.
  await primaryButton(page).click();
  await waitForEngine(page, ['paused']);
});

test('the largest experiment the limits allow (256 runs, small shapes) starts and trains', async ({ page }) => {
  // 16 x 16 runs of small shapes: once "WebAssembly.Instance(): Out of memory", one wasm instance per run.
  const list = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i).join(',');
  await openApp(
    page,
    `/?backend=wasm&n=32&m=16&k=3&h=16&test=64&steps=200&vs=d:${list(8, 16)}&vs2=sseed:${list(1, 16)}`,
  );
  const opened = await snapshot(page);
  expect(opened.notices).toEqual([]);
  await primaryButton(page).click();
  await waitForStepAbove(page, 20, 120_000);
  const s = await snapshot(page);
  expect(s.runs).toHaveLength(256);
  expect(s.engine).not.toBe('crashed');
  await expect(page.getByRole('heading', { name: /phase map/i })).toBeVisible();
});

test('an experiment too large for a tab is refused before training, with an estimate', async ({ page }) => {
  // A link cannot carry it (the parser reverts what does not fit, saying so); typing it in the controls can.
  await openApp(page, '/?inputs=gaussian&vs=sseed:1,2,3,4,5,6,7,8&n=1024&h=2048&depth=2');
  const start = primaryButton(page);
  await expect(start).toBeEnabled();
  const testSize = page.getByLabel('test-set size', { exact: true });
  await testSize.fill('65536');
  await testSize.press('Enter');
  await expect(start).toBeDisabled();
  await expect(page.getByRole('alert').filter({ hasText: 'Cannot start' })).toContainText(
    /would need about [\d.]+ GiB/,
  );
  // Nothing was started.
  expect((await snapshot(page)).engine).toBe('idle');
});
