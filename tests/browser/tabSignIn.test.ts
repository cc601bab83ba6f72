import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { t } from '../../shared/i18n';
import type { WarRoom } from '../../shared/domain/warRoom';
import { startTestApp, type TestApp } from '../support/app';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { LocalJwks } from '../support/jwks';
import { openInTeams, serveTeamsHost } from '../support/teamsHost';

const BUILT_TAB = path.resolve(__dirname, '../../dist/tab/index.html');
const CLIENT_ID = '22222222-3333-4444-5555-666666666666';
const TENANT = 'aaaaaaaa-1111-1111-1111-111111111111';
const OTHER_TENANT = 'bbbbbbbb-2222-2222-2222-222222222222';
const FOREIGN_TENANT = 'cccccccc-3333-3333-3333-333333333333';
const TEAM = '19:team-cutover@thread.tacv2';
const CHANNEL = '19:cutover-war-room@thread.tacv2';
const MEMBER = 'dddddddd-0000-0000-0000-00000000d0d0';

/**
 * Signing in to the tab as Teams does it, with authentication on: the stand-in Teams client
 * hands the tab an SSO token minted by a local JWKS standing in for Entra ID, and the tab
 * shows the channel's war room only to a valid token of a member of its team.
 */
describe('the tab signs in with Teams SSO', () => {
  let jwks: LocalJwks;
  let app: TestApp;
  let browser: TestBrowser;
  const room: WarRoom = {
    id: randomUUID(),
    tenantId: TENANT,
    teamId: TEAM,
    channelId: CHANNEL,
    conversationId: CHANNEL,
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    title: 'Mailbox cutover weekend',
    timeZone: 'Europe/Copenhagen',
    language: 'en',
    phase: 'cutover',
    createdById: randomUUID(),
    createdByName: 'Lead',
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    version: 1,
  };

  beforeAll(async () => {
    if (!existsSync(BUILT_TAB)) {
      throw new Error('The tab is not built: run `npm run build:tab` before the browser tests.');
    }
    jwks = await new LocalJwks('https://login.microsoftonline.com/{tenantid}/v2.0').start();
    app = await startTestApp({
      WARROOM_LOCAL_DEV: '0',
      MICROSOFT_APP_ID: randomUUID(),
      MICROSOFT_APP_PASSWORD: 'unused',
      AAD_APP_CLIENT_ID: CLIENT_ID,
      TAB_APP_ID_URI: `api://localhost/${CLIENT_ID}`,
      TAB_JWKS_URL: jwks.jwksUrl,
      WARROOM_ALLOWED_TENANTS: `${TENANT},${OTHER_TENANT}`,
    });
    const now = new Date().toISOString();
    await app.app.storage.transaction(async (tx) => {
      await tx.warRooms.insert(room);
      await tx.roster.replaceTeam(
        TENANT,
        TEAM,
        [
          {
            teamsUserId: `29:${MEMBER}`,
            aadObjectId: MEMBER,
            name: 'Mette Member',
            userPrincipalName: null,
            email: null,
          },
        ],
        now,
      );
    });
    browser = await launchBrowser();
    await serveTeamsHost(browser.page, app.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await jwks?.stop();
  });

  const claims = (tid = TENANT, oid = MEMBER) => ({
    iss: `https://login.microsoftonline.com/${tid}/v2.0`,
    aud: CLIENT_ID,
    tid,
    oid,
    name: 'Mette Member',
  });

  /** Opens the channel tab of the war room's channel with `token` as the SSO token. */
  async function openWith(page: Page, token: string, tid = TENANT) {
    return openInTeams(page, app.baseUrl, {
      context: {
        locale: 'en-US',
        theme: 'default',
        tid,
        entityId: 'war-room',
        channelId: CHANNEL,
        channelName: 'War room',
        channelType: 'Regular',
        teamId: TEAM,
        teamName: 'Cutover',
      },
      token,
    });
  }

  /** Every API request of the page carries the token in its header, never in the URL. */
  function recordApiRequests(page: Page) {
    const seen: { url: string; authorization: string | undefined }[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/v1/')) {
        seen.push({ url: request.url(), authorization: request.headers().authorization });
      }
    });
    return seen;
  }

  it("shows a team member the channel's war room, with the token in a header only", async () => {
    const { page } = browser;
    const token = await jwks.sign(claims());
    await page.goto('about:blank');
    const requests = recordApiRequests(page);

    const tab = await openWith(page, token);

    await tab.getByTestId('warroom-title').getByText(room.title).waitFor();
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect(request.url).not.toContain(token.split('.')[2]);
      // The event stream (EventSource sends no headers) opens with a one-minute ticket
      // that the API gave for this token, never with the token itself.
      if (new URL(request.url).pathname.endsWith('/events')) continue;
      expect(request.authorization).toBe(`Bearer ${token}`);
    }
  });

  const refused: [string, () => Promise<string>][] = [
    ['an expired token', () => jwks.sign(claims(), { expiresIn: -3600 })],
    ['a token for another app', () => jwks.sign({ ...claims(), aud: randomUUID() })],
    ['a token signed by an unknown key', () => jwks.sign(claims(), { key: 'unpublished' })],
  ];
  it.each(refused)('asks to sign in again after %s, and shows nothing', async (_name, mint) => {
    const { page } = browser;
    const tab = await openWith(page, await mint());

    const error = tab.getByTestId('load-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain(t('en-US', 'error.unauthenticated'));
    await expect(tab.getByText(room.title).count()).resolves.toBe(0);
  });

  it('refuses a tenant this instance does not serve, in words', async () => {
    const { page } = browser;
    const tab = await openWith(page, await jwks.sign(claims(FOREIGN_TENANT)), FOREIGN_TENANT);

    const error = tab.getByTestId('load-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain(t('en-US', 'error.tenantNotAllowed'));
    await expect(tab.getByText(room.title).count()).resolves.toBe(0);
  });

  const strangers: [string, () => ReturnType<typeof claims>][] = [
    ['someone of the same tenant outside the team', () => claims(TENANT, randomUUID())],
    ['a member id under another tenant', () => claims(OTHER_TENANT, MEMBER)],
  ];
  it.each(strangers)('shows %s no war room in this channel', async (_name, who) => {
    const { page } = browser;
    const identity = who();
    const tab = await openWith(page, await jwks.sign(identity), identity.tid);

    const empty = tab.getByTestId('no-warroom-in-channel');
    await empty.waitFor();
    await expect(tab.getByText(room.title).count()).resolves.toBe(0);
  });
});
