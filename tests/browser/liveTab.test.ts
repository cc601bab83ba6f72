import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Request } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { isLoopbackUrl, launchBrowser, type TestBrowser } from '../support/browser';

const BUILT_TAB = path.resolve(__dirname, '../../dist/tab/index.html');

/**
 * The tab follows its war room live: an incident logged through the bot endpoint shows up
 * without a reload, the indicator says whether the stream is up, and a dropped stream
 * comes back with a fresh ticket and catches up on what it missed.
 */
describe('the tab, live', () => {
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

  it('updates without reload and shows when the stream is down', async () => {
    await app.say('start Mailbox cutover weekend');
    await app.say('incident Licences not assigned sev2');
    const { page } = browser;
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const streams: URL[] = [];
    page.on('request', (request: Request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith('/events')) streams.push(url);
    });
    const row = (ref: string) => page.locator(`[data-testid="incident-row"][data-ref="${ref}"]`);
    const status = page.getByTestId('live-status');

    await page.goto(`${app.baseUrl}/tab/`);
    // The overview opens first; the incidents are the next view.
    await page.getByTestId('warroom-panels').getByRole('tab', { name: 'Incidents' }).click();
    await row('INC-1').waitFor();
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    await expect(status.textContent()).resolves.toBe('Live');
    // A reload would lose this: it proves every later change came in without one.
    type Marked = { loadedOnce?: number };
    await page.evaluate(() => ((window as Marked).loadedOnce = 1));
    // The stream is opened with a ticket, never with a token.
    expect(streams.at(-1)?.searchParams.get('ticket')).toMatch(/^[\w-]+\.[\w-]+$/);

    // Logged through the bot endpoint: the open page shows it well before any poll could.
    const sent = Date.now();
    await app.say('incident Mail flow delayed sev3');
    await row('INC-2').waitFor({ timeout: 2000 });
    expect(Date.now() - sent).toBeLessThan(2000);
    await expect(row('INC-2').getByTestId('incident-title').textContent()).resolves.toBe(
      'Mail flow delayed',
    );
    await expect(
      page.getByTestId('warroom-list').getByTestId('warroom-open-count').first().textContent(),
    ).resolves.toBe('2 open');

    // The stream drops and no ticket can be had: the tab says so, in words too.
    await page.route('**/events/ticket', (route) => route.abort('connectionrefused'));
    app.app.live.closeAll();
    await page.locator('[data-testid="live-status"][data-status="reconnecting"]').waitFor();
    await expect(status.textContent()).resolves.toBe('Reconnecting…');
    await expect(page.getByTestId('live-down').isVisible()).resolves.toBe(true);
    // Missed while down, caught up after: the reconnect names the last event it saw.
    await app.say('incident OneDrive quota exceeded sev4');
    const seenBefore = streams.length;
    await page.unroute('**/events/ticket');
    await row('INC-3').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    await expect(page.getByTestId('live-down').count()).resolves.toBe(0);
    const resumed = streams.slice(seenBefore);
    expect(resumed.length).toBeGreaterThan(0);
    expect(Number(resumed.at(-1)?.searchParams.get('lastEventId'))).toBeGreaterThan(0);

    await expect(page.evaluate(() => (window as Marked).loadedOnce)).resolves.toBe(1);
    expect(browser.blocked.every((url) => !isLoopbackUrl(url))).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
