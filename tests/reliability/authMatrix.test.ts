import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VERBS } from '../../shared/cards/actions';
import type { Incident } from '../../shared/domain/incident';
import type { WarRoom } from '../../shared/domain/warRoom';
import { channel, OTHER_TENANT, TENANT } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { LocalJwks } from '../support/jwks';
import {
  CREDENTIAL_IDS,
  CREDENTIALS,
  PROTECTED,
  PUBLIC,
  type Caller,
  type CredentialId,
  type Issuer,
  type Surface,
} from './support/credentials';
import { rawRequest, type RawRequest } from './support/http';

const BOT_APP_ID = '11111111-2222-3333-4444-555555555555';
const TAB_CLIENT_ID = '22222222-3333-4444-5555-666666666666';
const BF_ISSUER = 'https://api.botframework.com';
const EVIL_SERVICE_URL = 'https://evil.example.com/';
/** The tab caller's Entra object id: a member of the seeded war room's team. */
const TAB_CALLER = randomUUID();

/** A route of the matrix; `request` is built per cell (fresh activity ids, current version). */
interface Route {
  name: string;
  surface: Surface;
  request(caller: Caller): Promise<RawRequest>;
  /** The activity's service URL, which a bot token must name too. */
  serviceUrl?: () => string;
  expect: Record<CredentialId, number>;
}

/** The running server and what the routes point at (set in beforeAll). */
let t: TestApp;
let warRoom: WarRoom;
let incident: Incident;

const get = (pathname: () => string) => async (): Promise<RawRequest> => ({ path: pathname() });
const api = (name: string, pathname = () => name.replace(/^GET /, '')): Route => ({
  name,
  surface: 'tab',
  request: get(pathname),
  expect: PROTECTED,
});
const open = (name: string, pathname = () => name.replace(/^GET /, '')): Route => ({
  name,
  surface: 'public',
  request: get(pathname),
  expect: PUBLIC,
});
const bot = (name: string, serviceUrl: () => string, overrides = {}): Route => ({
  name,
  surface: 'bot',
  serviceUrl,
  request: async (caller) => ({
    method: 'POST',
    path: '/api/messages',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(await statusClick(caller.tenant, serviceUrl())),
  }),
  expect: { ...PROTECTED, ...overrides },
});

/**
 * Every route × every credential. Adding a route is one line here. The bot's request is a
 * status change on a card: it writes (an audit entry) whenever it gets through.
 */
const ROUTES: Route[] = [
  bot('POST /api/messages', () => t.connector.url),
  // Authenticate first: an anonymous caller must not learn which service URLs are allowed.
  bot('POST /api/messages with a service URL outside the allow-list', () => EVIL_SERVICE_URL, {
    tenantNotAllowed: 403,
    valid: 403,
  }),
  api('GET /api/v1/me'),
  api('GET /api/v1/war-rooms'),
  api(
    'GET /api/v1/war-rooms?channelId=',
    () => `/api/v1/war-rooms?channelId=${enc(warRoom.channelId)}`,
  ),
  api('GET /api/v1/war-rooms/:id/incidents', () => `/api/v1/war-rooms/${warRoom.id}/incidents`),
  api(
    'GET /api/v1/war-rooms/:id/audit/verify',
    () => `/api/v1/war-rooms/${warRoom.id}/audit/verify`,
  ),
  api('GET /api/v1/war-rooms/:id/report', () => `/api/v1/war-rooms/${warRoom.id}/report?format=md`),
  api(
    'GET /api/v1/war-rooms/:id/report/lessons',
    () => `/api/v1/war-rooms/${warRoom.id}/report/lessons`,
  ),
  api(
    'GET /api/v1/war-rooms/:id/report/:table.csv',
    () => `/api/v1/war-rooms/${warRoom.id}/report/incidents.csv`,
  ),
  // A handover is for anyone who sees the war room: the engineer's valid token gets one.
  {
    ...api('POST /api/v1/war-rooms/:id/handover'),
    request: async () => ({
      method: 'POST',
      path: `/api/v1/war-rooms/${warRoom.id}/handover`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hours: 6 }),
    }),
  },
  // Only the lead writes the lessons learned: the engineer's valid token gets 403.
  {
    ...api('PUT /api/v1/war-rooms/:id/report/lessons'),
    request: async () => ({
      method: 'PUT',
      path: `/api/v1/war-rooms/${warRoom.id}/report/lessons`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Rehearse the freeze.' }),
    }),
    expect: { ...PROTECTED, valid: 403 },
  },
  // The tab's records panels (recordsApi.ts): readable by anyone who sees the war room.
  ...['access', 'incidents/page', 'decisions', 'actions', 'audit'].map((tail) =>
    api(`GET /api/v1/war-rooms/:id/${tail}`, () => `/api/v1/war-rooms/${warRoom.id}/${tail}`),
  ),
  api(
    'GET /api/v1/war-rooms/:id/incidents/:incidentId',
    () => `/api/v1/war-rooms/${warRoom.id}/incidents/${incident.id}`,
  ),
  // The caller is a team member (engineer): only the lead may export, so a valid token gets 403.
  {
    ...api(
      'GET /api/v1/war-rooms/:id/audit/export',
      () => `/api/v1/war-rooms/${warRoom.id}/audit/export`,
    ),
    expect: { ...PROTECTED, valid: 403 },
  },
  {
    ...api('POST /api/v1/war-rooms/:id/events/ticket'),
    request: async () => ({
      method: 'POST',
      path: `/api/v1/war-rooms/${warRoom.id}/events/ticket`,
    }),
  },
  api('GET /api/v1/war-rooms/:id/dashboard', () => `/api/v1/war-rooms/${warRoom.id}/dashboard`),
  api(
    'GET /api/v1/war-rooms/:id/dashboard/series',
    () => `/api/v1/war-rooms/${warRoom.id}/dashboard/series`,
  ),
  api(
    'GET /api/v1/war-rooms/:id/migration/items',
    () => `/api/v1/war-rooms/${warRoom.id}/migration/items?status=failed&limit=10`,
  ),
  open('GET /healthz'),
  open('GET /tab/'),
];

