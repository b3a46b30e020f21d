import { expect, test } from '@playwright/test';
import { apiLogin, apiSetStatus, pagesUrl, proxyUrl } from '../support/api.ts';

test('a page on another origin shows live status through <st-session token>', async ({ page }) => {
  const viewer = await apiLogin('dave');
  const carol = await apiLogin('carol');
  await apiSetStatus(carol, 'in-meeting', 'Board meeting');

  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${pagesUrl()}/embed.html#token=${encodeURIComponent(viewer)}`);
  expect(new URL(page.url()).origin).not.toBe(new URL(proxyUrl()).origin);

  const carolName = page.locator('st-live-name[user-id="carol"]');
  await expect(carolName).toHaveAttribute('status', 'in-meeting');
  await expect(carolName).toContainText(/Carol/);

  await apiSetStatus(carol, 'available');
  await expect(carolName).toHaveAttribute('status', 'available');

  // Someone who is not a person of the directory shows as offline, not as an error.
  await expect(page.locator('st-live-name[user-id="nobody-here"]')).toHaveAttribute('status', 'offline');
  expect(errors).toEqual([]);
});
