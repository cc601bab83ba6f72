import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
} from '@fluentui/react-components';
import type { Frame, Page } from 'playwright-core';
import { MIGRATION_STATUSES, type MigrationStatus } from '../../shared/migration/status';
import { ALICE } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { injectAxe, isLoopbackUrl, launchBrowser, type TestBrowser } from '../support/browser';
import { openTabInTeams, serveTeamsHost, type HostTheme } from '../support/teamsHost';

const BUILT_TAB = path.resolve(__dirname, '../../dist/tab/index.html');
/** Kept after the run (git-ignored), so a person can look at what the test saw. */
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/browser');
const ITEMS = 20_000;

/** A large cutover: 20,000 mailboxes in twelve batches, some failed, some tagged. */
function mailbox(n: number, status?: string) {
  const failed = n % 100 === 7;
  return {
    identity: `mbx${String(n).padStart(5, '0')}@hospital.example`,
    status: status ?? (failed ? 'Failed' : ['Completed', 'Syncing', 'Queued'][n % 3]),
    batch: `Batch ${String((n % 12) + 1).padStart(2, '0')}`,
    tags: n % 50 === 0 ? ['lab-results'] : [],
    ...(failed && !status ? { error: `MailboxIsLocked: mailbox ${n} is locked` } : {}),
  };
}

/**
 * The overview in headless Chromium against the real server: its tiles say what is
 * stored, an import arrives live, filters on a large war room find the right rows, and it
 * passes axe in every theme at desktop and mobile widths.
 */
