import { expect, test } from '@playwright/test';
import { proxyUrl } from '../support/api.ts';
import { logInThroughForm } from '../support/web-client.ts';

test('one person changes status in the hosted client and another sees it follow', async ({ browser }) => {
  // Erin and Frank are used by no other browser test, so no other login of Erin's is still within
  // the grace period when she logs out.
  const erinContext = await browser.newContext();
  const frankContext = await browser.newContext();
  const erin = await erinContext.newPage();
  const frank = await frankContext.newPage();
  await logInThroughForm(erin, 'erin');
  await logInThroughForm(frank, 'frank');

  const erinSeenByFrank = frank.locator('st-live-name[user-id="erin"]').first();
  await expect(erinSeenByFrank).toHaveAttribute('status', 'available');

  await erin.getByLabel('Status', { exact: true }).selectOption({ label: 'Do not disturb' });
  await expect(erinSeenByFrank).toHaveAttribute('status', 'dnd');
  // Status is never colour alone: the accessible name says it in words.
  await expect(frank.getByRole('button', { name: /Do not disturb/ }).first()).toBeVisible();

  await erin.getByLabel('Status message').fill('Writing the quarterly report');
  await erin.getByLabel('Status message').press('Enter');
  await erin.getByLabel('Status', { exact: true }).selectOption({ label: 'Away' });
  await expect(erinSeenByFrank).toHaveAttribute('status', 'away');

  // Logging out takes Erin offline for Frank at once (it was her only session).
  await erin.getByRole('button', { name: 'Log out' }).click();
  await expect(erin.getByLabel('User ID')).toBeVisible();
  await expect(erinSeenByFrank).toHaveAttribute('status', 'offline');

  // Erin signs in on her phone alone: Frank sees her on mobile, in the icon and in words.
  const phone = await fetch(`${proxyUrl()}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'erin', password: 'demo', client: 'mobile' }),
  });
  expect(phone.status).toBe(201);
  await expect(erinSeenByFrank).toHaveAttribute('mobile', '');
  await expect(erinSeenByFrank.locator('[part="indicator"] svg.mobile')).toBeVisible();
  await expect(erinSeenByFrank.locator('button[part="base"]')).toHaveAccessibleName(/on mobile$/);
  const { token } = (await phone.json()) as { token: string };
  await fetch(`${proxyUrl()}/api/v1/session`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${token}` },
  });
  await expect(erinSeenByFrank).not.toHaveAttribute('mobile', '');
  await expect(erinSeenByFrank.locator('[part="indicator"] svg.mobile')).toHaveCount(0);

  await erinContext.close();
  await frankContext.close();
});
