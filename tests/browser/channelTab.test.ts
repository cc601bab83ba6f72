import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { t } from '../../shared/i18n';
import { channel } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { openInTeams as openHost, serveTeamsHost, type HostOptions } from '../support/teamsHost';

const BUILT_TAB = path.resolve(__dirname, '../../dist/tab/index.html');

/**
 * The channel tab as Teams shows it: inside the Teams client, which tells the tab which
 * channel it is pinned in. The tab must show that channel's war room, and only that one.
 */
describe('the channel tab inside Teams', () => {
  let app: TestApp;
  let browser: TestBrowser;
  /** A second channel of the same tenant, with a war room of its own. */
  let otherChannel: ReturnType<typeof channel>;

  beforeAll(async () => {
    if (!existsSync(BUILT_TAB)) {
      throw new Error('The tab is not built: run `npm run build:tab` before the browser tests.');
    }
    app = await startTestApp();
    browser = await launchBrowser();
    await serveTeamsHost(browser.page, app.baseUrl);

    await app.say('start Mailbox cutover weekend');
    await app.say('incident Licences not assigned sev2');
    otherChannel = channel({ serviceUrl: app.connector.url, tenantId: app.tenantId });
    await app.post(otherChannel.message('start Identity migration rehearsal'));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Opens the tab inside the stand-in Teams client; returns the tab's frame. */
  const openInTeams = (page: Page, options: HostOptions): Promise<FrameLocator> =>
    openHost(page, app.baseUrl, options);

  function channelContext(channelId: string, locale = 'en-US') {
    return {
      locale,
      theme: 'default',
      tid: app.tenantId,
      entityId: 'war-room',
      channelId,
      channelName: 'War room',
      channelType: 'Regular',
      teamId: '19:team-general@thread.tacv2',
      groupId: '11111111-2222-3333-4444-555555555555',
      teamName: 'Cutover',
    };
  }

  /** Records the war-room list requests the page (and its frames) makes. */
  function recordListRequests(page: Page): URL[] {
    const urls: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/war-rooms') urls.push(url);
    });
    return urls;
  }

  it("shows its own channel's war room only, with its incidents", async () => {
    const { page } = browser;
    await page.goto('about:blank'); // the previous test's tab stops asking
    const listRequests = recordListRequests(page);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    const tab = await openInTeams(page, { context: channelContext(app.room.channelId) });

    await tab.getByTestId('warroom-title').getByText('Mailbox cutover weekend').waitFor();
    // The overview opens first; the incidents are the next view.
    await tab.getByTestId('warroom-panels').getByRole('tab', { name: 'Incidents' }).click();
    await tab.locator('[data-testid="incident-row"][data-ref="INC-1"]').waitFor();
    const tabs = tab.getByTestId('warroom-list').getByRole('tab');
    await expect(tabs.count()).resolves.toBe(1);
    await expect(tab.getByText('Identity migration rehearsal').count()).resolves.toBe(0);

    expect(listRequests.length).toBeGreaterThan(0);
    expect(listRequests.map((url) => url.searchParams.get('channelId'))).toEqual(
      listRequests.map(() => app.room.channelId),
    );
    expect(pageErrors).toEqual([]);
  });

  it("opens at the report when a card's deep link asks for it (subEntityId)", async () => {
    const { page } = browser;
    const tab = await openInTeams(page, {
      context: { ...channelContext(app.room.channelId, 'nl-BE'), subEntityId: 'report' },
    });
    await tab.getByTestId('report-panel').waitFor();
    await expect(tab.getByTestId('records-tab-report').getAttribute('aria-selected')).resolves.toBe(
      'true',
    );

    // Without it, the tab opens at the overview as before.
    const plain = await openInTeams(page, { context: channelContext(app.room.channelId) });
    await plain.getByTestId('warroom-title').getByText('Mailbox cutover weekend').waitFor();
    await expect(
      plain
        .getByTestId('warroom-panels')
        .getByRole('tab', { name: 'Overview' })
        .getAttribute('aria-selected'),
    ).resolves.toBe('true');
    await expect(plain.getByTestId('report-panel').count()).resolves.toBe(0);
  });

  it('says how to start one in a channel that has none, and shows it once started', async () => {
    const { page } = browser;
    const quiet = channel({ serviceUrl: app.connector.url, tenantId: app.tenantId });

    const tab = await openInTeams(page, { context: channelContext(quiet.channelId, 'da-DK') });

    const empty = tab.getByTestId('no-warroom-in-channel');
    await empty.waitFor();
    await expect(empty.textContent()).resolves.toBe(t('da-DK', 'tab.noWarRoomInChannel'));
    await expect(tab.getByTestId('warroom-list').count()).resolves.toBe(0);

    await app.post(quiet.message('start Payroll cutover'));
    // The tab refreshes when it becomes visible again; no need to wait for the poll.
    await tab.locator('body').evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await tab.getByTestId('warroom-title').getByText('Payroll cutover').waitFor();
    await expect(tab.getByTestId('no-warroom-in-channel').count()).resolves.toBe(0);
  });

  it('lists all war rooms in personal scope, where there is no channel', async () => {
    const { page } = browser;
    await page.goto('about:blank'); // the previous test's tab stops asking
    const listRequests = recordListRequests(page);

    const tab = await openInTeams(page, {
      context: { locale: 'en-US', theme: 'default', tid: app.tenantId, entityId: 'dashboard' },
    });

    const list = tab.getByTestId('warroom-list');
    // An unselected Fluent tab holds its label twice (one copy reserves the bold width),
    // so the tabs are found by their accessible names.
    await list.getByRole('tab', { name: /Mailbox cutover weekend/ }).waitFor();
    await list.getByRole('tab', { name: /Identity migration rehearsal/ }).waitFor();
    const all = (await app.get('/api/v1/war-rooms')).body as { warRooms: unknown[] };
    await expect(list.getByRole('tab').count()).resolves.toBe(all.warRooms.length);
    expect(listRequests.length).toBeGreaterThan(0);
    expect(listRequests.every((url) => !url.searchParams.has('channelId'))).toBe(true);
  });

  it("the configuration page says the tab shows this channel's war room", async () => {
    const { page } = browser;

    const tab = await openInTeams(page, {
      context: channelContext(app.room.channelId),
      frameContext: 'settings',
      src: '/tab/?view=config',
    });

    const configPage = tab.getByTestId('config-page');
    await configPage.waitFor();
    await expect(configPage.textContent()).resolves.toContain(t('en-US', 'tab.config.inTeams'));
    // Save is enabled: the tab told Teams its configuration is valid.
    await page.waitForFunction(() =>
      (window as unknown as { hostCalls: string[] }).hostCalls.includes(
        'settings.setValidityState',
      ),
    );
  });
});
