/**
 * Every export format of the loss chart and of the weight histograms,
 * downloaded in the browser and checked: the SVG parses as XML, is standalone
 * and carries the permalink; the PNG is twice the charts' on-screen size; the
 * CSV's rows are the store's numbers; the JSON reads back as a result in the
 * CLI's format. Exporting while training neither pauses nor stops the run.
 */
import { csvParse } from 'd3-dsv';
import { parseResult } from '../../src/core/result';
import { expect, openApp, test, waitForCurves, waitForEngine, waitForStepAbove, type Page } from './fixtures';
import { chartsBoxOnScreen, exportButton, exportByClick, parseSvg, pngSize } from './exportHelpers';

const QUERY = '?steps=20000&backend=wasm';

interface StorePoint {
  step: number;
  testNmse: number;
  trainLoss: number | null;
  accuracy: number | null;
}

async function storeCurves(page: Page): Promise<{ label: string; curve: StorePoint[] }[]> {
  return page.evaluate(() =>
    window.__nwl!.state().runs.map((r) => ({
      label: r.info.label,
      curve: r.curve.map((p) => ({ step: p.step, testNmse: p.testNmse, trainLoss: p.trainLoss, accuracy: p.accuracy })),
    })),
  );
}

function num(text: string | undefined): number | null {
  return text === undefined || text === '' ? null : Number(text);
}

test.describe.configure({ mode: 'serial' });

test('loss chart: SVG, PNG, CSV and JSON while training, by keyboard and mouse', async ({ page }) => {
  await openApp(page, `/${QUERY}`);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForCurves(page, 3);
  const permalink = page.url();

  // SVG, chosen with the keyboard: focus the menu button, open with Enter, move with the arrows.
  const button = exportButton(page, 'Normalised test loss');
  await button.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Export the normalised test loss' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'SVG image' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'PNG image (2×)' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  const stepBefore = await page.evaluate(() => window.__nwl!.state().step);
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();
  expect(svgDownload.suggestedFilename()).toBe('nwl-loss-inputs-gaussian-parity-random-seed1.svg');
  const svgText = (await import('node:fs/promises')).readFile(await svgDownload.path(), 'utf8');
  const svg = await parseSvg(page, await svgText);
  expect(svg.error).toBeNull();
  expect(svg.rootName).toBe('svg');
  expect(svg.namespace).toBe('http://www.w3.org/2000/svg');
  expect(svg.viewBox).toBe(`0 0 ${svg.width} ${svg.height}`);
  expect(svg.permalink).toBe(permalink);
  expect(svg.hrefs, 'no external references').toEqual([]);
  expect(svg.text).toContain('Normalised test loss');
  for (const label of ['inputs=gaussian', 'inputs=parity', 'inputs=random']) expect(svg.text).toContain(label);
  await expect(page.getByRole('status').filter({ hasText: /^Saved nwl-loss/ })).toBeVisible();

  // The run went on: never paused, still stepping.
  expect(await page.evaluate(() => window.__nwl!.state().engine)).toBe('running');
  await waitForStepAbove(page, stepBefore);

  // PNG: twice the chart's on-screen width, twice the figure's height.
  const png = await exportByClick(page, 'Normalised test loss', 'PNG image (2×)');
  expect(png.name).toBe('nwl-loss-inputs-gaussian-parity-random-seed1.png');
  const box = await chartsBoxOnScreen(page, 'Normalised test loss');
  const size = pngSize(png.data);
  expect(size.width).toBe(2 * Math.ceil(box.width));
  expect(size.height).toBe(2 * svg.height);
  expect(svg.height).toBeGreaterThan(box.height);

  // CSV: one row per (run, step), the store's numbers, a prefix of each run's curve as it is now.
  const csv = await exportByClick(page, 'Normalised test loss', 'CSV of the numbers');
  expect(csv.name).toBe('nwl-loss-inputs-gaussian-parity-random-seed1.csv');
  const rows = csvParse(csv.data.toString('utf8'));
  expect(rows.columns).toEqual(['source', 'run', 'inputs', 'step', 'test_nmse', 'train_loss', 'accuracy']);
  const curves = await storeCurves(page);
  expect(new Set(rows.map((r) => r.run))).toEqual(new Set(curves.map((c) => c.label)));
  for (const c of curves) {
    const mine = rows.filter((r) => r.run === c.label);
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(mine.length).toBeLessThanOrEqual(c.curve.length);
    mine.forEach((r, i) => {
      const p = c.curve[i]!;
      expect(r.source).toBe('live');
      expect(r.inputs).toBe(c.label.replace('inputs=', ''));
      expect(Number(r.step)).toBe(p.step);
      expect(Number(r.test_nmse)).toBe(p.testNmse);
      expect(num(r.train_loss)).toBe(p.trainLoss);
      expect(num(r.accuracy)).toBe(p.accuracy);
    });
  }

  // JSON: the CLI's result format, read back by the same parser as a file a user opens.
  const json = await exportByClick(page, 'Normalised test loss', 'JSON result (whole experiment)');
  expect(json.name).toBe('nwl-result-inputs-gaussian-parity-random-seed1.json');
  const parsed = parseResult(json.data.toString('utf8'));
  if (!parsed.ok) throw new Error(parsed.reasons.join('; '));
  expect(parsed.result.permalink).toBe(new URL(permalink).search.slice(1));
  expect(parsed.result.backend).toBe('wasm');
  const after = await storeCurves(page);
  expect(parsed.result.runs.map((r) => r.label)).toEqual(after.map((c) => c.label));
  parsed.result.runs.forEach((run, i) => {
    const store = after[i]!.curve;
    expect(run.curve.length).toBeLessThanOrEqual(store.length);
    run.curve.forEach((p, j) => {
      expect(p.step).toBe(store[j]!.step);
      expect(p.testNmse).toBe(store[j]!.testNmse);
      expect(p.trainLoss).toBe(store[j]!.trainLoss);
    });
    const last = store[run.curve.length - 1]!;
    expect(run.final).toMatchObject({ step: last.step, testNmse: last.testNmse, diverged: false });
  });
  expect(await page.evaluate(() => window.__nwl!.state().engine)).toBe('running');
});

