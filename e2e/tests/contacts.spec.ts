import { expect, type Page, test } from '@playwright/test';
import { apiLogin, apiSetStatus } from '../support/api.ts';
import { logInThroughForm } from '../support/web-client.ts';

/*
 * The contact list in the hosted client: adding a person found with the type-ahead and seeing
 * them live, managing groups (with confirmation before anything is destroyed), another tab
 * following the changes, and all of it at phone width. Judy, Kenji and Leila are people no other
 * browser test logs in as.
 */

async function createGroup(page: Page, name: string): Promise<void> {
  await page.getByLabel('New group').fill(name);
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('button', { name: `Delete group ${name}` })).toBeVisible();
}

test.describe('contacts', () => {
  test('adding a contact through the type-ahead, then seeing them live', async ({ page }) => {
    await logInThroughForm(page, 'kenji');
    await createGroup(page, 'Partners');

    const combo = page.getByRole('combobox', { name: 'Add contact' });
    await combo.fill('l');
    // One character searches nothing.
    await expect(combo).toHaveAttribute('aria-expanded', 'false');
    await combo.fill('leï');
    const listbox = page.getByRole('listbox', { name: 'People found' });
    const leila = listbox.getByRole('option', { name: /Leïla Benali/ });
    await expect(leila).toBeVisible();
    await expect(combo).toHaveAttribute('aria-expanded', 'true');

    // Keyboard: the arrow makes the option active (announced through aria-activedescendant).
    await combo.press('ArrowDown');
    await expect(leila).toHaveAttribute('aria-selected', 'true');
    await expect(combo).toHaveAttribute('aria-activedescendant', (await leila.getAttribute('id'))!);
    await combo.press('Enter');
    await expect(combo).toHaveValue('Leïla Benali');
    await expect(listbox).toBeHidden();

    await page.getByLabel('Group', { exact: true }).selectOption('Partners');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const partners = page.getByRole('list', { name: 'Partners' });
    const leilaName = partners.locator('st-live-name[user-id="leila"]');
    await expect(leilaName).toBeVisible();
    await expect(page.getByText('Leïla Benali added to Partners.')).toBeVisible();
    await expect(leilaName).toHaveAttribute('status', 'offline');

    // Live: Leïla logs in elsewhere and changes her status; the new contact follows.
    const token = await apiLogin('leila');
    await expect(leilaName).toHaveAttribute('status', 'available');
    await apiSetStatus(token, 'dnd', 'Interviews all day');
    await expect(leilaName).toHaveAttribute('status', 'dnd');
    await expect(partners.getByText('Interviews all day')).toBeVisible();
    await apiSetStatus(token, 'available');
  });

  test('groups are renamed, deleted and emptied with confirmation, by keyboard too', async ({ page }) => {
    await logInThroughForm(page, 'judy');
    await createGroup(page, 'Temporary');
    await page.getByRole('combobox', { name: 'Add contact' }).fill('kenji');
    await page.getByRole('listbox', { name: 'People found' }).getByRole('option').first().click();
    await page.getByLabel('Group', { exact: true }).selectOption('Temporary');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(
      page.getByRole('list', { name: 'Temporary' }).locator('st-live-name[user-id="kenji"]'),
    ).toBeVisible();

    // Rename, from the keyboard.
    await page.getByRole('button', { name: 'Rename group Temporary' }).focus();
    await page.keyboard.press('Enter');
    const newName = page.getByLabel('New name for Temporary');
    await expect(newName).toBeFocused();
    await newName.fill('Reviewers');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('list', { name: 'Reviewers' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Rename group Temporary' })).toHaveCount(0);

    // A name that is taken is refused before anything is sent.
    await page.getByRole('button', { name: 'Rename group Reviewers' }).click();
    await page.getByLabel('New name for Reviewers').fill('Team');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('There is already a group called “Team”.')).toBeVisible();
    await page.getByLabel('New name for Reviewers').press('Escape');

    // Removing a contact asks first; Cancel keeps them, Remove removes them.
    const remove = page.getByRole('button', { name: /^Remove .*Kenji Yamada.* from Reviewers$/ });
    await remove.click();
    const confirm = page.getByRole('dialog', { name: /^Remove / });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    await expect(
      page.getByRole('list', { name: 'Reviewers' }).locator('st-live-name[user-id="kenji"]'),
    ).toBeVisible();
    await remove.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByRole('list', { name: 'Reviewers' })).toHaveCount(0);
    await expect(page.getByText('Nobody in this group yet.')).toBeVisible();

    // Deleting the group asks too; Escape cancels.
    await page.getByRole('button', { name: 'Delete group Reviewers' }).click();
    await expect(page.getByRole('dialog', { name: 'Delete the group “Reviewers”?' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Delete group Reviewers' })).toBeVisible();
    await page.getByRole('button', { name: 'Delete group Reviewers' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete group' }).click();
    await expect(page.getByRole('button', { name: 'Delete group Reviewers' })).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Group “Reviewers” deleted.' })).toBeVisible();
  });

  test('a contact is moved to another group and given a nickname, by keyboard, at phone width', async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
    const page = await context.newPage();
    await logInThroughForm(page, 'leila');
    await createGroup(page, 'Mentors');
    await createGroup(page, 'Alumni');
    await page.getByRole('combobox', { name: 'Add contact' }).fill('judy');
    await page.getByRole('listbox', { name: 'People found' }).getByRole('option').first().click();
    await page.getByLabel('Group', { exact: true }).selectOption('Mentors');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const mentors = page.getByRole('list', { name: 'Mentors' });
    await expect(mentors.locator('st-live-name[user-id="judy"]')).toBeVisible();

    // Move: the button opens a small form whose list offers only the other groups; Escape closes it.
    const moveButton = mentors.getByRole('button', { name: 'Move Judy Jørgensen to another group' });
    await moveButton.focus();
    await page.keyboard.press('Enter');
    const target = page.getByLabel('Move Judy Jørgensen from Mentors to');
    await expect(target).toBeFocused();
    await expect(target.locator('option')).not.toContainText(['Mentors']);
    await page.keyboard.press('Escape');
    await expect(target).toHaveCount(0);
    await expect(moveButton).toBeFocused();
    await page.keyboard.press('Enter');
    await target.selectOption('Alumni');
    await page.keyboard.press('Tab');
    await expect(mentors.getByRole('button', { name: 'Move', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    const alumni = page.getByRole('list', { name: 'Alumni' });
    await expect(alumni.locator('st-live-name[user-id="judy"]')).toBeVisible();
    await expect(page.getByRole('list', { name: 'Mentors' })).toHaveCount(0);
    await expect(
      page.getByRole('status').filter({ hasText: 'Judy Jørgensen moved from “Mentors” to “Alumni”.' }),
    ).toBeVisible();

    // Nickname: the app's dialog, a field labelled "Nickname"; a bad one is refused in its alert.
    const nicknameButton = alumni.getByRole('button', { name: 'Nickname for Judy Jørgensen' });
    await nicknameButton.click();
    const dialog = page.getByRole('dialog', { name: 'Nickname for Judy Jørgensen' });
    const field = dialog.getByLabel('Nickname', { exact: true });
    await expect(field).toBeFocused();
    await field.fill('J'.repeat(65));
    await field.press('Enter');
    await expect(dialog.getByRole('alert')).toHaveText('A nickname has at most 64 characters.');
    await field.fill('  Jojo ');
    await field.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(nicknameButton).toBeFocused();
    await expect(alumni.getByText('“Jojo”')).toBeVisible();
    await expect(
      page.getByRole('status').filter({ hasText: 'Judy Jørgensen is now called “Jojo” in your list.' }),
    ).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // An empty field takes the nickname away.
    await nicknameButton.click();
    await expect(field).toHaveValue('Jojo');
    await field.fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(alumni.getByText('“Jojo”')).toHaveCount(0);
    await expect(
      page.getByRole('status').filter({ hasText: 'Judy Jørgensen no longer has a nickname.' }),
    ).toBeVisible();
    await context.close();
  });

  test('another tab of the same person follows the changes at once', async ({ context }) => {
    const first = await context.newPage();
    await logInThroughForm(first, 'leila');
    const second = await context.newPage();
    await second.goto(first.url());
    await expect(second.getByLabel('Status', { exact: true })).toBeVisible();

    await createGroup(first, 'Book club');
    await expect(second.getByRole('button', { name: 'Delete group Book club' })).toBeVisible();
  });

  test('works at phone width', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
    const page = await context.newPage();
    await logInThroughForm(page, 'kenji');
    const combo = page.getByRole('combobox', { name: 'Add contact' });
    await combo.fill('judy');
    const option = page.getByRole('listbox', { name: 'People found' }).getByRole('option').first();
    await expect(option).toBeInViewport();
    const box = (await page.getByRole('listbox', { name: 'People found' }).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    await option.click();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByText(/added to /)).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
