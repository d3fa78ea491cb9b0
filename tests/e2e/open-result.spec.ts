/**
 * Opening a result file: from the file picker and by drag and drop, a result
 * shows as recorded runs with its experiment in the controls; a file that is
 * not one (not JSON, another format version, truncated, over 20 MB, NaN or
 * out-of-range numbers) gets a message with the reason and changes nothing.
 */
import { readFileSync } from 'node:fs';
import { expect, openApp, test, type Page } from './fixtures';
import { recordedPaths, seriousViolations } from './lectureHelpers';

const GOOD = readFileSync('public/recorded/memorisation.json', 'utf8');

function picker(page: Page) {
  return page.locator('input[type=file]');
}

async function state(page: Page) {
  return page.evaluate(() => {
    const s = window.__nwl!.state() as unknown as {
      revision: number;
      recording: { name: string; origin: string } | null;
      experiment: unknown;
    };
    return { revision: s.revision, recording: s.recording?.name ?? null, experiment: JSON.stringify(s.experiment) };
  });
}

test('a result from the file picker opens as recorded runs, its experiment in the controls', async ({ page }) => {
  await openApp(page, '/');
  await expect(recordedPaths(page)).toHaveCount(3);
  await picker(page).setInputFiles({
    name: 'memorisation.json',
    mimeType: 'application/json',
    buffer: Buffer.from(GOOD),
  });
  await expect(page.getByLabel('training data', { exact: true })).toHaveValue('5000');
  await expect(page.getByRole('textbox', { name: 'steps', exact: true })).toHaveValue('20000');
  await expect(recordedPaths(page)).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: 'Opened memorisation.json' })).toBeVisible();
  await expect(page).toHaveURL(/train=5000/);
  expect((await state(page)).recording).toBe('memorisation.json');
  expect(await seriousViolations(page, 'opened result')).toEqual([]);
});

test('a result dropped on the page opens the same way', async ({ page }) => {
  await openApp(page, '/');
  const dt = await page.evaluateHandle((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return d;
  }, GOOD);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: dt });
  await expect(page.getByText('Drop a result file (.json) to open it')).toBeVisible();
  await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
  await expect(page.getByLabel('training data', { exact: true })).toHaveValue('5000');
  await expect(page.getByText('Drop a result file (.json) to open it')).toHaveCount(0);
  expect((await state(page)).recording).toBe('dropped.json');
});

const BAD: [string, () => Buffer, RegExp][] = [
  ['not JSON', () => Buffer.from('step,nmse\n0,1\n'), /not JSON/],
  ['JSON but not a result', () => Buffer.from('{"name": "natural-weights-lab"}'), /not a Natural Weights Lab result/],
  ['of another format version', () => Buffer.from(GOOD.replace('"version":1', '"version":3')), /version 3.*newer lab/],
  ['truncated', () => Buffer.from(GOOD.slice(0, 2000)), /truncated/],
  ['over 20 MB', () => Buffer.alloc(21 * 2 ** 20, 0x20), /at most 20 MB/],
  ['with NaN', () => Buffer.from(GOOD.replace(/"testNmse":[0-9.e-]+/, '"testNmse":NaN')), /not JSON/],
  ['with an out-of-range loss', () => Buffer.from(GOOD.replace(/"testNmse":[0-9.e-]+/, '"testNmse":-1')), /testNmse/],
];

for (const [what, body, reason] of BAD) {
  test(`a file ${what} is refused with its reason and changes nothing`, async ({ page }) => {
    await openApp(page, '/');
    await expect(recordedPaths(page)).toHaveCount(3);
    const before = await state(page);
    const url = page.url();
    await picker(page).setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: body() });
    const alert = page
      .getByRole('alert')
      .filter({ hasText: 'bad.json was not opened, and nothing on screen was changed' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(reason);
    expect(await state(page)).toEqual(before);
    expect(page.url()).toBe(url);
    await expect(recordedPaths(page)).toHaveCount(3);
    await alert.getByRole('button', { name: 'dismiss this message' }).click();
    await expect(alert).toHaveCount(0);
  });
}

test('a PyTorch sweep’s file opens as recorded runs named by engine and device; live runs drawn over it are told apart', async ({
  page,
}) => {
  // Written by `npm run -s sweep -- 'n=16&m=8&d=6&k=2&h=8&bs=16&test=64&steps=300&vs=k:2,3' --out ...`.
  const sweep = readFileSync('tests/unit/fixtures/sweep-tiny.json', 'utf8');
  await openApp(page, '/');
  await picker(page).setInputFiles({ name: 'sweep.json', mimeType: 'application/json', buffer: Buffer.from(sweep) });
  await expect(page.getByRole('status').filter({ hasText: 'Opened sweep.json' })).toBeVisible();
  await expect(recordedPaths(page)).toHaveCount(2);
  await expect(page.getByText('trained by PyTorch on cpu')).toBeVisible();
  await expect(page.locator('.loss-legend .recorded-tag').first()).toHaveText('(recorded, PyTorch on cpu)');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.locator('.engine-note')).toContainText(
    "recorded by PyTorch on cpu: statistically equivalent to this lab's engine, not bit-identical",
  );
});
