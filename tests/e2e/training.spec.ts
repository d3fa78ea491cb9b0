/**
 * Training through the UI: the default experiment on WebGL and on the
 * automatic backend, pause and resume (button and space bar), the Step
 * button, and Reset reproducing the same numbers from the same seeds.
 */
import {
  backendBadge,
  currentStep,
  expect,
  openApp,
  primaryButton,
  snapshot,
  test,
  waitForCurves,
  waitForEngine,
  waitForStepAbove,
  type Page,
} from './fixtures';

/** A config that trains fast on wasm and does not finish during a test. */
const FAST_LONG = '/?backend=wasm&steps=20000';

async function clickStart(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start', exact: true }).click();
}

/** Reads the step twice, a second apart, while nothing should change it. */
async function expectStepFrozen(page: Page): Promise<number> {
  const a = await currentStep(page);
  await page.waitForTimeout(1000);
  const b = await currentStep(page);
  expect(b, 'the step counter moved while paused').toBe(a);
  await expect(page.getByLabel('current step')).toHaveText(`step ${a.toLocaleString('en-US')}`);
  return a;
}

test('default experiment on WebGL: three runs whose curves move apart', async ({ page }) => {
  await openApp(page, '/?backend=webgl');
  await clickStart(page);
  await expect(backendBadge(page)).toHaveText(/^webgl/, { timeout: 30_000 });

  await page.waitForFunction(() => window.__nwl!.state().runs.length > 0);
  const s0 = await snapshot(page);
  expect(s0.backend?.name).toBe('webgl');
  expect(s0.runs.map((r) => r.label)).toEqual(['inputs=gaussian', 'inputs=parity', 'inputs=random']);

  // The gaussian run learns; the adversarial parity inputs and the random labels stay near the trivial level.
  await page.waitForFunction(
    () => {
      const runs = window.__nwl!.state().runs;
      const latest = (label: string) => runs.find((r) => r.info.label === label)?.curve.at(-1)?.testNmse;
      const [g, p, r] = [latest('inputs=gaussian'), latest('inputs=parity'), latest('inputs=random')];
      return g !== undefined && p !== undefined && r !== undefined && g < 0.9 && g < p && g < r;
    },
    undefined,
    { timeout: 100_000, polling: 500 },
  );
  const s = await snapshot(page);
  const latest = Object.fromEntries(s.runs.map((r) => [r.label, r.curve.at(-1)!]));
  test.info().annotations.push({
    type: 'webgl-latest-nmse',
    description: s.runs
      .map((r) => `${r.label}@${latest[r.label]!.step}=${latest[r.label]!.testNmse.toFixed(3)}`)
      .join(' '),
  });
  expect(s.engine).toBe('running');

  // The loss chart draws one test-loss path per run.
  const chart = page.locator('svg.loss-chart[role="img"]');
  await expect(chart).toBeVisible();
  await expect(chart.locator('g.series path:not(.recorded)')).toHaveCount(3);
  // Off-scale values leave gaps, so a path may hold several pieces, or a lone dot ("Mx,yZ") where a curve
  // has just come onto the scale; every run has at least one point on the scale by now.
  const paths = await chart
    .locator('g.series path:not(.recorded)')
    .evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? ''));
  for (const d of paths) expect(d).toMatch(/^M[\d.-]+,[\d.-]+/);
  // The parity and random runs sit near the trivial level 1 from the start: lines, not dots.
  expect(paths.filter((d) => d.includes('L')).length).toBeGreaterThanOrEqual(2);
  // The default experiment has a recording, and a backend changes no number: its three recorded runs stay
  // drawn under the three live ones.
  await expect(chart).toHaveAccessibleName(/for 6 runs, recorded runs dashed and lighter \(3 of 6\)/);
  await expect(chart).toHaveAccessibleName(/inputs=gaussian [\d.]+ at step [\d,]+ \(running\)/);
});

