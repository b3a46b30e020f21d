import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import { apiToken, type ChatPerson, useChatProxy } from '../support/chat-people.ts';

/*
 * Chat in the hosted client, in Chromium, on a proxy of its own (people no other test uses): two
 * people chat with typing and receipts, markup stays text, a reload keeps history, N-way invite and
 * leave, and the whole of it at 360 px by keyboard.
 */

const chat = useChatProxy();

async function person(
  browser: Browser,
  userId: ChatPerson,
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  const { page } = await chat.person(browser, userId, viewport);
  // A message is never HTML: any script it smuggled in would show up here.
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
  return page;
}

function contactName(page: Page, userId: string): Locator {
  return page.locator(`st-web-contacts st-live-name[user-id="${userId}"] button[part="base"]`);
}

/** The chat shown now (the other tabs' windows are hidden). */
function shownChat(page: Page): Locator {
  return page.locator('.chats__panel:not([hidden]) st-chat-window');
}

function messageBox(page: Page): Locator {
  return shownChat(page).getByRole('textbox', { name: 'Message' });
}

function transcript(page: Page): Locator {
  return shownChat(page).locator('[part="transcript"]');
}

/** The texts of the transcript kept in the page's IndexedDB (runs in the page). */
function cachedTexts(database: string): Promise<string[]> {
  return new Promise((resolve) => {
    const open = indexedDB.open(database);
    open.onerror = () => resolve([]);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('history')) return resolve([]);
      const all = db.transaction('history').objectStore('history').getAll();
      all.onsuccess = () => {
        const transcript = all.result.find((value) => Array.isArray(value?.messages));
        resolve(transcript ? transcript.messages.map((m: { text: string }) => m.text) : []);
      };
    };
  });
}

