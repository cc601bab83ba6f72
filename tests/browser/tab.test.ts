import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from '../support/app';
import { incident } from '../storage/fixtures';
import { isLoopbackUrl, launchBrowser, type TestBrowser } from '../support/browser';

const BUILT_TAB = path.resolve(__dirname, '../../dist/tab/index.html');
/** Overwritten on every run, and kept, so a person can look at what the test saw. */
const SCREENSHOT = path.join(tmpdir(), 'war-room-tab-dashboard.png');

/**
 * The real server serving the built tab, driven like a user would: two channel messages
 * create a war room and an incident; the tab, opened in Chromium, shows both.
 */
describe('the tab in a real browser', () => {
  let app: TestApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    if (!existsSync(BUILT_TAB)) {
      throw new Error('The tab is not built: run `npm run build:tab` before the browser tests.');
    }
    app = await startTestApp();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the war room and its incident logged from the channel', async () => {
    await app.say('start Mailbox cutover weekend');
    await app.say('incident Licences not assigned sev2');

    const { page } = browser;
    const finishedOffLoopback: string[] = [];
    page.on('requestfinished', (request) => {
      if (!isLoopbackUrl(request.url())) finishedOffLoopback.push(request.url());
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const listRequests: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/war-rooms') listRequests.push(url);
    });

    await page.goto(`${app.baseUrl}/tab/`);

    const list = page.getByTestId('warroom-list');
    await list.getByText('Mailbox cutover weekend').waitFor();
    await expect(list.getByTestId('warroom-open-count').first().textContent()).resolves.toBe(
      '1 open',
    );
    // The only war room is selected by itself, and the selection is in the URL.
    await page.getByTestId('warroom-title').getByText('Mailbox cutover weekend').waitFor();
    expect(new URL(page.url()).searchParams.get('warRoom')).toMatch(/\S/);

    // The overview opens first; the incidents are the next view.
    await page.getByTestId('warroom-panels').getByRole('tab', { name: 'Incidents' }).click();
    const row = page.locator('[data-testid="incident-row"][data-ref="INC-1"]');
    await row.waitFor();
    await expect(row.getByTestId('incident-title').textContent()).resolves.toBe(
      'Licences not assigned',
    );
    await expect(row.locator('[data-severity="sev2"]').textContent()).resolves.toBe(
      'Sev 2 (major)',
    );
    await expect(row.getByTestId('incident-status').textContent()).resolves.toBe('Open');
    await expect(page.getByTestId('dev-identity').isVisible()).resolves.toBe(true);

    // Outside Teams there is no channel: the tab lists all the tenant's war rooms.
    expect(listRequests.length).toBeGreaterThan(0);
    expect(listRequests.every((url) => url.search === '')).toBe(true);

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect((await stat(SCREENSHOT)).size).toBeGreaterThan(10_000);

    // Nothing left the machine: requests elsewhere (teams-js looks up its valid domains
    // on a CDN) were aborted by the browser helper, and none of them completed.
    expect(browser.blocked.every((url) => !isLoopbackUrl(url))).toBe(true);
    expect(finishedOffLoopback).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
  it('with more incidents than it lists, shows the newest first and says how many there are', async () => {
    const { page } = browser;
    const room = (await app.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(app.tenantId, app.room.channelId),
    ))!;
    await app.app.storage.transaction(async (tx) => {
      // INC-1 was logged through the bot; 2 … 120 straight into storage.
      for (let n = 2; n <= 120; n++) {
        await tx.incidents.insert(incident(room, n, { title: `Mailbox batch ${n} stalled` }));
      }
    });
    await page.goto(`${app.baseUrl}/tab/`);
    await page.getByTestId('warroom-panels').getByRole('tab', { name: 'Incidents' }).click();
    await page.getByTestId('incidents-newest').waitFor();
    await expect(page.getByTestId('incidents-newest').textContent()).resolves.toBe(
      'The newest 100 of 120 incidents. Records lists them all.',
    );
    const refs = await page
      .locator('[data-testid="incident-row"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ref')));
    expect(refs).toHaveLength(100);
    expect(refs[0]).toBe('INC-120');
    expect(refs.at(-1)).toBe('INC-21');
  });
});
