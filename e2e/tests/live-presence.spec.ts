import { expect, test } from '@playwright/test';
import { logInThroughForm } from '../support/web-client.ts';

test('one person changes status in the hosted client and another sees it follow', async ({ browser }) => {
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  const bob = await bobContext.newPage();
  await logInThroughForm(alice, 'alice');
  await logInThroughForm(bob, 'bob');

  const aliceSeenByBob = bob.locator('st-live-name[user-id="alice"]').first();
  await expect(aliceSeenByBob).toHaveAttribute('status', 'available');

  await alice.getByLabel('Status', { exact: true }).selectOption({ label: 'Do not disturb' });
  await expect(aliceSeenByBob).toHaveAttribute('status', 'dnd');
  // Status is never colour alone: the accessible name says it in words.
  await expect(bob.getByRole('button', { name: /Do not disturb/ }).first()).toBeVisible();

  await alice.getByLabel('Status message').fill('Writing the quarterly report');
  await alice.getByLabel('Status message').press('Enter');
  await alice.getByLabel('Status', { exact: true }).selectOption({ label: 'Away' });
  await expect(aliceSeenByBob).toHaveAttribute('status', 'away');

  // Logging out takes Alice offline for Bob at once (it was her only session).
  await alice.getByRole('button', { name: 'Log out' }).click();
  await expect(alice.getByLabel('User ID')).toBeVisible();
  await expect(aliceSeenByBob).toHaveAttribute('status', 'offline');

  await aliceContext.close();
  await bobContext.close();
});