test.describe('chat in the hosted client', () => {
  test('two people chat: a tab appears, typing shows, receipts say delivered and read', async ({
    browser,
  }) => {
    const pat = await person(browser, 'pat');
    const quinn = await person(browser, 'quinn');

    // Quinn is in a chat with Rosa when Pat writes: Pat's chat must not take her place or focus.
    await contactName(quinn, 'rosa').click();
    await expect(messageBox(quinn)).toBeFocused();

    await contactName(pat, 'quinn').click();
    await expect(pat.getByRole('tab', { name: /Quinn Quigley/ })).toHaveAttribute('aria-selected', 'true');
    await expect(messageBox(pat)).toBeFocused();
    await messageBox(pat).fill('Hello Quinn');
    await messageBox(pat).press('Enter');
    await expect(messageBox(pat)).toHaveValue('');
    await expect(transcript(pat)).toContainText('Hello Quinn');

    const patTab = quinn.getByRole('tab', { name: /Pat Patel/ });
    await expect(patTab).toBeVisible();
    await expect(patTab).toHaveAttribute('aria-selected', 'false');
    await expect(patTab).toContainText('1');
    await expect(quinn).toHaveTitle(/^\(1\) Quinn Quigley/);
    await expect(messageBox(quinn)).toBeFocused();
    await expect(pat.locator('st-chat-window [part="receipt"]').last()).toContainText('Delivered');

    // Quinn opens it: it is read, and Pat sees so.
    await patTab.click();
    await expect(transcript(quinn)).toContainText('Hello Quinn');
    await expect(quinn).toHaveTitle(/^Quinn Quigley/);
    await expect(pat.locator('st-chat-window [part="receipt"]').last()).toContainText('Read');

    // Quinn types: Pat sees it, politely announced; Shift+Enter breaks the line, Enter sends.
    await messageBox(quinn).pressSequentially('Hi Pat');
    const typing = shownChat(pat).locator('[part="typing"]');
    await expect(typing).toHaveText('Quinn is typing…');
    await expect(typing).toHaveAttribute('aria-live', 'polite');
    await messageBox(quinn).press('Shift+Enter');
    await messageBox(quinn).pressSequentially('second line :)');
    await messageBox(quinn).press('Enter');
    const reply = transcript(pat).locator('[part~="message"]').last().locator('[part="text"]');
    await expect(reply).toHaveText('Hi Patsecond line 🙂');
    await expect(reply.locator('br')).toHaveCount(1);
    await expect(typing).toHaveText('');
  });

  test('markup in a message is text, while *bold*, _italic_ and safe links are formatted', async ({
    browser,
  }) => {
    const pat = await person(browser, 'pat');
    const rosa = await person(browser, 'rosa');
    await contactName(pat, 'rosa').click();
    const markup = '<img src=x onerror=alert(1)> <b>bold</b> <script>alert(2)</script>';
    await messageBox(pat).fill(markup);
    await messageBox(pat).press('Enter');
    await messageBox(pat).fill('*strong* and _soft_ https://example.com/x javascript:alert(3)');
    await messageBox(pat).press('Enter');

    await rosa.getByRole('tab', { name: /Pat Patel/ }).click();
    const texts = transcript(rosa).locator('[part="text"]');
    await expect(texts.first()).toHaveText(markup);
    await expect(transcript(rosa).locator('img, b, script')).toHaveCount(0);
    const formatted = texts.nth(1);
    await expect(formatted.locator('strong')).toHaveText('strong');
    await expect(formatted.locator('em')).toHaveText('soft');
    const link = formatted.getByRole('link', { name: 'https://example.com/x' });
    await expect(link).toHaveAttribute('href', 'https://example.com/x');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(formatted.locator('a')).toHaveCount(1);
    await expect(formatted).toContainText('javascript:alert(3)');
  });

  test('a reload keeps the history, shown from the cache before the proxy answers', async ({ browser }) => {
    const sam = await person(browser, 'sam');
    await contactName(sam, 'tess').click();
    for (const text of ['first', 'second', 'third']) {
      await messageBox(sam).fill(text);
      await messageBox(sam).press('Enter');
    }
    await expect(transcript(sam).locator('[part="text"]')).toHaveText(['first', 'second', 'third']);
    // The cache is written shortly after the last change: wait until it holds all three.
    await expect
      .poll(() => sam.evaluate(cachedTexts, 'st-sam-history'))
      .toEqual(['first', 'second', 'third']);

    await sam.route('**/api/v1/conversations/*/messages*', async (route) => {
      // History from the proxy is slow after the reload: the cached transcript shows anyway.
      if (route.request().method() === 'GET') await new Promise((resolve) => setTimeout(resolve, 3000));
      await route.continue();
    });
    await sam.reload();
    await expect(sam.getByLabel('Status', { exact: true })).toBeVisible();
    await sam
      // The chat list's entry, not another button that names the person (e.g. "Nickname…").
      .locator('st-web-conversations')
      .getByRole('button', { name: /Tess Turner/ })
      .click();
    await expect(transcript(sam).locator('[part="text"]')).toHaveText(['first', 'second', 'third'], {
      timeout: 2500,
    });
  });

  test('a group chat: start it with two people, accept, decline, invite one more, leave', async ({
    browser,
  }) => {
    const uma = await person(browser, 'uma');
    const vic = await person(browser, 'vic');
    const wes = await person(browser, 'wes');

    await uma.getByRole('button', { name: 'New group chat' }).click();
    const dialog = uma.getByRole('dialog', { name: 'Start a group chat' });
    const people = dialog.getByRole('combobox', { name: 'People' });
    for (const name of ['Vic', 'Wes']) {
      await people.fill(name);
      await dialog.getByRole('option', { name: new RegExp(name) }).click();
    }
    await dialog.getByLabel('Topic (optional)').fill('Launch plan');
    await dialog.getByRole('button', { name: 'Start chat' }).click();
    await expect(dialog).toBeHidden();
    await expect(uma.getByRole('tab', { name: 'Launch plan' })).toHaveAttribute('aria-selected', 'true');
    await expect(shownChat(uma).locator('[part="participants"]')).toContainText('Vic Vance');

    // Vic accepts in the chat the invitation opened; Wes declines it in his list of chats.
    await shownChat(vic).getByRole('button', { name: 'Accept' }).click();
    await expect(vic.getByRole('tab', { name: 'Launch plan' })).toHaveAttribute('aria-selected', 'true');
    await wes
      .locator('st-web-conversations')
      .getByRole('button', { name: /^Decline/ })
      .click();
    await expect(shownChat(uma).locator('[part="notice"]')).toContainText([
      'Wes Wong declined the invitation',
    ]);

    await messageBox(uma).fill('Kick-off at ten');
    await messageBox(uma).press('Enter');
    await expect(transcript(vic)).toContainText('Kick-off at ten');

    // Uma invites Sam with the window's own picker.
    await shownChat(uma).getByRole('button', { name: 'Invite people' }).click();
    const add = shownChat(uma).getByRole('combobox', { name: 'Add people' });
    await add.fill('Sam');
    await shownChat(uma)
      .getByRole('option', { name: /Sam Sato/ })
      .click();
    await shownChat(uma).getByRole('button', { name: 'Invite', exact: true }).click();
    await expect(shownChat(uma).locator('[part="participants"]')).toContainText('Sam Sato');

    await shownChat(vic).getByRole('button', { name: 'Leave' }).click();
    await expect(vic.getByRole('tab', { name: 'Launch plan' })).toHaveCount(0);
    await expect(shownChat(uma).locator('[part="notice"]').last()).toHaveText('Vic Vance left');
  });

  test('at 360 px a chat fills the screen with a way back, all by keyboard', async ({ browser }) => {
    const pat = await person(browser, 'pat', { width: 360, height: 740 });
    const name = contactName(pat, 'wes');
    await name.focus();
    await pat.keyboard.press('Enter');
    await expect(messageBox(pat)).toBeFocused();
    await expect(pat.locator('st-web-contacts')).toBeHidden();
    await pat.keyboard.type('From my phone');
    await pat.keyboard.press('Enter');
    await expect(transcript(pat)).toContainText('From my phone');
    const overflow = await pat.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await pat.getByRole('button', { name: 'Back to contacts' }).click();
    await expect(pat.locator('st-web-contacts')).toBeVisible();
    await expect(pat.getByRole('button', { name: /Wes Wong/ }).first()).toBeVisible();
  });
});

