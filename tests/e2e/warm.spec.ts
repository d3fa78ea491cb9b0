/**
 * Start answers at once (issue 16, item 1): training workers exist before
 * Start, an edit while training restarts the experiment with the new
 * settings, and an edit while nothing trains starts nothing.
 */
import { expect, openApp, snapshot, test, waitForCurves, type Page } from './fixtures';

interface Revisions {
  revision: number;
  runsRevision: number | null;
  h: number;
  engine: string;
}

function revisions(page: Page): Promise<Revisions> {
  return page.evaluate(() => {
    const s = window.__nwl!.state() as unknown as Revisions & { experiment: { base: { h: number } } };
    return { revision: s.revision, runsRevision: s.runsRevision, h: s.experiment.base.h, engine: s.engine };
  });
}

const trainingWorkers = (page: Page) => page.workers().filter((w) => /training/.test(w.url())).length;

test('training workers are warm before Start', async ({ page }) => {
  await openApp(page, '/?backend=wasm');
  await expect.poll(() => trainingWorkers(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  expect((await snapshot(page)).engine).toBe('idle');
});

test('an edit while training restarts the experiment with the new settings', async ({ page }) => {
  await openApp(page, '/?backend=wasm&steps=20000');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForCurves(page, 4);
  const before = await revisions(page);
  expect(before.runsRevision).toBe(before.revision);

  const width = page.getByRole('textbox', { name: 'student width' });
  await width.fill('64');
  await width.press('Enter');
  // The runs now belong to the edited experiment, and trained from step 0 again.
  await page.waitForFunction(
    () => {
      const s = window.__nwl!.state() as unknown as { revision: number; runsRevision: number | null };
      return s.runsRevision === s.revision;
    },
    undefined,
    { timeout: 30_000 },
  );
  const after = await revisions(page);
  expect(after.h).toBe(64);
  expect(after.revision).toBeGreaterThan(before.revision);
  await waitForCurves(page, 2);
  const s = await snapshot(page);
  expect(s.engine).toBe('running');
  for (const r of s.runs) expect(r.curve[0]!.step).toBe(0);
  await expect(page.getByText('The curves below are from the previous settings')).toHaveCount(0);
});

test('an edit while nothing trains starts nothing', async ({ page }) => {
  await openApp(page, '/?backend=wasm');
  const width = page.getByRole('textbox', { name: 'student width' });
  await width.fill('64');
  await width.press('Enter');
  await page.waitForTimeout(1000); // past the edit's restart delay: still nothing may start
  const s = await revisions(page);
  expect(s.h).toBe(64);
  expect(s.engine).toBe('idle');
});