describe('the overview in a real browser', () => {
  let app: TestApp;
  let browser: TestBrowser;
  let warRoomId = '';
  let key = '';

  const importItems = async (items: unknown[]) => {
    const res = await fetch(`${app.baseUrl}/api/v1/war-rooms/${warRoomId}/migration/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items }),
    });
    expect(res.status).toBe(200);
  };
  const stored = () =>
    app.app.storage.transaction(async (tx) => {
      const byStatus = Object.fromEntries(MIGRATION_STATUSES.map((s) => [s, 0])) as Record<
        MigrationStatus,
        number
      >;
      const counts = await tx.migrationItems.counts(app.tenantId, warRoomId);
      for (const c of counts) byStatus[c.status] += c.count;
      const incidents = await tx.incidents.listByWarRoom(app.tenantId, warRoomId);
      return {
        byStatus,
        counts,
        openIncidents: incidents.filter((i) => i.status !== 'resolved').length,
      };
    });

  beforeAll(async () => {
    if (!existsSync(BUILT_TAB)) {
      throw new Error('The tab is not built: run `npm run build:tab` before the browser tests.');
    }
    // The development identity is Alice, so the war room she starts is hers to give keys of.
    app = await startTestApp({ WARROOM_DEV_USER_ID: ALICE.aadObjectId });
    browser = await launchBrowser();
    await app.say('start Mailbox cutover weekend');
    await app.say('incident Licences not assigned sev1');
    await app.say('incident Mail flow delayed sev3');
    const list = await app.get('/api/v1/war-rooms');
    warRoomId = (list.body as { warRooms: { id: string }[] }).warRooms[0]?.id ?? '';
    const created = await fetch(`${app.baseUrl}/api/v1/war-rooms/${warRoomId}/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cutover script' }),
    });
    expect(created.status).toBe(201);
    key = ((await created.json()) as { key: string }).key;
    await importItems(Array.from({ length: ITEMS }, (_, n) => mailbox(n)));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const tileCount = async (page: Page | Frame, id: string) =>
    Number(await page.getByTestId(`tile-${id}`).getAttribute('data-count'));

  it('shows the stored numbers, and an import arrives live without a reload', async () => {
    const { page } = browser;
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // The lab-results mailboxes are frozen from an hour ago to two hours from now.
    const now = Date.now();
    await app.app.storage.transaction((tx) =>
      tx.freezes.insert({
        id: randomUUID(),
        tenantId: app.tenantId,
        warRoomId,
        number: 1,
        target: { kind: 'tag', value: 'lab-results' },
        from: new Date(now - 3_600_000).toISOString(),
        to: new Date(now + 7_200_000).toISOString(),
        reason: 'Lab feed switch-over',
        status: 'active',
        createdById: ALICE.aadObjectId,
        createdByName: ALICE.name,
        createdAt: new Date(now).toISOString(),
        releasedAt: null,
        releaseDecisionId: null,
        version: 1,
      }),
    );
    await page.goto(`${app.baseUrl}/tab/`);
    await page.getByTestId('tiles').waitFor();
    await expect(tileCount(page, 'frozen')).resolves.toBe(ITEMS / 50);
    const window = page.locator('[data-testid="freeze-window"][data-ref="FRZ-1"]');
    await expect(window.textContent()).resolves.toMatch(
      /^FRZ-1 tag lab-results · .* Lab feed switch-over$/,
    );
    // "Now" is marked at the server's time.
    const marked = Date.parse((await page.getByTestId('freeze-now').getAttribute('data-at')) ?? '');
    expect(Math.abs(marked - now)).toBeLessThan(60_000);
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();

    const before = await stored();
    for (const status of MIGRATION_STATUSES) {
      await expect(tileCount(page, status)).resolves.toBe(before.byStatus[status]);
    }
    // What a person reads, not only the attribute: 20,000 items in en-US digits.
    await expect(
      page.getByTestId('tile-completed').locator('p').nth(1).textContent(),
    ).resolves.toBe(before.byStatus.completed.toLocaleString('en-US'));
    await expect(tileCount(page, 'openIncidents')).resolves.toBe(before.openIncidents);
    await expect(tileCount(page, 'openIncidents')).resolves.toBe(2);
    const wave1 = before.counts.filter((c) => c.batch === 'Batch 01');
    const batch = page.locator('[data-testid="batch"][data-batch="Batch 01"] [data-total]');
    await expect(batch.getAttribute('data-total')).resolves.toBe(
      String(wave1.reduce((n, c) => n + c.count, 0)),
    );
    await expect(batch.getAttribute('data-done')).resolves.toBe(
      String(wave1.find((c) => c.status === 'completed')?.count ?? 0),
    );

    type Marked = { loadedOnce?: number };
    await page.evaluate(() => ((window as Marked).loadedOnce = 1));
    // Twenty completed mailboxes fail: the tiles follow within a few seconds, no reload.
    await importItems(Array.from({ length: 20 }, (_, i) => mailbox(i * 3, 'Failed')));
    const after = await stored();
    expect(after.byStatus.failed).toBe(before.byStatus.failed + 20);
    await page
      .locator(`[data-testid="tile-failed"][data-count="${after.byStatus.failed}"]`)
      .waitFor({ timeout: 5000 });
    await expect(tileCount(page, 'completed')).resolves.toBe(after.byStatus.completed);
    await expect(page.evaluate(() => (window as Marked).loadedOnce)).resolves.toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('filters, searches and pages 20,000 items on the server', async () => {
    const { page } = browser;
    await page.goto(`${app.baseUrl}/tab/`);
    const total = page.getByTestId('items-total');
    const rows = page.getByTestId('item-row');
    const totalIs = (n: number) =>
      page.locator(`[data-testid="items-total"][data-total="${n}"]`).waitFor();
    const { byStatus, counts } = await stored();
    await totalIs(ITEMS);

    await page.getByTestId('items-status').selectOption('failed');
    await totalIs(byStatus.failed);
    await expect(total.textContent()).resolves.toBe(`${byStatus.failed} items`);
    await rows.first().waitFor();
    const statuses = await page
      .getByTestId('item-status')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(5);
    expect(new Set(statuses)).toEqual(new Set(['failed']));
    // Sorted by address, as stored; a failure shows its error text.
    const [firstFailed] = (
      await app.app.storage.transaction((tx) =>
        tx.dashboard.itemPage(app.tenantId, warRoomId, {
          status: 'failed',
          sort: 'identity',
          dir: 'asc',
          offset: 0,
          limit: 1,
        }),
      )
    ).items;
    await expect(rows.first().getAttribute('data-identity')).resolves.toBe(firstFailed?.identity);
    await page
      .locator('[data-identity="mbx00007@hospital.example"] [data-testid="item-error"]')
      .getByText('MailboxIsLocked: mailbox 7 is locked')
      .waitFor();

    await page.getByTestId('items-status').selectOption('notStarted');
    await page.getByTestId('items-batch').selectOption('Batch 03');
    const expected = counts.find((c) => c.batch === 'Batch 03' && c.status === 'notStarted');
    expect(expected?.count).toBeGreaterThan(100);
    await totalIs(expected?.count ?? -1);
    const batches = await page.getByTestId('item-batch').allTextContents();
    expect(new Set(batches)).toEqual(new Set(['Batch 03']));

    await page.getByTestId('items-status').selectOption('');
    await page.getByTestId('items-batch').selectOption('');
    await page.getByTestId('items-tag').fill('lab-results');
    await totalIs(ITEMS / 50);
    await page.getByTestId('items-tag').fill('');
    await page.getByTestId('items-search').fill('MBX1999');
    await totalIs(10);
    await page.getByTestId('items-search').fill('');
    await totalIs(ITEMS);

    // The last row, 20,000 rows down, is fetched when scrolled to (pages load as needed).
    const loaded: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.endsWith('/migration/items')) loaded.push(r.url());
    });
    await page.getByTestId('items-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page
      .locator('[data-testid="item-row"][data-identity="mbx19999@hospital.example"]')
      .waitFor();
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.length).toBeLessThan(5);
    expect(new URL(loaded.at(-1) ?? '').searchParams.get('offset')).toBe(String(ITEMS - 100));
    // Only the rows on screen (and a few either side) are in the page.
    await expect(rows.count()).resolves.toBeLessThan(60);
  });

  it('asks for the first page of items alongside the snapshot, not after its answer', async () => {
    const { page } = browser;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const dashboard = `**/api/v1/war-rooms/${warRoomId}/dashboard`;
    await page.route(dashboard, async (route) => {
      await held;
      await route.continue();
    });
    try {
      const itemsAsked = page.waitForRequest((r) =>
        new URL(r.url()).pathname.endsWith('/migration/items'),
      );
      await page.goto(`${app.baseUrl}/tab/`);
      // The snapshot is still held back: the items request went out without it.
      await itemsAsked;
      await expect(page.getByTestId('items').isVisible()).resolves.toBe(false);
      await expect(page.getByTestId('tiles').count()).resolves.toBe(0);
      release();
      await page.getByTestId('tiles').waitFor();
      await page.locator(`[data-testid="items-total"][data-total="${ITEMS}"]`).waitFor();
      await page.getByTestId('item-row').first().waitFor();
    } finally {
      release();
      await page.unroute(dashboard);
    }
  });

  it('passes axe in light, dark and high contrast, at desktop and mobile widths', async () => {
    const { page } = browser;
    await serveTeamsHost(page, app.baseUrl);
    await mkdir(ARTIFACTS, { recursive: true });
    const expectedBackground: Record<HostTheme, string> = {
      default: teamsLightTheme.colorNeutralBackground1,
      dark: teamsDarkTheme.colorNeutralBackground1,
      contrast: teamsHighContrastTheme.colorNeutralBackground1,
    };
    const backgrounds = new Set<string>();
    for (const theme of ['default', 'dark', 'contrast'] as const) {
      await page.setViewportSize({ width: 1280, height: 900 });
      const tab = await openTabInTeams(page, app.baseUrl, { theme, tenantId: app.tenantId });
      await tab.getByTestId('tiles').waitFor();
      await tab.locator('[data-testid="status-chart"] svg').first().waitFor();
      await tab.getByTestId('item-row').first().waitFor();

      const background = await tab
        .locator('.fui-FluentProvider')
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(background).toBe(rgb(expectedBackground[theme]));
      backgrounds.add(background);

      for (const width of [1280, 420]) {
        await page.setViewportSize({ width, height: 900 });
        await tab.getByTestId('tiles').waitFor();
        await page.screenshot({ path: path.join(ARTIFACTS, `overview-${theme}-${width}.png`) });
        // At 420 px the status column is still there, beside each address.
        const status = tab.getByTestId('item-status').first();
        await expect(status.isVisible()).resolves.toBe(true);
        // Nothing wider than the window (no sideways scrolling of the whole page).
        await expect(
          tab.evaluate(() =>
            [...document.querySelectorAll('body *')]
              .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
              .map((e) => `${e.tagName}.${e.className}`.slice(0, 80))
              .slice(0, 5),
          ),
        ).resolves.toEqual([]);
        await expect(axeViolations(tab, app.baseUrl)).resolves.toEqual([]);
      }
    }
    expect(backgrounds.size).toBe(3);
    expect(browser.blocked.every((url) => !isLoopbackUrl(url))).toBe(true);
  });

  it('axe itself finds a violation when there is one', async () => {
    // Guards the check above: an image without a text alternative is a critical violation.
    const { page } = browser;
    await page.goto(`${app.baseUrl}/tab/`);
    await page.getByTestId('tiles').waitFor();
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.body.append(img);
    });
    const found = await axeViolations(page.mainFrame(), app.baseUrl);
    expect(found.map((v) => v.id)).toContain('image-alt');
  });
});

/** `#rrggbb` → `rgb(r, g, b)`, as getComputedStyle writes it. */
function rgb(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return `rgb(${[m[1], m[2], m[3]].map((h) => parseInt(h ?? '0', 16)).join(', ')})`;
}

/**
 * axe-core's serious and critical violations in the frame's document. Left out: Fluent's
 * focus sentinels (tabster's `<i data-tabster-dummy aria-hidden role="none" tabindex="0">`
 * at both ends of every arrow-key group, such as a TabList). They hold no content and hand
 * focus on to the next real control the moment they get it; axe reports them as focusable
 * inside aria-hidden (docs/decisions/019).
 */
async function axeViolations(
  frame: Frame,
  baseUrl: string,
): Promise<{ id: string; nodes: string[] }[]> {
  await injectAxe(frame, baseUrl);
  return frame.evaluate(async () => {
    type AxeResult = {
      violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
    };
    type Axe = { run(context: { exclude: string[][] }): Promise<AxeResult> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}
