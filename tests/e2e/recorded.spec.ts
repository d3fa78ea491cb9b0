/**
 * Recorded results on screen: drawn at once and marked, live runs trained on
 * top of them along the same path, kept by Reset, hidden (and said so) when
 * an edit changes the experiment, the wall chart of a recorded wall, and a
 * recording that cannot be loaded.
 */
import { PRESETS } from '../../src/components/presets';
import { expect, openApp, snapshot, test, waitForCurves, waitForEngine } from './fixtures';
import { livePaths, recordedPaths, seriousViolations, serveRecordings, syntheticResult } from './lectureHelpers';

const WALL = 'steps=100000&vs=k:2,3,4,5,6,7';

test('Start trains live runs on top of the recorded ones, along the same path; Reset keeps the recording', async ({
  page,
}) => {
  await openApp(page, '/?backend=wasm');
  await expect(recordedPaths(page)).toHaveCount(3);
  const chart = page.locator('svg.loss-chart');
  await expect(chart).toHaveAttribute('aria-label', /recorded runs dashed and lighter \(3 of 3\)/);

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForCurves(page, 4);
  await page.getByRole('button', { name: 'Pause' }).click();
  await waitForEngine(page, ['paused']);
  await expect(livePaths(page)).toHaveCount(3);
  await expect(recordedPaths(page)).toHaveCount(3);
  await expect(chart).toHaveAttribute('aria-label', /recorded runs dashed and lighter \(3 of 6\)/);

  // The live curve follows the recorded one: the same seeds give the same numbers (float32, wasm both).
  const { live, recorded } = await page.evaluate(() => {
    const s = window.__nwl!.state() as unknown as {
      runs: { curve: { step: number; testNmse: number }[] }[];
      recording: { result: { runs: { curve: { step: number; testNmse: number }[] }[] } };
    };
    return { live: s.runs.map((r) => r.curve), recorded: s.recording.result.runs.map((r) => r.curve) };
  });
  live.forEach((curve, i) =>
    curve.forEach((p, j) => {
      const q = recorded[i]![j]!;
      expect(q.step).toBe(p.step);
      expect(Math.abs(q.testNmse - p.testNmse)).toBeLessThan(1e-3 * Math.max(1, q.testNmse));
    }),
  );

  await page.getByRole('button', { name: 'Reset' }).click();
  await waitForEngine(page, ['paused']);
  await expect(recordedPaths(page)).toHaveCount(3);
});

test('an edit that changes the numbers hides the recording and says so; the way back shows it again', async ({
  page,
}) => {
  await openApp(page, '/');
  await expect(recordedPaths(page)).toHaveCount(3);
  const lr = page.getByRole('textbox', { name: 'learning rate' });
  await lr.fill('0.01');
  await lr.press('Enter');
  const stale = page.getByRole('status').filter({ hasText: 'they are hidden since a setting changed' });
  await expect(stale).toBeVisible();
  await expect(recordedPaths(page)).toHaveCount(0);
  await stale.getByRole('button', { name: 'Show the recorded experiment' }).click();
  await expect(recordedPaths(page)).toHaveCount(3);
  await expect(lr).toHaveValue('0.001');
  // The backend changes no number: it does not hide the recording.
  await page.getByRole('combobox', { name: 'backend' }).selectOption('cpu');
  await expect(recordedPaths(page)).toHaveCount(3);
  await expect(stale).toHaveCount(0);
});

test('a recorded wall opens with its wall chart, a dot per k, before any training', async ({ page }) => {
  // Made-up numbers served as the recording: this checks the page, not the engine.
  const wall = syntheticResult(WALL, (i) => [5000, 20000, 40000, 80000, null, null][i]!);
  await serveRecordings(page, { 'wall-100k.json': wall });
  await openApp(page, `/?${WALL}`);
  const chart = page.getByRole('img', { name: /Steps until normalised loss < 0.1 against parity size/ });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute(
    'aria-label',
    /4 of 6 runs of the recorded result learned within 100000 steps; 2 ran out of budget/,
  );
  await expect(chart.locator('g.runs g.recorded')).toHaveCount(6);
  expect((await snapshot(page)).engine).toBe('idle');
  expect(await seriousViolations(page, 'recorded wall')).toEqual([]);
});

test('the shipped wall at 100,000 steps opens with its wall chart at once', async ({ page }) => {
  const preset = PRESETS.find((p) => p.id === 'wall-100k')!;
  await openApp(page, `/?${preset.query}`);
  const chart = page.getByRole('img', { name: /Steps until normalised loss < 0.1 against parity size/ });
  await expect(chart).toHaveAttribute('aria-label', /recorded/);
  // A marker per k (and per seed): six distinct positions along the axis.
  const xs = await chart
    .locator('g.runs g.recorded > *')
    .evaluateAll((ms) => new Set(ms.map((m) => Math.round(m.getBoundingClientRect().x / 20))).size);
  expect(xs).toBeGreaterThanOrEqual(6);
});

test('a recording that cannot be loaded leaves a message, and the page trains live as before', async ({ page }) => {
  await page.route('**/recorded/index.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: '{"oops' }),
  );
  await openApp(page, '/?backend=wasm');
  await expect(page.getByRole('status').filter({ hasText: 'Recorded results are not available' })).toContainText(
    'press Start to train the runs live',
  );
  await expect(recordedPaths(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForCurves(page, 2);
});

test('a phase map shows the recorded values until the live runs report', async ({ page }) => {
  const query = 'steps=12000&vs=k:2,3,4&vs2=h:32,128,512';
  await serveRecordings(page, { 'phase.json': syntheticResult(query, (i) => (i % 3 === 2 ? 5000 : null)) });
  await openApp(page, `/?${query}`);
  const map = page.getByRole('img', { name: /Phase map/ });
  await expect(map).toHaveAttribute('aria-label', /all from the recorded result/);
  await expect(map.locator('rect.recorded')).toHaveCount(9);
  expect(await seriousViolations(page, 'recorded phase map')).toEqual([]);
});

test('the sixteen-seed wall, trained by the PyTorch sweep, opens named as such: medians per k and a dot per seed', async ({
  page,
}) => {
  const preset = PRESETS.find((p) => p.id === 'wall-16')!;
  await openApp(page, `/?${preset.query}`);
  await expect(page.getByText(/Showing a recorded result .*trained by PyTorch on cpu/)).toBeVisible();
  const legend = page.getByRole('table', { name: 'Runs in the loss chart' });
  await expect(legend.getByText('(recorded, PyTorch on cpu)')).toHaveCount(6);
  // The medians over 16 seeds: k = 2 to 5 learned, k = 6 and 7 not (4 and 0 of 16 seeds did).
  for (const k of [6, 7]) {
    await expect(legend.getByRole('row', { name: new RegExp(`k=${k}: median of 16 seeds`) })).toContainText(
      'not learned',
    );
  }
  const wall = page.getByRole('img', { name: /Steps until normalised loss < 0.1 against parity size/ });
  await expect(wall.locator('g.runs g.recorded > *')).toHaveCount(96);
});
