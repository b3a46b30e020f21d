import { type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import { useChatProxy } from '../support/chat-people.ts';

/*
 * One event stream per browser: the tabs of one login share the stream one of them holds (elected
 * with a Web Lock, relayed over a BroadcastChannel). Counted on the proxy's side, from /metrics.
 * On a proxy of its own, so no other test's streams are counted.
 */

const chat = useChatProxy();

/** WebSocket streams the proxy has connected now (`st_streams_connected{transport="websocket"}`). */
async function webSocketStreams(): Promise<number> {
  const text = await (await fetch(`${chat.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('st_streams_connected{transport="websocket"}'));
  return Number(line?.split(' ').pop() ?? Number.NaN);
}

/** The id of the page (a Web Locks client) holding the stream of this origin's tabs. */
function streamHolder(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const { held = [] } = await navigator.locks.query();
    return held.find((lock) => lock.name?.startsWith('st-stream '))?.clientId;
  });
}

async function openTab(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByLabel('Status', { exact: true })).toBeVisible();
  return page;
}

function contactName(page: Page, userId: string): Locator {
  return page.locator(`st-web-contacts st-live-name[user-id="${userId}"] button[part="base"]`);
}

function shownChat(page: Page): Locator {
  return page.locator('.chats__panel:not([hidden]) st-chat-window');
}

/** Every status the live name of `userId` shows in `page` from now on, kept in the page. */
async function recordStatuses(page: Page, userId: string): Promise<void> {
  await page.evaluate((id) => {
    const seen: string[] = [];
    (window as unknown as { seenStatuses: string[] }).seenStatuses = seen;
    const name = document.querySelector(`st-web-contacts st-live-name[user-id="${id}"]`)!;
    seen.push(name.getAttribute('status') ?? '');
    new MutationObserver(() => seen.push(name.getAttribute('status') ?? '')).observe(name, {
      attributes: true,
      attributeFilter: ['status'],
    });
  }, userId);
}

function recordedStatuses(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { seenStatuses: string[] }).seenStatuses);
}

test('three tabs share one WebSocket; the next tab takes over when the leader closes, without a flap', async ({
  browser,
}) => {
  // The watcher: Quinn, in a browser of her own (one stream), sees Pat online.
  const { page: quinn } = await chat.person(browser, 'quinn');
  await expect(contactName(quinn, 'pat')).toBeVisible();
  await expect.poll(() => webSocketStreams()).toBe(1);

  const { page: first, context } = await chat.person(browser, 'pat');
  const second = await openTab(context, first.url());
  const third = await openTab(context, first.url());
  await expect(quinn.locator('st-web-contacts st-live-name[user-id="pat"]')).toHaveAttribute(
    'status',
    'available',
  );
  await recordStatuses(quinn, 'pat');

  // Pat's three tabs hold one stream between them: two in all, with Quinn's.
  await expect.poll(() => webSocketStreams()).toBe(2);
  const leader = await streamHolder(second);
  expect(leader).toBeTruthy();

  // Quinn writes: the chat shows in each of Pat's tabs; Pat answers from one, and the others show it.
  await contactName(quinn, 'pat').click();
  const reply = shownChat(quinn).getByRole('textbox', { name: 'Message' });
  await reply.fill('Hello Pat');
  await reply.press('Enter');
  for (const tab of [first, second, third]) {
    await tab.getByRole('tab', { name: /Quinn Quigley/ }).click();
    await expect(shownChat(tab).locator('[part="transcript"]')).toContainText('Hello Pat');
  }
  const box = shownChat(second).getByRole('textbox', { name: 'Message' });
  await box.fill('Written in the second tab');
  await box.press('Enter');
  for (const tab of [first, third, quinn]) {
    await expect(shownChat(tab).locator('[part="transcript"]')).toContainText('Written in the second tab');
  }

  // The leading tab closes: another takes the lock and opens the stream again.
  const tabs = [first, second, third];
  const leaderTab = await leadingTab(tabs, leader!);
  const rest = tabs.filter((tab) => tab !== leaderTab);
  const greeted = firstHello(rest);
  const closedAt = Date.now();
  await leaderTab.close();
  const anotherHolds = async () => {
    const holder = await streamHolder(rest[0]!);
    return holder !== undefined && holder !== leader;
  };
  await expect.poll(anotherHolds, { intervals: [50] }).toBe(true);
  // For the record, not asserted: when the next tab held the lock, as the test saw it.
  test.info().annotations.push({ type: 'lock handed over', description: `${Date.now() - closedAt} ms` });
  await expect.poll(() => webSocketStreams()).toBe(2);
  // The takeover, for the record and not asserted (the aim is 2 s): from the leading tab's close to
  // the proxy's hello on the WebSocket the next leader opened.
  const takeoverMs = (await greeted) - closedAt;
  console.log(`tab takeover: ${takeoverMs} ms from the leader's close to the new stream's hello`);
  test.info().annotations.push({ type: 'takeover', description: `${takeoverMs} ms` });

  // The remaining tabs still get the stream: Quinn's next message shows in both.
  await reply.fill('After the handover');
  await reply.press('Enter');
  for (const tab of rest) {
    await expect(shownChat(tab).locator('[part="transcript"]')).toContainText('After the handover');
  }
  // Quinn never saw Pat go offline.
  const statuses = await recordedStatuses(quinn);
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses).not.toContain('offline');
  expect(statuses.at(-1)).toBe('available');
});

/** When the first WebSocket any of these tabs opens from now on receives its first frame (the hello). */
function firstHello(tabs: Page[]): Promise<number> {
  return new Promise((resolve) => {
    for (const tab of tabs) {
      tab.on('websocket', (socket) => socket.once('framereceived', () => resolve(Date.now())));
    }
  });
}

/**
 * The tab holding the stream: each tab asks for the lock holder's id and its own. A page learns
 * its own Web Locks client id by holding a lock of its own name and reading it back.
 */
async function leadingTab(tabs: Page[], holder: string): Promise<Page> {
  for (const tab of tabs) {
    const own = await tab.evaluate(async () => {
      const name = `whoami ${Math.random()}`;
      return navigator.locks.request(name, async () => {
        const { held = [] } = await navigator.locks.query();
        return held.find((lock) => lock.name === name)?.clientId;
      });
    });
    if (own === holder) return tab;
  }
  throw new Error('no tab holds the stream');
}