test('weight histograms: SVG, PNG and CSV of the teacher and the students', async ({ page }) => {
  await openApp(page, `/${QUERY}`);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.waitForFunction(() => {
    const runs = window.__nwl!.state().runs as unknown as { weights: unknown; curve: unknown[] }[];
    return runs.length > 0 && runs.every((r) => r.weights !== null && r.curve.length > 2);
  });
  // Paused, the histograms hold still, so the file can be compared with the store exactly.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await waitForEngine(page, ['paused']);

  const svgFile = await exportByClick(page, 'Weights', 'SVG image');
  expect(svgFile.name).toBe('nwl-weights-inputs-gaussian-parity-random-seed1.svg');
  const svg = await parseSvg(page, svgFile.data.toString('utf8'));
  expect(svg.error).toBeNull();
  expect(svg.permalink).toBe(page.url());
  expect(svg.text).toContain('teacher W');
  expect(svg.text).toContain('student layer 1: inputs=parity');

  const png = await exportByClick(page, 'Weights', 'PNG image (2×)');
  const box = await chartsBoxOnScreen(page, 'Weights');
  expect(pngSize(png.data)).toEqual({ width: 2 * Math.ceil(box.width), height: 2 * svg.height });

  const csv = await exportByClick(page, 'Weights', 'CSV of the numbers');
  const rows = csvParse(csv.data.toString('utf8'));
  expect(rows.columns).toEqual(['histogram', 'source', 'run', 'bin', 'bin_lo', 'bin_hi', 'count', 'total']);
  const store = await page.evaluate(() => {
    const s = window.__nwl!.state() as unknown as {
      teachers: { weights: { edges: ArrayLike<number>; counts: ArrayLike<number>; total: number } }[];
      runs: {
        info: { label: string };
        weights: { edges: ArrayLike<number>; counts: ArrayLike<number>; total: number };
      }[];
    };
    const plain = (h: { edges: ArrayLike<number>; counts: ArrayLike<number>; total: number }) => ({
      edges: Array.from(h.edges),
      counts: Array.from(h.counts),
      total: h.total,
    });
    return {
      teachers: s.teachers.map((t) => plain(t.weights)),
      students: s.runs.map((r) => ({ label: r.info.label, ...plain(r.weights) })),
    };
  });
  const check = (name: string, run: string | null, h: { edges: number[]; counts: number[]; total: number }) => {
    const mine = rows.filter(
      (r) => r.histogram === name && (run === null || r.run === run) && r.bin !== 'below' && r.bin !== 'above',
    );
    expect(mine.map((r) => Number(r.count))).toEqual(h.counts);
    expect(mine.map((r) => Number(r.bin_lo))).toEqual(h.edges.slice(0, -1));
    expect(mine.map((r) => Number(r.bin_hi))).toEqual(h.edges.slice(1));
    for (const r of mine) expect(Number(r.total)).toBe(h.total);
  };
  expect(store.teachers).toHaveLength(1);
  check('teacher weights', null, store.teachers[0]!);
  for (const s of store.students) check('student layer 1 weights', s.label, s);
});

test('with nothing trained, the CSV and JSON are those of the recording on screen', async ({ page, request }) => {
  await openApp(page, '/');
  await expect(page.locator('svg.loss-chart g.series path.recorded')).toHaveCount(3, { timeout: 30_000 });
  const bundled = await (await request.get('/recorded/contrast.json')).text();

  const json = await exportByClick(page, 'Normalised test loss', 'JSON result (whole experiment)');
  expect(json.data.toString('utf8').trim()).toBe(bundled.trim());

  const csv = csvParse((await exportByClick(page, 'Normalised test loss', 'CSV of the numbers')).data.toString('utf8'));
  const recorded = parseResult(bundled);
  if (!recorded.ok) throw new Error(recorded.reasons.join('; '));
  expect(new Set(csv.map((r) => r.source))).toEqual(new Set(['recorded']));
  expect(csv).toHaveLength(recorded.result.runs.reduce((n, r) => n + r.curve.length, 0));
  const parity = recorded.result.runs.find((r) => r.label === 'inputs=parity')!;
  expect(csv.filter((r) => r.run === 'inputs=parity').map((r) => Number(r.test_nmse))).toEqual(
    parity.curve.map((p) => p.testNmse),
  );
});

test('export as code: a Python (PyTorch) script of the experiment, its constructions embedded', async ({ page }) => {
  await openApp(page, '/?n=16&m=8&d=6&k=2&h=8&bs=16&test=64&vs=k:2,3');
  const { name, data } = await exportByClick(page, 'Normalised test loss', 'Python (PyTorch) script');
  expect(name).toBe('nwl-experiment-k2-3-seed1.py');
  const script = data.toString('utf8');
  expect(script).toContain("The lab's permalink: ?v=1&n=16&m=8&d=6&k=2&h=8&bs=16&test=64&vs=k:2,3");
  expect(script.match(/"map": "[A-Za-z0-9+/=]+"/g)).toHaveLength(2);
  expect(script).toContain('import torch');
});
