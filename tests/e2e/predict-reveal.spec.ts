/**
 * Predict, then reveal (issue 13, item 3): a story step asks its question with
 * the recording hidden, the lecturer reveals it by keyboard (R, or the B or
 * "." of a clicker's black-screen button) or by the button, the URL says
 * `revealed=1`, and Next/Previous still move. Outside the story `ask=1` asks
 * about a preset. axe checks the question.
 */
import { STORY } from '../../src/components/storySteps';
import { expect, openApp, test, type Page } from './fixtures';
import { recordedPaths, seriousViolations } from './lectureHelpers';

/** Waits until the experiment's recording is in the store (loaded, whether drawn or not). */
async function recordingLoaded(page: Page) {
  await page.waitForFunction(() => {
    const s = window.__nwl!.state() as unknown as { recording: unknown };
    return s.recording !== null;
  });
}

test('a story step hides its recording until R reveals it; the URL says so; next and back still work', async ({
  page,
}) => {
  await openApp(page, '/?story=2');
  const card = page.getByRole('region', { name: 'Predict first' });
  await expect(card).toContainText(STORY[1]!.ask!.prompt);
  // The recording is loaded but not drawn.
  await recordingLoaded(page);
  await expect(recordedPaths(page)).toHaveCount(0);
  await expect(page).toHaveURL((url) => !url.searchParams.has('revealed'));
  expect(await seriousViolations(page, 'story question')).toEqual([]);
  // The hall's guess can be marked; it reveals nothing.
  await page.getByRole('radio', { name: STORY[1]!.ask!.choices[0]! }).check();
  await expect(recordedPaths(page)).toHaveCount(0);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('r');
  await expect(recordedPaths(page)).toHaveCount(3);
  await expect(page).toHaveURL(
    (url) => url.searchParams.get('revealed') === '1' && url.searchParams.get('story') === '2',
  );
  const answered = page.getByRole('region', { name: 'The recording says' });
  await expect(answered).toContainText('✓ the recorded answer');
  await expect(answered.locator('label.answer')).toContainText(STORY[1]!.ask!.choices[STORY[1]!.ask!.answer!]!);
  // The next step asks afresh; its recording is hidden again.
  await page.keyboard.press('PageDown');
  await expect(page.locator('#story-title')).toHaveText(STORY[2]!.title);
  await expect(page).toHaveURL((url) => url.searchParams.get('story') === '3' && !url.searchParams.has('revealed'));
  await expect(page.getByRole('region', { name: 'Predict first' })).toContainText(STORY[2]!.ask!.prompt);
  await expect(recordedPaths(page)).toHaveCount(0);
  // A clicker's black-screen key reveals too.
  await page.keyboard.press('b');
  await expect(recordedPaths(page)).toHaveCount(3);
  // Back returns to step 2 as it was left: revealed.
  await page.keyboard.press('PageUp');
  await expect(page.locator('#story-title')).toHaveText(STORY[1]!.title);
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(
    (url) => url.searchParams.get('story') === '2' && url.searchParams.get('revealed') === '1',
  );
  await expect(recordedPaths(page)).toHaveCount(3);
});

test('a link with revealed=1 opens the answer; a step without a question shows its recording', async ({ page }) => {
  await openApp(page, '/?story=5&revealed=1');
  await expect(page.getByRole('region', { name: 'The recording says' })).toBeVisible();
  await openApp(page, '/?story=7');
  await expect(page.getByRole('region', { name: 'Predict first' })).toHaveCount(0);
  await expect(recordedPaths(page)).toHaveCount(3);
});

test('ask=1 asks about a preset outside the story; the Reveal button shows it', async ({ page }) => {
  await openApp(page, '/?vs=w:normal,uniform,rademacher&vs2=seed:1,2,3&ask=1');
  const card = page.getByRole('region', { name: 'Predict first' });
  await expect(card).toContainText('normal, uniform or ±1');
  await recordingLoaded(page);
  await expect(recordedPaths(page)).toHaveCount(0);
  expect(await seriousViolations(page, 'ask=1 question')).toEqual([]);
  await card.getByRole('button', { name: 'Reveal the result' }).click();
  await expect(recordedPaths(page)).toHaveCount(3);
  await expect(page).toHaveURL(
    (url) => url.searchParams.get('ask') === '1' && url.searchParams.get('revealed') === '1',
  );
});
