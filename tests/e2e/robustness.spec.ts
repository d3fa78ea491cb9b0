/**
 * When things go wrong, and how the page copes: the training worker dies
 * (terminated, or an uncaught error inside it), the WebGL context is lost,
 * and the main thread stays responsive while training runs flat out.
 */
import { evaluationSteps } from '../../src/core/metrics';
import { expect, openApp, snapshot, test, waitForCurves, waitForEngine, waitForStepAbove } from './fixtures';

test('the worker dies: an alert, the curves are kept, and Reset and start again trains anew', async ({ page }) => {
  await openApp(page, '/?backend=wasm&steps=20000');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForCurves(page, 5);
  const before = await snapshot(page);

  await page.evaluate(() => window.__nwl!.killWorker());
  const alert = page.getByRole('alert').filter({ hasText: 'The training worker stopped' });
  await expect(alert).toBeVisible();
  await waitForEngine(page, ['crashed']);

  // Nothing trains any more. (Progress the page had already received but not yet drawn, at most one
  // frame's worth, may still land: the store applies worker messages once per frame.)
  await expect
    .poll(
      async () => {
        const a = await snapshot(page);
        await page.waitForTimeout(1000);
        const b = await snapshot(page);
        return a.step === b.step && a.runs.every((r, i) => r.curve.length === b.runs[i]!.curve.length);
      },
      { timeout: 15_000, intervals: [0] },
    )
    .toBe(true);
  // What was trained is still there, and the page still says the worker stopped.
  const crashed = await snapshot(page);
  expect(crashed.engine).toBe('crashed');
  expect(crashed.runs.map((r) => r.label)).toEqual(before.runs.map((r) => r.label));
  for (const [i, r] of crashed.runs.entries()) {
    expect(r.curve.length).toBeGreaterThanOrEqual(before.runs[i]!.curve.length);
  }
  await expect(page.locator('svg.loss-chart g.series path:not(.recorded)')).toHaveCount(3);
  await expect(alert).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled();

  await alert.getByRole('button', { name: 'Reset and start again' }).click();
  await expect(alert).toHaveCount(0);
  // A new worker starts from step 0 and trains past it.
  await page.waitForFunction(() => {
    const s = window.__nwl!.state();
    return s.engine === 'running' && s.runs.length === 3 && s.runs.every((r) => r.curve.length >= 2);
  });
  const after = await snapshot(page);
  expect(after.runs.every((r) => r.curve[0]!.step === 0)).toBe(true);
  await waitForStepAbove(page, after.step);
});

test('an uncaught error in the worker: an alert that names it, and the curves are kept', async ({ page }) => {
  await openApp(page, '/?backend=wasm&steps=20000');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForCurves(page, 5);
  await page.evaluate(() => window.__nwl!.crashWorker());
  const alert = page.getByRole('alert').filter({ hasText: 'The training worker stopped' });
  await expect(alert).toContainText('crash requested by a test hook');
  await waitForEngine(page, ['crashed']);
  const s = await snapshot(page);
  expect(s.runs).toHaveLength(3);
  for (const r of s.runs) expect(r.curve.length).toBeGreaterThanOrEqual(5);
  await alert.getByRole('button', { name: 'Reset and start again' }).click();
  await waitForStepAbove(page, 0);
  await expect(alert).toHaveCount(0);
});

test('the WebGL context is lost: training replays on wasm and continues from where it was', async ({ page }) => {
  await openApp(page, '/?backend=webgl&steps=20000');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForCurves(page, 5);
  expect((await snapshot(page)).backend?.name).toBe('webgl');

  await page.evaluate(() => window.__nwl!.loseWebglContext());
  await page.waitForFunction(() => window.__nwl!.state().backend?.fallbackFrom === 'webgl', undefined, {
    timeout: 30_000,
  });
  const s = await snapshot(page);
  expect(['wasm', 'cpu']).toContain(s.backend!.name);
  expect(s.backend!.reason).toMatch(/WebGL context was lost/);
  await expect(page.getByRole('status').filter({ hasText: 'WebGL context was lost' })).toBeVisible();
  await expect(page.getByLabel('training backend')).toHaveText(new RegExp(`^${s.backend!.name}`));

  // Training goes on past the loss, and every curve is one curve: evaluation steps strictly increasing.
  await waitForStepAbove(page, s.step + 100);
  expect((await snapshot(page)).engine).toBe('running');
  for (const r of (await snapshot(page)).runs) {
    const steps = r.curve.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps).size).toBe(steps.length);
    // No point lost across the switch: every scheduled evaluation up to the last one is there.
    const last = steps[steps.length - 1]!;
    expect(steps).toEqual(evaluationSteps(20000).filter((t) => t <= last));
  }
});

test('main-thread responsiveness while training: the longest long task is measured', async ({ page }) => {
  // Record every long task (> 50 ms on the main thread) from before the page's own scripts run.
  await page.addInitScript(() => {
    window.__longTasks = [];
    if (!PerformanceObserver.supportedEntryTypes.includes('longtask')) return;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks!.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await openApp(page, '/?backend=wasm');
  expect(await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('longtask'))).toBe(true);

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForStepAbove(page, 0);
  const firstStepAt = await page.evaluate(() => performance.now());
  // The measurement window: ten seconds of full-speed training (not an assertion).
  await page.waitForTimeout(10_000);
  const s = await snapshot(page);
  expect(s.engine).toBe('running');

  const m = await page.evaluate((since) => {
    const tasks = window.__longTasks!.filter((t) => t.start >= since);
    return {
      observed: Array.isArray(window.__longTasks),
      count: tasks.length,
      longest: tasks.reduce((max, t) => Math.max(max, t.duration), 0),
      total: tasks.reduce((sum, t) => sum + t.duration, 0),
      window: performance.now() - since,
      end: performance.now(),
    };
  }, firstStepAt);
  expect(m.observed).toBe(true);
  expect(m.window).toBeGreaterThanOrEqual(10_000);
  // The observer is live: a deliberate 150 ms task of our own shows up in it (so "0 ms" means none, not
  // blind). It runs from a timer: scripts that Playwright evaluates are not reported as long tasks.
  await page.evaluate(() =>
    setTimeout(() => {
      const t0 = performance.now();
      while (performance.now() - t0 < 150) {
        // busy on purpose
      }
    }, 0),
  );
  await page.waitForFunction((since) => window.__longTasks!.some((e) => e.start >= since && e.duration >= 140), m.end, {
    timeout: 10_000,
  });
  const ms = Math.round(m.longest);
  test.info().annotations.push({ type: 'longest-task-ms', description: String(ms) });
  test
    .info()
    .annotations.push({ type: 'long-tasks', description: `${m.count} tasks, ${Math.round(m.total)} ms in total` });
  console.log(
    `longest long task after the first step: ${ms} ms (${m.count} long tasks, ${Math.round(m.total)} ms in ${Math.round(m.window / 1000)} s; ${s.step} steps on ${s.backend?.name})`,
  );
});