const enc = encodeURIComponent;

/** A click that moves the incident on (investigating ⇄ mitigated) from its current version. */
async function statusClick(tenantId: string, serviceUrl: string) {
  const now = await t.app.storage.transaction((tx) => tx.incidents.findById(TENANT, incident.id));
  if (!now) throw new Error('the seeded incident is gone');
  const room = channel({ serviceUrl, tenantId, channelId: warRoom.channelId });
  return room.cardAction(VERBS.incidentSetStatus, {
    incidentId: incident.id,
    status: now.status === 'investigating' ? 'mitigated' : 'investigating',
    version: now.version,
  });
}

const NON_EMPTY = expect.stringMatching(/\S/);
/** SDK internals that must never reach a caller (botbuilder's messages, stack frames). */
const LEAK =
  /Invalid AppId passed on token|JwtTokenExtractor|JwtTokenValidation|Unauthorized Access|Request is not authorized|botframework|botbuilder|\bat .+:\d+:\d+/i;

describe('auth matrix: every route × every credential, production mode', () => {
  let botJwks: LocalJwks;
  let tabJwks: LocalJwks;
  let tabDir: string;
  const issuers = {} as Record<'bot' | 'tab', Issuer>;

  beforeAll(async () => {
    botJwks = await new LocalJwks(BF_ISSUER, ['msteams']).start();
    tabJwks = await new LocalJwks('https://login.microsoftonline.com/{tenantid}/v2.0').start();
    issuers.bot = {
      jwks: botJwks,
      claims: (_tenant, serviceUrl) => ({
        iss: BF_ISSUER,
        aud: BOT_APP_ID,
        serviceurl: serviceUrl,
      }),
      wrongIssuer: 'https://evil.example.com',
    };
    issuers.tab = {
      jwks: tabJwks,
      claims: (tenant) => ({
        iss: `https://login.microsoftonline.com/${tenant}/v2.0`,
        aud: TAB_CLIENT_ID,
        tid: tenant,
        oid: TAB_CALLER,
        name: 'Matrix Caller',
      }),
      // The issuer of another tenant: a token must come from its own tenant's issuer.
      wrongIssuer: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`,
    };
    // A tab of our own, so /tab/ answers whether or not `npm run build:tab` ran.
    tabDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-tab-'));
    fs.writeFileSync(path.join(tabDir, 'index.html'), '<!doctype html><title>War Room</title>');
    // botbuilder logs every rejected token with console.error; the assertions say what matters.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    t = await startTestApp({
      WARROOM_LOCAL_DEV: '0',
      MICROSOFT_APP_ID: BOT_APP_ID,
      MICROSOFT_APP_PASSWORD: 'not-used-by-these-tests',
      BOT_OPENID_METADATA_URL: botJwks.metadataUrl,
      AAD_APP_CLIENT_ID: TAB_CLIENT_ID,
      TAB_APP_ID_URI: `api://localhost/${TAB_CLIENT_ID}`,
      TAB_JWKS_URL: tabJwks.jwksUrl,
      WARROOM_ALLOWED_TENANTS: TENANT,
      WARROOM_SERVICE_URLS: 'http://127.0.0.1:',
      WARROOM_TAB_DIR: tabDir,
    });
    ({ warRoom, incident } = await seed());
  });

  afterAll(async () => {
    await t?.stop();
    await botJwks?.stop();
    await tabJwks?.stop();
    if (tabDir) fs.rmSync(tabDir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  /** A war room with one open incident, written through the storage port. */
  async function seed() {
    const now = new Date().toISOString();
    const room: WarRoom = {
      id: randomUUID(),
      tenantId: TENANT,
      teamId: '19:team-general@thread.tacv2',
      channelId: `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`,
      conversationId: '',
      serviceUrl: t.connector.url,
      title: 'Auth matrix',
      timeZone: 'Europe/Copenhagen',
      language: 'en',
      phase: 'cutover',
      createdById: 'seed',
      createdByName: 'Seed',
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    room.conversationId = room.channelId;
    const inc: Incident = {
      id: randomUUID(),
      tenantId: TENANT,
      warRoomId: room.id,
      number: 1,
      title: 'Matrix incident',
      severity: 'sev3',
      status: 'open',
      reporterId: 'seed',
      reporterName: 'Seed',
      owner: null,
      createdAt: now,
      updatedAt: now,
      acknowledgedAt: null,
      mitigatedAt: null,
      resolvedAt: null,
      version: 1,
      cardActivityId: null,
    };
    await t.app.storage.transaction(async (tx) => {
      await tx.warRooms.insert(room);
      await tx.incidents.insert(inc);
      // The tab shows a war room to its team's members.
      const caller = { teamsUserId: '29:matrix', aadObjectId: TAB_CALLER, name: 'Matrix Caller' };
      await tx.roster.replaceTeam(
        TENANT,
        room.teamId!,
        [{ ...caller, userPrincipalName: null, email: null }],
        now,
      );
    });
    return { warRoom: room, incident: inc };
  }

  /** What a card click could have changed: the incident and its war room's audit chain. */
  const snapshot = () =>
    t.app.storage.transaction(async (tx) => ({
      incident: await tx.incidents.findById(TENANT, incident.id),
      audit: (await tx.audit.list(TENANT, warRoom.id)).length,
      warRooms: (await tx.warRooms.listByTenant(TENANT)).length,
      otherTenantWarRooms: (await tx.warRooms.listByTenant(OTHER_TENANT)).length,
    }));

  const cells = ROUTES.flatMap((route) =>
    CREDENTIAL_IDS.map(
      (id) => [route.name, CREDENTIALS[id].label, route.expect[id], route, id] as const,
    ),
  );

  test.each(cells)('%s with %s → %i', async (_route, _credential, expected, route, id) => {
    const own = route.surface === 'bot' ? issuers.bot : issuers.tab;
    const other = route.surface === 'bot' ? issuers.tab : issuers.bot;
    const caller = await CREDENTIALS[id].make({
      own,
      other,
      serviceUrl: route.serviceUrl?.() ?? '',
      allowedTenant: TENANT,
      otherTenant: OTHER_TENANT,
    });
    const req = await route.request(caller);
    const before = await snapshot();
    const res = await rawRequest(t.baseUrl, {
      ...req,
      headers: { ...req.headers, ...caller.headers },
    });
    const after = await snapshot();

    if (res.status !== expected) {
      throw new Error(`expected ${expected}, got ${res.status}: ${res.text.slice(0, 300)}`);
    }
    if (res.status === 401) {
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json).toEqual({ error: { code: NON_EMPTY, message: NON_EMPTY } });
    }
    if (res.status >= 400) expect(res.text).not.toMatch(LEAK);
    if (route.surface !== 'bot') return;
    if (expected === 200) {
      // The click got through: it changed the incident, with its audit entry.
      expect(after.audit).toBe(before.audit + 1);
      expect(after.incident?.version).toBe((before.incident?.version ?? 0) + 1);
    } else {
      expect(after).toEqual(before);
    }
  });
});