test.describe('<st-contact-list> on any page', () => {
  test('groups with live names and nicknames; a name opens a chat panel unless the page cancels', async ({
    browser,
  }) => {
    const token = await apiToken(chat.url, 'vic');
    const nickname = await fetch(`${chat.url}/api/v1/me/contacts/nicknames/uma`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ nickname: 'Umi' }),
    });
    expect(nickname.status).toBe(200);
    const uma = await person(browser, 'uma');
    const vic = await person(browser, 'vic');
    // The elements' demo page on the proxy's origin (the login's cookie travels), with a list added.
    await vic.goto(`${chat.url}/st/demo.html`);
    await vic.evaluate(() => document.body.append(document.createElement('st-contact-list')));
    const list = vic.locator('st-contact-list');
    const team = list.getByRole('button', { name: /^Team/ });
    await expect(team).toHaveAttribute('aria-expanded', 'true');
    await expect(team).toContainText(/\d of 7 online/);
    await expect(list.locator('[part="member"]').filter({ hasText: 'Uma Umar' })).toContainText('“Umi”');

    const umaName = list.locator('st-live-name[user-id="uma"] button[part="base"]');
    await umaName.focus();
    await vic.keyboard.press('Enter');
    const panel = list.getByRole('dialog', { name: 'Chat' });
    await expect(panel).toBeVisible();
    const box = panel.getByRole('textbox', { name: 'Message' });
    await expect(box).toBeFocused();
    await box.fill('From a plain page');
    await box.press('Enter');
    await expect(panel.locator('[part="text"]')).toHaveText(['From a plain page']);
    await expect(uma.getByRole('tab', { name: /Vic Vance/ })).toBeVisible();
    await vic.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(umaName).toBeFocused();

    // A page that handles chats itself cancels the request: no panel.
    await vic.evaluate(() => document.addEventListener('st-request-chat', (event) => event.preventDefault()));
    await umaName.click();
    // The list decides in a task queued after the event's dispatch: let one more task run first.
    await vic.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
    await expect(panel).toHaveCount(0);

    await team.click();
    await expect(team).toHaveAttribute('aria-expanded', 'false');
    await expect(umaName).toBeHidden();
  });
});
