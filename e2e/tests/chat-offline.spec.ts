import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import { type ChatPerson, useChatProxy } from '../support/chat-people.ts';

/*
 * Chat across absences, in Chromium: a message to someone offline waits and arrives, marked, when
 * they log in; what is typed while the network is down waits in the outbox and is sent exactly
 * once when it returns.
 */

const chat = useChatProxy();

async function person(
  browser: Browser,
  userId: ChatPerson,
): Promise<{ page: Page; context: BrowserContext }> {
  return chat.person(browser, userId);
}

const shownChat = (page: Page): Locator => page.locator('.chats__panel:not([hidden]) st-chat-window');
const messageBox = (page: Page) => shownChat(page).getByRole('textbox', { name: 'Message' });
const messages = (page: Page) => shownChat(page).locator('[part="transcript"] [part~="message"]');

async function chatWith(page: Page, userId: string): Promise<void> {
  await page.locator(`st-web-contacts st-live-name[user-id="${userId}"] button[part="base"]`).click();
  await expect(messageBox(page)).toBeFocused();
}

async function send(page: Page, text: string): Promise<void> {
  await messageBox(page).fill(text);
  await messageBox(page).press('Enter');
}

test('a message to someone offline arrives when they log in, marked as such', async ({ browser }) => {
  const { page: pat } = await person(browser, 'pat');
  await chatWith(pat, 'tess');
  await send(pat, 'Call me when you are in');
  await expect(messages(pat).last().locator('[part="receipt"]')).toContainText('Sent');

  const { page: tess } = await person(browser, 'tess');
  // The chat is shown at once (nothing else was open), with the message marked.
  const arrived = messages(tess).filter({ hasText: 'Call me when you are in' });
  await expect(arrived).toHaveCount(1);
  await expect(arrived.locator('[part="offline"]')).toHaveText(/Sent while you were offline/);
  await expect(arrived).toHaveAttribute('part', /message-offline/);
  // Tess read it, and Pat's window says so.
  await expect(messages(pat).last().locator('[part="receipt"]')).toContainText('Read');
});

test('typed while the network is down: waits as “Sending…”, then is sent exactly once', async ({
  browser,
}) => {
  const { page: rosa, context } = await person(browser, 'rosa');
  const { page: sam } = await person(browser, 'sam');
  await chatWith(rosa, 'sam');
  await send(rosa, 'online first');
  await expect(messages(rosa).last().locator('[part="receipt"]')).toContainText(/Delivered|Read/);

  await context.setOffline(true);
  await send(rosa, 'typed in the tunnel');
  await send(rosa, 'and another');
  const waiting = messages(rosa).filter({ hasText: /tunnel|another/ });
  await expect(waiting).toHaveCount(2);
  await expect(waiting.locator('[part="receipt"]')).toHaveText([/Sending…/, /Sending…/]);

  await context.setOffline(false);
  await expect(waiting.locator('[part="receipt"]')).toHaveText([/Delivered|Read/, /Delivered|Read/]);
  await sam.getByRole('tab', { name: /Rosa Romero/ }).click();
  await expect(messages(sam).locator('[part="text"]')).toHaveText([
    'online first',
    'typed in the tunnel',
    'and another',
  ]);
  // Reloaded from the proxy's history: still once each.
  await sam.reload();
  await sam
    // The chat list's entry, not another button that names the person (e.g. "Nickname…").
    .locator('st-web-conversations')
    .getByRole('button', { name: /Rosa Romero/ })
    .click();
  await expect(messages(sam).locator('[part="text"]')).toHaveText([
    'online first',
    'typed in the tunnel',
    'and another',
  ]);
});
