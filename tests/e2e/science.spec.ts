/**
 * The views of issue 10 in a real browser: seeds typed into the "over
 * seeds" row become a seed axis in the link, the loss chart draws one
 * median and band per group, and every construction run gets its bit
 * influence (bars with the secret bits marked and the heatmap), with a
 * message for seeds that are not seeds.
 */
import { expect, openApp, test, waitForEngine } from './fixtures';

const SMALL = '/?backend=wasm&n=32&m=20&d=10&k=2&h=16&steps=300&test=256&vs=inputs:gaussian,parity';

test('over seeds: a seed axis in the link, medians and bands per group, influence of the focused parity run', async ({
  page,
}) => {
  await openApp(page, SMALL);
  const seeds = page.getByRole('textbox', { name: 'over seeds' });
  await seeds.fill('1, x');
  await seeds.press('Enter');
  await expect(page.getByText(/x: seed takes a whole number from 0 to/)).toBeVisible();
  await seeds.fill('1, 2');
  await seeds.press('Enter');
  await expect(page).toHaveURL(/vs2=seed:1,2/);
  await expect(page.getByText('varied by the compare axis: 1, 2')).toBeVisible();

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForEngine(page, ['finished'], 120_000);
  // two groups, two seeds each: one legend row and one band per group
  await expect(page.locator('.loss-legend tbody tr')).toHaveCount(2);
  await expect(page.locator('.loss-legend')).toContainText('inputs=gaussian: median of 2 seeds');
  await expect(page.locator('svg.loss-chart g.bands path')).toHaveCount(2);
  await page.getByLabel('show every seed').check();
  await expect(page.locator('svg.loss-chart g.series path')).toHaveCount(6);

  // Four runs: the panel focuses one group (the first, Gaussian: no hidden bits) with a thumbnail per group;
  // focusing the parity group draws its run's bars and heatmap, with both secret bits marked.
  const panel = page.locator('section[aria-labelledby="influence-title"]');
  await expect(panel.getByText('no hidden bits (Gaussian inputs)')).toBeVisible();
  await panel.getByRole('tab', { name: /parity/ }).click();
  await expect(page).toHaveURL(/focus=inputs:parity/);
  await expect(panel.locator('svg.influence-bars')).toHaveCount(1);
  await expect(panel.locator('svg.influence-heatmap')).toHaveCount(1);
  await expect(panel.locator('svg.influence-bars').first().locator('g.secret-marks path')).toHaveCount(2);
  await expect(panel.locator('svg.influence-bars').first()).toHaveAttribute(
    'aria-label',
    /secret bits \d+ \([\d.]+\), \d+/,
  );
  const snapshots = await page.evaluate(() =>
    (window.__nwl!.state().runs as unknown as { snapshots?: { bitInfluence: number[] | null }[] }[]).map(
      (r) => r.snapshots?.length ?? 0,
    ),
  );
  expect(snapshots.every((n) => n >= 20)).toBe(true);
});
