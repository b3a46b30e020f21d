import { type Browser, expect, type Page, test } from '@playwright/test';
import { type ChatPerson, useChatProxy } from '../support/chat-people.ts';

/*
 * Preferences and privacy in the hosted client, in Chromium: "Hide offline contacts" takes offline
 * people out of the list (and stays so after a reload); a privacy list of "only these people"
 * makes the person offline for everyone else, while those listed still see them.
 */

const chat = useChatProxy();

async function person(
  browser: Browser,
  userId: ChatPerson,
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  const { page } = await chat.person(browser, userId, viewport);
  return page;
}

const nameIn = (page: Page, userId: string) =>
  page.locator(`st-web-contacts st-live-name[user-id="${userId}"]`);

test('a person hidden by a privacy list shows offline; the people listed still see them', async ({
  browser,
}) => {
  const uma = await person(browser, 'uma');
  const pat = await person(browser, 'pat');
  const vic = await person(browser, 'vic');
  await expect(nameIn(pat, 'uma')).toHaveAttribute('status', 'available');
  await expect(nameIn(vic, 'uma')).toHaveAttribute('status', 'available');

  await uma.getByRole('button', { name: 'Privacy' }).click();
  const dialog = uma.getByRole('dialog', { name: 'Privacy' });
  await dialog.getByLabel('Only these people').check();
  await dialog.getByRole('combobox', { name: 'People' }).fill('Vic');
  await dialog.getByRole('option', { name: /Vic Vance/ }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.locator('.app-dialog__notice')).toHaveText('Saved: only 1 person sees you.');
  await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();

  await expect(nameIn(pat, 'uma')).toHaveAttribute('status', 'offline');
  await expect(nameIn(vic, 'uma')).toHaveAttribute('status', 'available');

  // Opened again, the dialog shows the list as stored; back to everybody.
  await uma.getByRole('button', { name: 'Privacy' }).click();
  await expect(dialog.getByLabel('Only these people')).toBeChecked();
  await expect(dialog.getByRole('list', { name: 'Chosen' })).toContainText('Vic Vance');
  await dialog.getByRole('button', { name: 'Remove Vic Vance' }).click();
  await dialog.getByLabel('Everybody except these people').check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.locator('.app-dialog__notice')).toHaveText('Saved: everybody sees you.');
  await expect(nameIn(pat, 'uma')).toHaveAttribute('status', 'available');
});

test('“Hide offline contacts” leaves offline people out, in every tab and after a reload', async ({
  browser,
}) => {
  const wes = await person(browser, 'wes');
  const other = await person(browser, 'wes', { width: 360, height: 740 });
  await expect(nameIn(wes, 'tess')).toHaveAttribute('status', 'offline');

  await wes.getByRole('button', { name: 'Preferences' }).click();
  const dialog = wes.getByRole('dialog', { name: 'Preferences' });
  await dialog.getByLabel('Hide offline contacts').check();
  await expect(dialog.locator('.app-dialog__notice')).toHaveText('Saved.');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  await expect(nameIn(wes, 'tess')).toHaveCount(0);
  await expect(wes.locator('st-web-contacts')).toContainText('offline not shown');
  // The other tab (a phone) follows at once.
  await expect(nameIn(other, 'tess')).toHaveCount(0);
  await wes.reload();
  await expect(wes.getByLabel('Status', { exact: true })).toBeVisible();
  await expect(wes.locator('st-web-contacts')).toContainText('offline not shown');
  await expect(nameIn(wes, 'tess')).toHaveCount(0);

  // Put it back, by keyboard: Space ticks the box.
  await wes.getByRole('button', { name: 'Preferences' }).click();
  await dialog.getByLabel('Hide offline contacts').focus();
  await wes.keyboard.press('Space');
  await expect(dialog.getByLabel('Hide offline contacts')).not.toBeChecked();
  await wes.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(nameIn(wes, 'tess')).toHaveAttribute('status', 'offline');
});
