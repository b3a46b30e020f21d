import { expect, type Page } from '@playwright/test';
import { proxyUrl } from './api.ts';

/** Log in through the hosted client's form, as a person does. */
export async function logInThroughForm(page: Page, userId: string, password = 'demo'): Promise<void> {
  await page.goto(proxyUrl());
  await page.getByLabel('User ID').fill(userId);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByLabel('Status', { exact: true })).toBeVisible();
}
