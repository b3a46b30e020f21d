import { expect, type Locator, test } from '@playwright/test';
import { logInThroughForm } from '../support/web-client.ts';

/*
 * The one person search (`<st-person-search>`, an ARIA 1.2 combobox) by keyboard alone, where the
 * hosted client uses it: "Add contact" and the new group chat's people picker. The chat window's
 * "Add people" is the same element (chat.spec.ts invites with it). Kenji is a person no other
 * browser test changes; nothing here is saved.
 */

async function expectActive(combo: Locator, option: Locator): Promise<void> {
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(combo).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id'))!);
}

test('the person search by keyboard: minimum length, arrows, Home, End, Enter, Escape, no one found', async ({
  page,
}) => {
  await logInThroughForm(page, 'kenji');
  const combo = page.getByRole('combobox', { name: 'Add contact' });
  await expect(combo).toHaveAttribute('aria-autocomplete', 'list');
  const listbox = page.getByRole('listbox', { name: 'People found' });

  await combo.focus();
  await page.keyboard.type('e');
  // One character searches nothing: the list stays closed.
  await expect(combo).toHaveAttribute('aria-expanded', 'false');

  await page.keyboard.type('n'); // "en": Erin Eriksen, Judy Jørgensen, Kenji Yamada at least
  const options = listbox.getByRole('option');
  await expect(combo).toHaveAttribute('aria-expanded', 'true');
  await expect(combo).toHaveAttribute('aria-controls', (await listbox.getAttribute('id'))!);
  await expect(page.getByRole('status').filter({ hasText: /people found/ })).toBeVisible();
  const count = await options.count();
  expect(count).toBeGreaterThanOrEqual(3);
  // Focus stays in the field; the active option is announced through aria-activedescendant.
  await expect(combo).toBeFocused();
  await expect(combo).not.toHaveAttribute('aria-activedescendant');

  await page.keyboard.press('ArrowDown');
  await expectActive(combo, options.first());
  await page.keyboard.press('ArrowDown');
  await expectActive(combo, options.nth(1));
  await page.keyboard.press('End');
  await expectActive(combo, options.last());
  await page.keyboard.press('ArrowDown'); // wraps
  await expectActive(combo, options.first());
  await page.keyboard.press('ArrowUp'); // wraps back
  await expectActive(combo, options.last());
  await page.keyboard.press('Home');
  await expectActive(combo, options.first());
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'false');

  // Escape closes the list and keeps the text; a second Escape clears the field.
  await page.keyboard.press('Escape');
  await expect(listbox).toBeHidden();
  await expect(combo).toHaveAttribute('aria-expanded', 'false');
  await expect(combo).toHaveValue('en');
  await page.keyboard.press('ArrowDown'); // opens it again
  await expect(combo).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(combo).toHaveValue('');

  // No one found is said, not shown as an empty list.
  await page.keyboard.type('zqxw');
  await expect(page.getByRole('status').filter({ hasText: 'No one found for “zqxw”.' })).toBeVisible();
  await expect(combo).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Escape');

  // Enter chooses the active person: the field shows the name, the list closes.
  await page.keyboard.type('judy');
  const judy = options.filter({ hasText: 'Judy Jørgensen' });
  await expect(judy).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expectActive(combo, judy);
  await page.keyboard.press('Enter');
  await expect(combo).toHaveValue('Judy Jørgensen');
  await expect(listbox).toBeHidden();
});

test('the new group chat picks people with the same search, by keyboard', async ({ page }) => {
  await logInThroughForm(page, 'kenji');
  await page.getByRole('button', { name: 'New group chat' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a group chat' });
  const combo = dialog.getByRole('combobox', { name: 'People' });
  await combo.focus();
  for (const [query, name] of [
    ['eri', 'Erin Eriksen'],
    ['fisch', 'Frank Fischer'],
  ] as const) {
    await page.keyboard.type(query);
    const option = dialog.getByRole('option', { name: new RegExp(name) });
    await expect(option).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expectActive(combo, option);
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('button', { name: `Remove ${name}` })).toBeVisible();
    // Several choices: the field empties for the next one.
    await expect(combo).toHaveValue('');
    await expect(combo).toBeFocused();
  }
  // Someone chosen is not offered again.
  await page.keyboard.type('eri');
  await expect(dialog.getByRole('status').filter({ hasText: /No one found|found/ })).toBeVisible();
  await expect(dialog.getByRole('option', { name: /Erin Eriksen/ })).toHaveCount(0);
  // Escape in the search first clears it, then reaches the dialog, which closes.
  await page.keyboard.press('Escape');
  await expect(combo).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
