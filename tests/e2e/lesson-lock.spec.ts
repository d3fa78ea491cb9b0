/**
 * Lesson links (issue 13, item 5): `lock=teacher,inputs` shows those groups of
 * controls disabled with a note why, leaves the others editable, and an
 * unknown group name gets a notice. axe checks the locked form.
 */
import { expect, openApp, test } from './fixtures';
import { seriousViolations } from './lectureHelpers';

test('lock=teacher,inputs disables those groups with a note; the student stays editable', async ({ page }) => {
  await openApp(page, '/?lock=teacher,inputs');
  const teacher = page.locator('fieldset.group-teacher');
  await expect(teacher).toHaveAttribute('disabled', '');
  await expect(teacher).toContainText('Locked by this lesson link');
  await expect(page.getByRole('textbox', { name: 'input dimension' })).toBeDisabled();
  await expect(page.locator('fieldset.group-inputs')).toHaveAttribute('disabled', '');
  await expect(page.getByRole('textbox', { name: 'parity size' })).toBeDisabled();
  const student = page.locator('fieldset.group-student');
  await expect(student).not.toHaveAttribute('disabled');
  await expect(page.getByRole('textbox', { name: 'student width' })).toBeEnabled();
  await expect(student).not.toContainText('Locked');
  await expect(page).toHaveURL((url) => url.searchParams.get('lock') === 'teacher,inputs');
  expect(await seriousViolations(page, 'lesson link')).toEqual([]);
});

test('an unknown lock group gets a notice and locks nothing for it', async ({ page }) => {
  await openApp(page, '/?lock=student,weights');
  await expect(page.getByRole('status').filter({ hasText: 'lock=weights is no group of controls' })).toBeVisible();
  await expect(page.locator('fieldset.group-student')).toHaveAttribute('disabled', '');
  await expect(page.locator('fieldset.group-teacher')).not.toHaveAttribute('disabled');
  await expect(page.getByRole('textbox', { name: 'input dimension' })).toBeEnabled();
});
