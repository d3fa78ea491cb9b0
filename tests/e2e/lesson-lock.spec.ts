/**
 * Lesson links (issue 13, item 5): `lock=teacher,inputs` shows those groups of
 * controls disabled with a note why, leaves the others editable, and an
 * unknown group name gets a notice. A lock of a group that a compare axis
 * varies locks the compare-axis picker too. axe checks the locked form.
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
  // The default compare axis varies the inputs: the picker is locked with them, with the same note.
  const picker = page.getByRole('group', { name: 'Compare runs' });
  await expect(picker).toHaveAttribute('disabled', '');
  await expect(picker).toContainText('Locked by this lesson link');
  await expect(picker.getByRole('combobox', { name: 'compare' })).toBeDisabled();
  await expect(picker.getByRole('textbox', { name: 'over seeds' })).toBeDisabled();
  await expect(page).toHaveURL((url) => url.searchParams.get('lock') === 'teacher,inputs');
  expect(await seriousViolations(page, 'lesson link')).toEqual([]);
});

test('an unknown lock group gets a notice and locks nothing for it', async ({ page }) => {
  await openApp(page, '/?lock=student,weights');
  await expect(page.getByRole('status').filter({ hasText: 'lock=weights is no group of controls' })).toBeVisible();
  await expect(page.locator('fieldset.group-student')).toHaveAttribute('disabled', '');
  await expect(page.locator('fieldset.group-teacher')).not.toHaveAttribute('disabled');
  await expect(page.getByRole('textbox', { name: 'input dimension' })).toBeEnabled();
  // The axes vary no student field: the picker stays open, but offers no locked field as a new axis.
  const picker = page.getByRole('group', { name: 'Compare runs' });
  await expect(picker).not.toHaveAttribute('disabled');
  await expect(picker).not.toContainText('Locked');
  const against = picker.getByRole('combobox', { name: 'against' });
  await expect(against).toBeEnabled();
  await expect(against.locator('option[value="k"]')).toHaveCount(1);
  await expect(against.locator('option[value="h"]')).toHaveCount(0);
});

test('a lock of the group a compare axis varies locks the picker: lock=student with vs=h', async ({ page }) => {
  await openApp(page, '/?vs=h:16,128&lock=student');
  const picker = page.getByRole('group', { name: 'Compare runs' });
  await expect(picker).toHaveAttribute('disabled', '');
  await expect(picker.locator('.lock-note')).toHaveText('Locked by this lesson link');
  await expect(picker.getByRole('textbox', { name: 'values of student width' })).toBeDisabled();
  expect(await seriousViolations(page, 'locked compare axes')).toEqual([]);
});
