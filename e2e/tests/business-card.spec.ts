import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { apiLogin, apiSetStatus, proxyUrl } from '../support/api.ts';
import { type ProxyProcess, ROOT, startProxyProcess } from '../support/servers.ts';
import { logInThroughForm } from '../support/web-client.ts';

/*
 * Business cards in the hosted client, in Chromium: a live name opens its card on hover and on
 * keyboard focus, with the photo and the directory's fields; Escape closes it; directory text is
 * always text. Grace, Heidi and Ivan are people no other browser test logs in as.
 */

/** The card a contact's live name opens (it lives in the name's shadow root, in the top layer). */
function cardOf(page: Page, userId: string): Locator {
  return page.locator(`st-web-contacts st-live-name[user-id="${userId}"] st-business-card`);
}

function nameOf(page: Page, userId: string): Locator {
  return page.locator(`st-web-contacts st-live-name[user-id="${userId}"] button[part="base"]`);
}

/** Whether the signed-in person's photo database holds bytes for `userId` (runs in the page). */
function keptPhoto(userId: string): Promise<boolean> {
  return new Promise((resolve) => {
    const open = indexedDB.open('st-grace photos');
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('photos')) return resolve(false);
      const get = db.transaction('photos').objectStore('photos').get(userId);
      get.onsuccess = () => resolve(get.result?.bytes instanceof ArrayBuffer);
      get.onerror = () => resolve(false);
    };
  });
}

async function expectPhotoShown(card: Locator): Promise<void> {
  const photo = card.locator('[part="photo"]');
  await expect(photo).toBeVisible();
  await expect(photo).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
}

