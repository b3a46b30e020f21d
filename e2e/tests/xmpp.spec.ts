/**
 * The hosted client in Chromium on a proxy in front of a real Prosody (`ST_COMMUNITY=xmpp://`,
 * `ST_DIRECTORY=xmpp`), beside a person on a standard XMPP client driven by the test (not our SDK):
 * the contact list comes from the server's shared group, presence goes both ways with a status
 * message, markup in an XMPP message shows as text, chat and typing go both ways, and a reload
 * shows the history of both directions (its bodies from the server's archive).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { startProsody, type TestProsody } from '@st/proxy/prosody-testing';
import { XmppPerson, xml } from '@st/proxy/xmpp-testing';
import { type ProxyProcess, startProxyProcess } from '../support/servers.ts';

const ACCOUNTS = [
  { id: 'ada', password: 'ada-secret', name: 'Ada Lovelace' },
  { id: 'ben', password: 'ben-secret', name: 'Ben Okri' },
];

let prosody: TestProsody;
let proxy: ProxyProcess;
let dataDir: string;
let ben: XmppPerson;

test.beforeAll(async () => {
  prosody = await startProsody({ accounts: ACCOUNTS, groups: { Friends: ['ada', 'ben'] } });
  dataDir = mkdtempSync(join(tmpdir(), 'st-e2e-xmpp-'));
  proxy = await startProxyProcess({
    ST_DATA_DIR: dataDir,
    ST_COMMUNITY: prosody.url,
    ST_XMPP_DOMAIN: prosody.domain,
    ST_XMPP_TLS: 'off',
    ST_DIRECTORY: 'xmpp',
  });
  ben = await XmppPerson.online({
    port: prosody.port,
    domain: prosody.domain,
    id: 'ben',
    password: 'ben-secret',
    resource: 'gajim',
  });
});
test.afterAll(async () => {
  await ben?.stop();
  await proxy?.stop();
  await prosody?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function logInAsAda(page: Page): Promise<void> {
  await page.goto(proxy.url);
  await page.getByLabel('User ID').fill('ada');
  await page.getByLabel('Password', { exact: true }).fill('ada-secret');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByLabel('Status', { exact: true })).toBeVisible();
}

function benInContacts(page: Page): Locator {
  return page.locator('st-web-contacts st-live-name[user-id="ben"]');
}

function shownChat(page: Page): Locator {
  return page.locator('.chats__panel:not([hidden]) st-chat-window');
}

/** Ben's client hears Ada's presence: what it shows (`<show>`, or available) and says. */
function adaPresence(from: number) {
  return ben.next(
    (s) => s.is('presence') && String(s.attrs.from ?? '').startsWith(`ada@${prosody.domain}/`),
    from,
  );
}

test('a person on a standard XMPP client and one on the web client see and chat with each other', async ({
  page,
}) => {
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
  let mark = ben.stanzas.length;
  await logInAsAda(page);

  // The contact list is the server's shared group; Ben's XMPP client shows available.
  const benName = benInContacts(page);
  await expect(benName).toHaveAttribute('status', 'available');
  await expect(benName.locator('button[part="base"]')).toHaveAccessibleName(/Ben Okri, Available/);
  // Ada is online for Ben's client too.
  await adaPresence(mark);

  // Ben: do not disturb, with a message. Ada sees both, in words and not colour alone.
  await ben.send(xml('presence', {}, xml('show', {}, 'dnd'), xml('status', {}, 'Writing <b>chapter</b> 3')));
  await expect(benName).toHaveAttribute('status', 'dnd');
  await expect(benName.locator('button[part="base"]')).toHaveAccessibleName(/Ben Okri, Do not disturb/);
  await expect(benName.locator('button[part="base"]')).toHaveAttribute('title', 'Writing <b>chapter</b> 3');

  // Ada: away, with a message. Ben's client hears `<show>away</show>` and the message.
  mark = ben.stanzas.length;
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Away' });
  const away = await ben.next(
    (s) =>
      s.is('presence') &&
      String(s.attrs.from ?? '').startsWith(`ada@${prosody.domain}/`) &&
      s.getChildText('show') === 'away',
    mark,
  );
  expect(away.getChildText('show')).toBe('away');
  await page.getByLabel('Status message').fill('Back at three');
  await page.getByLabel('Status message').press('Enter');
  await ben.next((s) => s.is('presence') && s.getChildText('status') === 'Back at three', mark);

  // Ben writes with markup: it arrives as text, in a chat tab of its own.
  const markup = '<img src=x onerror=alert(1)> <b>not bold</b>';
  await ben.send(
    xml(
      'message',
      { type: 'chat', to: `ada@${prosody.domain}`, id: 'ben-1' },
      xml('body', {}, markup),
      xml('active', { xmlns: 'http://jabber.org/protocol/chatstates' }),
    ),
  );
  const benTab = page.getByRole('tab', { name: /Ben Okri/ });
  await benTab.click();
  const transcript = shownChat(page).locator('[part="transcript"]');
  await expect(transcript.locator('[part="text"]').last()).toHaveText(markup);
  await expect(transcript.locator('img, b')).toHaveCount(0);

  // Ben types: Ada sees it. Ada types: Ben's client hears `<composing/>`. Then Ada's reply.
  await ben.send(
    xml(
      'message',
      { type: 'chat', to: `ada@${prosody.domain}` },
      xml('composing', { xmlns: 'http://jabber.org/protocol/chatstates' }),
    ),
  );
  const typing = shownChat(page).locator('[part="typing"]');
  await expect(typing).toHaveText('Ben is typing…');
  mark = ben.stanzas.length;
  const box = shownChat(page).getByRole('textbox', { name: 'Message' });
  await box.pressSequentially('Hello Ben');
  await ben.next((s) => s.is('message') && s.getChild('composing') !== undefined, mark);
  await box.press('Enter');
  const reply = await ben.next((s) => s.is('message') && s.getChildText('body') === 'Hello Ben', mark);
  expect(reply.attrs.type).toBe('chat');
  // Ben's message ends his typing on Ada's side.
  await ben.send(
    xml('message', { type: 'chat', to: `ada@${prosody.domain}`, id: 'ben-2' }, xml('body', {}, 'Hi Ada')),
  );
  await expect(transcript.locator('[part="text"]').last()).toHaveText('Hi Ada');
  await expect(typing).toHaveText('');

  // A reload: the history holds both directions, in order.
  await page.reload();
  await expect(page.getByLabel('Status', { exact: true })).toBeVisible();
  await benInContacts(page).locator('button[part="base"]').click();
  await expect(shownChat(page).locator('[part="transcript"] [part="text"]')).toHaveText([
    markup,
    'Hello Ben',
    'Hi Ada',
  ]);
});
