/**
 * What the lecture specs share (recorded results, the story, small screens):
 * the axe check, synthetic results for recordings that are not shipped, and
 * serving them in place of public/recorded/ with page.route.
 */
import { expandRuns } from '../../src/core/experiment';
import { parsePermalink } from '../../src/core/permalink';
import { RECORDED_INDEX_FORMAT } from '../../src/core/recordedIndex';
import { buildResult, experimentKey, serialiseResult, type ResultFile } from '../../src/core/result';
import { expect, type Page } from './fixtures';

export { seriousViolations } from './axe';

/**
 * A well-formed result for `query` whose runs learn at the step `learnAt(run)`
 * gives (null: never within the budget). The numbers are made up: this is
 * for testing how the page shows a result, not what the engine computes.
 */
export function syntheticResult(query: string, learnAt: (run: number) => number | null): ResultFile {
  const { experiment, notices } = parsePermalink(query);
  expect(notices).toEqual([]);
  const plans = expandRuns(experiment);
  return buildResult({
    experiment,
    notices: [],
    backend: 'wasm',
    runs: plans.map((plan, i) => {
      const at = learnAt(i);
      const steps = [0, 1000, 5000, 10000, 20000, 40000, 60000, 80000, 100000].filter((s) => s <= plan.config.steps);
      const curve = steps.map((step) => ({
        step,
        testNmse: at !== null && step >= at ? 0.05 : 1 + 0.01 * (i % 3),
        trainLoss: step === 0 ? null : 0.25,
      }));
      const last = curve[curve.length - 1]!;
      return {
        label: plan.label,
        values: plan.values,
        curve,
        final: { step: last.step, testNmse: last.testNmse, accuracy: at !== null ? 0.99 : 0.5, diverged: false },
      };
    }),
  });
}

/** Serves `results` as the only recordings the page can find (index and files). */
export async function serveRecordings(page: Page, results: Record<string, ResultFile>): Promise<void> {
  const recordings: Record<string, string> = {};
  for (const [file, r] of Object.entries(results)) {
    recordings[experimentKey(parsePermalink(r.permalink).experiment)] = file;
  }
  await page.route('**/recorded/index.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ format: RECORDED_INDEX_FORMAT, version: 1, recordings, sources: {} }),
    }),
  );
  for (const [file, r] of Object.entries(results)) {
    await page.route(`**/recorded/${file}`, (route) =>
      route.fulfill({ contentType: 'application/json', body: serialiseResult(r) }),
    );
  }
}

/** The loss chart's recorded and live test-loss paths. */
export function recordedPaths(page: Page) {
  return page.locator('svg.loss-chart g.series path.recorded');
}

export function livePaths(page: Page) {
  return page.locator('svg.loss-chart g.series path:not(.recorded)');
}