test.describe('business card', () => {
  test('hover opens the card with the photo, every field and the live status', async ({ page }) => {
    const ivan = await apiLogin('ivan');
    await apiSetStatus(ivan, 'in-meeting', 'Threat model review');
    await logInThroughForm(page, 'grace');

    await nameOf(page, 'ivan').hover();
    const card = cardOf(page, 'ivan');
    const dialog = card.getByRole('dialog', { name: 'Ivan Ivanović' });
    await expect(dialog).toBeVisible();
    await expect(nameOf(page, 'ivan')).toHaveAttribute('aria-expanded', 'true');
    await expectPhotoShown(card);
    await expect(card.locator('[part="title"]')).toHaveText('Security Engineer');
    const details = card.locator('[part="details"]');
    for (const text of ['Security', 'Example Corp', 'Belgrade']) await expect(details).toContainText(text);
    await expect(details).toContainText(/Local time\s*\d{1,2}[:.]\d{2}/);
    await expect(card.getByRole('link', { name: '+381 11 555 0109' })).toHaveAttribute(
      'href',
      'tel:+381115550109',
    );
    await expect(card.getByRole('link', { name: 'ivan@example.com' })).toHaveAttribute(
      'href',
      'mailto:ivan@example.com',
    );
    await expect(card.locator('[part="status"]')).toHaveText('In a meeting');
    await expect(card.locator('[part="status-message"]')).toHaveText('Threat model review');
    await expect(card.getByRole('link', { name: 'Call' })).toBeVisible();
    await expect(card.getByRole('link', { name: 'E-mail' })).toBeVisible();

    // The status follows live while the card is open.
    await apiSetStatus(ivan, 'dnd');
    await expect(card.locator('[part="status"]')).toHaveText('Do not disturb');

    // The card stays on screen, and moving into it keeps it open.
    const box = await dialog.boundingBox();
    const viewport = page.viewportSize()!;
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
    await card.locator('[part="name"]').hover();
    await expect(dialog).toBeVisible();

    // Escape closes it wherever focus is.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(nameOf(page, 'ivan')).toHaveAttribute('aria-expanded', 'false');
    await apiSetStatus(ivan, 'available');
  });

  test('keyboard focus opens the card, Tab goes into it, Escape closes it and returns focus', async ({
    page,
  }) => {
    await logInThroughForm(page, 'heidi');
    // Tab onto Bob's name from the control just before it, as a keyboard user arrives there.
    await page.getByRole('button', { name: /^Remove Alice Andersson from / }).focus();
    await page.keyboard.press('Tab');
    const bob = nameOf(page, 'bob');
    await expect(bob).toBeFocused();
    const card = cardOf(page, 'bob');
    await expect(card.getByRole('dialog', { name: 'Bob Brown' })).toBeVisible();
    await expectPhotoShown(card);
    await expect(card.locator('[part="details"]')).toContainText('London');

    await page.keyboard.press('Tab');
    await expect(card.getByRole('link', { name: '+44 20 5550 0102' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(card.getByRole('dialog')).toBeHidden();
    await expect(bob).toBeFocused();

    // Chat in the card asks the page for a chat (cancelable, crossing the shadow roots).
    await page.evaluate(() => {
      document.addEventListener('st-request-chat', (e) => {
        (window as unknown as { chatWith: string }).chatWith = (
          e as CustomEvent<{ userId: string }>
        ).detail.userId;
      });
    });
    await nameOf(page, 'carol').hover();
    await cardOf(page, 'carol').getByRole('button', { name: 'Chat' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { chatWith?: string }).chatWith))
      .toBe('carol');
    await expect(cardOf(page, 'carol').getByRole('dialog')).toBeHidden();
  });

  test('a second visit shows the card and photo from the cache, without photo bytes', async ({ page }) => {
    await logInThroughForm(page, 'grace');
    await nameOf(page, 'judy').hover();
    await expectPhotoShown(cardOf(page, 'judy'));
    // The bytes are written to IndexedDB behind the scenes: wait until they are there.
    await expect.poll(() => page.evaluate(keptPhoto, 'judy')).toBe(true);

    const photoAnswers: number[] = [];
    page.on('response', (response) => {
      // The photo API, not a script whose name has "photo" in it.
      if (/\/api\/v1\/users\/[^/]+\/photo$/.test(new URL(response.url()).pathname))
        photoAnswers.push(response.status());
    });
    await page.reload();
    await expect(page.getByLabel('Status', { exact: true })).toBeVisible();
    await nameOf(page, 'judy').hover();
    await expectPhotoShown(cardOf(page, 'judy'));
    // Kept in IndexedDB and fresh: not even a revalidation. (A stale one would be a 304.)
    expect(photoAnswers.filter((status) => status === 200)).toEqual([]);
  });

  test('a person who switched "Show photos" off sees initials instead of photos', async ({ page }) => {
    const heidi = await apiLogin('heidi');
    const setShowPhotos = (showPhotos: boolean | null) =>
      fetch(`${proxyUrl()}/api/v1/me/preferences`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${heidi}` },
        body: JSON.stringify({ showPhotos }),
      });
    expect((await setShowPhotos(false)).ok).toBe(true);
    try {
      await logInThroughForm(page, 'heidi');
      await nameOf(page, 'ivan').hover();
      const card = cardOf(page, 'ivan');
      await expect(card.getByRole('dialog', { name: 'Ivan Ivanović' })).toBeVisible();
      await expect(card.locator('[part="initials"]')).toBeVisible();
      await expect(card.locator('[part="photo"]')).toHaveCount(0);
    } finally {
      await setShowPhotos(null);
    }
  });

  test('works at phone width: the card fits the screen', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
    const page = await context.newPage();
    await logInThroughForm(page, 'heidi');
    await page.getByRole('button', { name: /^Remove Ivan Ivanović from / }).focus();
    await page.keyboard.press('Tab');
    const dialog = cardOf(page, 'judy').getByRole('dialog', { name: 'Judy Jørgensen' });
    await expect(dialog).toBeVisible();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(box.y + box.height).toBeLessThanOrEqual(740);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});

test.describe('business card with markup in the directory', () => {
  /** A proxy of its own, whose directory holds a person with markup in every text field. */
  let proxy: ProxyProcess;
  let dir: string;
  const MARKUP_NAME = '<img src=x onerror="window.pwned=1">Mallory <b>Bold</b>';
  const MARKUP_TITLE = '<script>window.pwned=2</script><i>Chief</i> of "Things" & more';

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'st-e2e-markup-'));
    const demoFile = join(ROOT, 'packages/proxy/src/directory/demo/directory.json');
    const demo = JSON.parse(readFileSync(demoFile, 'utf8')) as {
      people: { id: string; photo?: string }[];
      teams: { name: string; members: string[] }[];
    };
    const people = demo.people.map((p) =>
      p.photo ? { ...p, photo: resolve(dirname(demoFile), p.photo) } : p,
    );
    const grace = people.find((p) => p.id === 'grace')!;
    people.push({
      id: 'mallory',
      displayName: MARKUP_NAME,
      title: MARKUP_TITLE,
      department: '<u>Red team</u>',
      location: '<a href="https://evil.example">Nowhere</a>',
      email: 'mallory@example.com',
      passwordHash: (grace as { passwordHash?: string }).passwordHash,
    } as { id: string });
    const teams = [{ name: 'Team', members: [...demo.teams[0]!.members, 'mallory'] }];
    writeFileSync(join(dir, 'people.json'), JSON.stringify({ people, teams }));
    proxy = await startProxyProcess({
      ST_DATA_DIR: join(dir, 'data'),
      ST_DIRECTORY: join(dir, 'people.json'),
    });
  });

  test.afterAll(async () => {
    await proxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('shows markup as text, and initials for a person without a photo', async ({ page }) => {
    expect(proxy.url).not.toBe(proxyUrl());
    await page.goto(proxy.url);
    await page.getByLabel('User ID').fill('grace');
    await page.getByLabel('Password', { exact: true }).fill('demo');
    await page.getByRole('button', { name: 'Log in' }).click();

    const name = nameOf(page, 'mallory');
    await name.hover();
    const card = cardOf(page, 'mallory');
    await expect(card.getByRole('dialog')).toBeVisible();
    await expect(card.locator('[part="name"]')).toHaveText(MARKUP_NAME);
    await expect(card.locator('[part="title"]')).toHaveText(MARKUP_TITLE);
    await expect(card.locator('[part="details"]')).toContainText('<u>Red team</u>');
    await expect(card.locator('[part="details"]')).toContainText(
      '<a href="https://evil.example">Nowhere</a>',
    );
    // Nothing of it became an element: no image, bold, italic, script or link from the directory.
    await expect(
      card.locator(
        '[part="base"] img, [part="base"] b, [part="base"] i, [part="base"] script, [part="base"] u',
      ),
    ).toHaveCount(0);
    await expect(card.locator('a[href^="https://evil"]')).toHaveCount(0);
    await expect(card.locator('[part="initials"]')).toHaveText(/^\S{1,2}$/);
    await expect(card.locator('[part="photo"]')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  });
});
