import { test, expect, openApp, snapshot, waitForCurves } from './fixtures';

test('explore', async ({ page }) => {
  page.on('console', (m) => console.log('[console]', m.type(), m.text().slice(0, 200)));
  await openApp(page, '/?backend=webgl');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const t0 = Date.now();
  await waitForCurves(page, 2, 90_000);
  console.log('curves after', Date.now() - t0);
  for (let i = 0; i < 6; i++) {
    await page.waitForTimeout(5000);
    const s = await snapshot(page);
    console.log(
      Date.now() - t0,
      s.engine,
      s.step,
      s.backend?.name,
      s.runs.map((r) => `${r.label}:${r.curve.at(-1)?.step}:${r.curve.at(-1)?.testNmse.toFixed(3)}`).join(' '),
    );
  }
  expect(1).toBe(1);
});