test('default experiment on the automatic backend trains and names its backend', async ({ page }) => {
  await openApp(page, '/');
  await expect(backendBadge(page)).toHaveText('backend: not started');
  await clickStart(page);
  await waitForCurves(page, 2);
  const s = await snapshot(page);
  expect(['webgl', 'wasm', 'cpu']).toContain(s.backend?.name);
  expect(s.backend?.reason).toMatch(/automatic|measur/);
  await expect(backendBadge(page)).toHaveText(new RegExp(`^${s.backend!.name}`));
  expect(s.runs).toHaveLength(3);
  const step = s.step;
  await waitForStepAbove(page, step);
});

test('pause and resume with the button and with the space bar', async ({ page }) => {
  await openApp(page, FAST_LONG);
  await clickStart(page);
  await waitForStepAbove(page, 200);

  // Button.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await waitForEngine(page, ['paused']);
  await expect(primaryButton(page)).toHaveText('Resume');
  const paused = await expectStepFrozen(page);
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await waitForStepAbove(page, paused);
  expect((await snapshot(page)).engine).toBe('running');

  // Space bar, with the focus on the page rather than on a control.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  await waitForEngine(page, ['paused']);
  await expect(primaryButton(page)).toHaveText('Resume');
  const pausedByKey = await expectStepFrozen(page);
  await page.keyboard.press('Space');
  await waitForStepAbove(page, pausedByKey);
  await expect(primaryButton(page)).toHaveText('Pause');
});

test('Step trains from idle to the next evaluation step and pauses', async ({ page }) => {
  await openApp(page, '/?backend=wasm&inputs=gaussian&vs=none&steps=400');
  const stepButton = page.getByRole('button', { name: 'Step', exact: true });
  expect((await snapshot(page)).engine).toBe('idle');

  await stepButton.click();
  await page.waitForFunction(() => {
    const s = window.__nwl!.state();
    return s.engine === 'paused' && s.step > 0;
  });
  // Evaluation steps of a 400-step run: 0, 1, 2, 5, 10, 15, ...
  await expectStepFrozen(page);
  let s = await snapshot(page);
  expect(s.step).toBe(1);
  expect(s.runs).toHaveLength(1);
  expect(s.runs[0]!.curve.map((p) => p.step)).toEqual([0, 1]);
  await expect(primaryButton(page)).toHaveText('Resume');
  await expect(stepButton).toBeEnabled();

  for (const next of [2, 5]) {
    await stepButton.click();
    await page.waitForFunction((n) => {
      const st = window.__nwl!.state();
      return st.engine === 'paused' && st.step >= n;
    }, next);
    s = await snapshot(page);
    expect(s.step).toBe(next);
    expect(s.runs[0]!.curve.at(-1)!.step).toBe(next);
  }
});

test('Reset reproduces the same curve from the same seeds', async ({ page }) => {
  await openApp(page, '/?backend=wasm&inputs=gaussian&vs=none&steps=400');
  const curveOf = async () => (await snapshot(page)).runs.map((r) => r.curve.map((p) => [p.step, p.testNmse]));

  await clickStart(page);
  await waitForEngine(page, ['finished']);
  const first = await curveOf();
  expect(first).toHaveLength(1);
  expect(first[0]!.at(-1)![0]).toBe(400);
  expect(first[0]!.at(-1)![1]).toBeLessThan(first[0]![0]![1]!);

  // Reset goes back to step 0, paused; the primary button then resumes from there.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page.waitForFunction(() => {
    const s = window.__nwl!.state();
    return s.engine === 'paused' && s.runs.length === 1 && s.runs[0]!.curve.length === 1;
  });
  expect(await currentStep(page)).toBe(0);
  await primaryButton(page).click();
  await waitForEngine(page, ['finished']);
  expect(await curveOf()).toEqual(first);

  // Start again from the finished state gives the same numbers too.
  await clickStart(page);
  await page.waitForFunction(() => window.__nwl!.state().engine !== 'finished', undefined, { polling: 50 });
  await waitForEngine(page, ['finished']);
  expect(await curveOf()).toEqual(first);
});
