import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { t } from '../../shared/i18n';
import { channel } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { launchBrowser, type TestBrowser } from '../support/browser';

const BUILT_TAB = path.resolve(__dirname, '../../dist/tab/index.html');

/** Where the stand-in Teams client is served; the browser answers it, the server never sees it. */
const HOST_PATH = '/__test-teams-host__';

/**
 * A stand-in for the Teams web client: it frames the tab and answers the few teams-js calls
 * the tab makes (initialize, getContext, authentication.getAuthToken) the way Teams does.
 * It is served on the server's own origin, which teams-js trusts as a parent, so no
 * Microsoft origin has to be faked. The token it hands out is empty: the server runs in
 * local development mode, where the tab then calls the API as the development identity.
 */
const HOST_HTML = `<!doctype html>
<html>
  <body style="margin: 0">
    <iframe id="tab" title="War Room" style="width: 1200px; height: 760px; border: 0"></iframe>
    <script>
      const params = new URLSearchParams(location.search);
      const context = JSON.parse(params.get('context'));
      const frameContext = params.get('frameContext');
      const runtime = { apiVersion: 4, supports: { pages: { config: {} }, teamsCore: {} } };
      const frame = document.getElementById('tab');
      window.hostCalls = [];
      window.addEventListener('message', (event) => {
        const request = event.data;
        if (event.source !== frame.contentWindow || !request || typeof request.func !== 'string') {
          return;
        }
        window.hostCalls.push(request.func);
        const reply = (...args) =>
          frame.contentWindow.postMessage(
            { id: request.id, uuidAsString: request.uuidAsString, args },
            location.origin,
          );
        if (request.func === 'initialize') reply(frameContext, 'web', JSON.stringify(runtime), '2.58.0');
        if (request.func === 'getContext') reply({ ...context, frameContext });
        if (request.func === 'authentication.getAuthToken') reply(true, '');
      });
      frame.src = params.get('src');
    </script>
  </body>
</html>`;

interface HostOptions {
  /** The legacy (wire) form of the Teams context, as the Teams client sends it. */
  context: Record<string, unknown>;
  frameContext?: 'content' | 'settings';
  src?: string;
}

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
    await browser.page.route(`${app.baseUrl}${HOST_PATH}?*`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: HOST_HTML }),
    );

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
  async function openInTeams(page: Page, options: HostOptions): Promise<FrameLocator> {
    const query = new URLSearchParams({
      context: JSON.stringify(options.context),
      frameContext: options.frameContext ?? 'content',
      src: options.src ?? '/tab/',
    });
    await page.goto(`${app.baseUrl}${HOST_PATH}?${query.toString()}`);
    return page.frameLocator('#tab');
  }

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
