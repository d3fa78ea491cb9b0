/**
 * The guided story walked end to end with the keyboard: arrow keys and
 * PageDown/PageUp (presenter clickers), the URL following each step with the
 * step's experiment, Back, a link to a step, a step number out of range, the
 * live region, presentation mode at 1920x1080, and axe.
 */
import { STORY } from '../../src/components/storySteps';
import { parsePermalink, serialisePermalink } from '../../src/core/permalink';
import { expect, openApp, test, type Page } from './fixtures';
import { seriousViolations } from './lectureHelpers';

function title(page: Page) {
  return page.locator('#story-title');
}

async function expectStep(page: Page, n: number) {
  const step = STORY[n - 1]!;
  await expect(title(page)).toHaveText(step.title);
  await expect(page).toHaveURL((url) => url.searchParams.get('story') === String(n));
  // The experiment's own keys stay in the URL beside the story key.
  const query = new URL(page.url()).search.replace(/^\?/, '').replace(/&?story=\d+/, '');
  expect(serialisePermalink(parsePermalink(query).experiment)).toBe(
    serialisePermalink(parsePermalink(step.query).experiment),
  );
}

test('the story walked with the keyboard, forward and back, the URL following it', async ({ page }) => {
  await openApp(page, '/');
  await page.getByRole('button', { name: 'Story' }).click();
  await expectStep(page, 1);
  const keys = ['ArrowRight', 'PageDown', 'ArrowRight', 'PageDown', 'ArrowRight', 'PageDown'];
  for (let i = 0; i < keys.length; i++) {
    await page.keyboard.press(keys[i]!);
    await expectStep(page, i + 2);
  }
  // Past the end nothing moves, and the last step states the theorem's quantifiers.
  await page.keyboard.press('ArrowRight');
  await expectStep(page, STORY.length);
  const text = page.getByRole('region', { name: STORY[STORY.length - 1]!.title });
  await expect(text).toContainText('may depend on the weights');
  await expect(text).toContainText('RSAT');
  await expect(text).toContainText('asymptotic');
  await expect(text).toContainText('not a proof');
  await page.keyboard.press('PageUp');
  await expectStep(page, STORY.length - 1);
  await page.keyboard.press('ArrowLeft');
  await expectStep(page, STORY.length - 2);
  await page.keyboard.press('Home');
  await expectStep(page, 1);
  await page.keyboard.press('End');
  await expectStep(page, STORY.length);
  // Every step was a history entry: Back walks the story backwards.
  await page.goBack();
  await expectStep(page, 1);
  await page.goBack();
  await expectStep(page, STORY.length - 2);
});

test('the buttons move between steps and the step text is in a polite live region', async ({ page }) => {
  await openApp(page, '/?story=2');
  await expectStep(page, 2);
  const live = page.locator('[aria-live="polite"]').filter({ has: title(page) });
  await expect(live).toHaveAttribute('aria-atomic', 'true');
  await expect(live).toContainText('Step 2 of 7');
  await page.getByRole('button', { name: 'Next →' }).click();
  await expectStep(page, 3);
  await expect(live).toContainText(STORY[2]!.say[0]!);
  await page.getByRole('button', { name: '← Previous' }).click();
  await expectStep(page, 2);
  await page.getByRole('button', { name: /^step 5:/ }).click();
  await expectStep(page, 5);
  await page.getByRole('button', { name: 'Leave the story' }).click();
  await expect(page.getByRole('complementary', { name: 'settings' })).toBeVisible();
  await expect(page).toHaveURL((url) => !url.searchParams.has('story'));
  await expect(page.getByRole('textbox', { name: 'values of parity size' })).toHaveValue('2, 3, 4, 5, 6, 7');
});

test('a link to a step opens it with its experiment; a step out of range is clamped with a notice', async ({
  page,
}) => {
  await openApp(page, '/?story=3');
  await expectStep(page, 3);
  await openApp(page, '/?story=99');
  await expectStep(page, STORY.length);
  await expect(
    page.getByRole('status').filter({ hasText: 'story=99 is not a step of the story (1 to 7)' }),
  ).toBeVisible();
});

test('presentation mode at 1920x1080: large text, the chart beside it, axe clean', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openApp(page, '/?story=2');
  await page.getByRole('button', { name: 'Presentation', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Exit presentation' })).toHaveAttribute('aria-pressed', 'true');
  const size = await page
    .locator('.story-text p')
    .nth(1)
    .evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  expect(size).toBeGreaterThanOrEqual(26); // about 1/40 of the screen height: readable from the back of a hall
  const chart = await page.locator('svg.loss-chart').boundingBox();
  expect(chart && chart.y + chart.height).toBeLessThanOrEqual(1080);
  await page.keyboard.press('PageDown');
  await expectStep(page, 3);
  expect(await seriousViolations(page, 'story in presentation mode')).toEqual([]);
});

test('axe: a story step with its recorded runs', async ({ page }) => {
  await openApp(page, '/?story=1&revealed=1');
  await expect(page.locator('svg.loss-chart path.recorded')).toHaveCount(1);
  expect(await seriousViolations(page, 'story step')).toEqual([]);
});
