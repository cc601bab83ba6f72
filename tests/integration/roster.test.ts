import { randomUUID } from 'node:crypto';
import type { AppOverrides } from '../../bot/app';
import { DEFAULT_ROSTER, rosterJobKey } from '../../bot/services/roster';
import type { Job } from '../../bot/storage/types';
import { ALICE, BOT, channel, TENANT, type Person } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import type { FakeMember } from '../support/fakeConnector';
import { LocalJwks } from '../support/jwks';

/** The team of the test app's default channel (tests/support/activities.ts). */
const TEAM = '19:team-general@thread.tacv2';
const BOB: Person = { aadObjectId: 'bbbbbbbb-0000-0000-0000-00000000b0b0', name: 'Bob Engineer' };
const CAROL: Person = { aadObjectId: 'cccccccc-0000-0000-0000-0000000ca201', name: 'Carol Ops' };

const memberOf = (p: Person, extra: Partial<FakeMember> = {}): FakeMember => ({
  id: `29:${p.aadObjectId}`,
  name: p.name,
  aadObjectId: p.aadObjectId,
  ...extra,
});
/** Five members: three pages of two at the fake connector's page size. */
const FIVE: FakeMember[] = [
  memberOf(ALICE, { userPrincipalName: 'alice@contoso.example', email: 'alice@contoso.example' }),
  memberOf(BOB),
  memberOf({ aadObjectId: 'dddddddd-0000-0000-0000-00000000d0d0', name: 'Dan' }),
  memberOf({ aadObjectId: 'eeeeeeee-0000-0000-0000-00000000e0e0', name: 'Eva' }),
  memberOf({ aadObjectId: 'ffffffff-0000-0000-0000-00000000f0f0', name: 'Finn' }),
];

/** A Teams `conversationUpdate` from the team of `room`: people (or the bot) joined or left. */
function membershipEvent(
  room: ReturnType<typeof channel>,
  change: { membersAdded?: object[]; membersRemoved?: object[] },
) {
  const { text: _text, textFormat: _format, entities: _entities, ...base } = room.message('');
  return {
    ...base,
    type: 'conversationUpdate',
    conversation: { ...base.conversation, id: room.channelId },
    channelData: {
      ...base.channelData,
      eventType: change.membersAdded ? 'teamMemberAdded' : 'teamMemberRemoved',
    },
    ...change,
  };
}
const account = (p: Person) => ({ id: `29:${p.aadObjectId}`, aadObjectId: p.aadObjectId });

/** Polls `probe` until `ok` holds (scheduler jobs run after the turn that owes them). */
async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('team roster from the Bot Connector', () => {
  let t: TestApp;
  const start = async (overrides: AppOverrides = {}) => {
    t = await startTestApp({}, overrides);
    t.connector.setMembers(TEAM, FIVE);
  };
  afterEach(async () => {
    await t?.stop();
  });

  const roster = () => t.app.storage.transaction((tx) => tx.roster.list(t.tenantId, TEAM));
  const ids = async () => (await roster()).map((m) => m.aadObjectId).sort();
  const rosterOf = (n: number) => until(roster, (r) => r.length === n);

  test('starting a war room in a team channel fetches the team’s roster, page by page', async () => {
    await start();
    expect((await t.say('start Mailbox cutover weekend')).status).toBe(200);
    const members = await rosterOf(5);
    expect(t.connector.membersCalls).toEqual([
      { teamId: TEAM, pageSize: '500', continuationToken: null },
      { teamId: TEAM, pageSize: '500', continuationToken: 'page:2' },
      { teamId: TEAM, pageSize: '500', continuationToken: 'page:4' },
    ]);
    expect(members.find((m) => m.aadObjectId === ALICE.aadObjectId)).toMatchObject({
      teamsUserId: `29:${ALICE.aadObjectId}`,
      name: 'Alice Lead',
      userPrincipalName: 'alice@contoso.example',
      email: 'alice@contoso.example',
    });

    // A second war room in the same team within the cache's lifetime asks Teams nothing.
    const other = channel({ serviceUrl: t.connector.url, tenantId: t.tenantId });
    await t.post(other.message('start Rehearsal'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await t.app.scheduler.idle();
    expect(t.connector.membersCalls).toHaveLength(3);
  });

  test('membership events add and remove people at once, without asking Teams again', async () => {
    await start();
    await t.say('start Mailbox cutover weekend');
    await rosterOf(5);
    const posts = t.connector.calls.length;

    const added = await t.post(membershipEvent(t.room, { membersAdded: [account(CAROL)] }));
    expect(added.status).toBe(200);
    expect(await ids()).toContain(CAROL.aadObjectId);
    const removed = await t.post(membershipEvent(t.room, { membersRemoved: [account(BOB)] }));
    expect(removed.status).toBe(200);
    expect(await ids()).not.toContain(BOB.aadObjectId);
    expect(await roster()).toHaveLength(5);

    expect(t.connector.membersCalls).toHaveLength(3);
    expect(t.connector.calls).toHaveLength(posts); // nothing said in the channel
  });

  test('the bot added to a team fetches its roster; removed, it forgets it', async () => {
    await start();
    await t.post(membershipEvent(t.room, { membersAdded: [{ id: BOT.id }] }));
    await rosterOf(5);
    await t.post(membershipEvent(t.room, { membersRemoved: [{ id: BOT.id }] }));
    expect(await roster()).toEqual([]);
  });

  test('what Teams lists is checked: a member without an id is left out, names are cleaned', async () => {
    await start();
    t.connector.setMembers(TEAM, [
      memberOf(BOB, { name: 'Bob\u0000 Engineer\n(Ops)' }),
      { name: 'No id at all' },
      { ...memberOf(CAROL), email: 42 },
    ]);
    await t.post(membershipEvent(t.room, { membersAdded: [{ id: BOT.id }] }));
    expect(await rosterOf(1)).toEqual([
      expect.objectContaining({ aadObjectId: BOB.aadObjectId, name: 'Bob Engineer (Ops)' }),
    ]);
  });

  test('membership events with members of the wrong shape are refused, and change nothing', async () => {
    await start();
    const bad = membershipEvent(t.room, { membersAdded: [{ id: 42, aadObjectId: ['x'] }] });
    expect((await t.post(bad)).status).toBe(400);
    const many = Array.from({ length: 2001 }, (_, i) => ({ id: `29:${i}` }));
    expect((await t.post(membershipEvent(t.room, { membersAdded: many }))).status).toBe(400);
    expect(await roster()).toEqual([]);
  });

  test('a connector that hangs on the members call holds nothing up, and the job runs again', async () => {
    await start({ roster: { source: { callTimeoutMs: 1500 } }, scheduler: { retryBaseMs: 1000 } });
    t.connector.membersMisbehaveNext(1, { kind: 'hang' });
    expect((await t.say('start Mailbox cutover weekend')).status).toBe(200);
    const room = await t.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(t.tenantId, t.room.channelId),
    );
    const key = rosterJobKey(
      { tenantId: t.tenantId, teamId: TEAM, serviceUrl: t.connector.url },
      new Date(room!.createdAt),
      DEFAULT_ROSTER.ttlMs,
    );
    const job = () => t.app.storage.transaction((tx) => tx.jobs.findByDedupeKey(key));
    await until(
      async () => t.connector.membersCalls.length,
      (n) => n === 1,
    );

    // While Teams does not answer, the bot and the tab do.
    const posts = t.connector.calls.length;
    expect((await t.say('help')).status).toBe(200);
    expect(t.connector.calls.length).toBe(posts + 1);
    expect((await t.get('/api/v1/war-rooms')).status).toBe(200);
    expect(await job()).toMatchObject({ state: 'running', attempts: 1 });

    // The call is given up at its bound; the job is due again, and then succeeds.
    const failed = await until(job, (j) => j?.state === 'pending' && j.lastError !== null);
    expect(failed?.lastError).toMatch(/no answer from the Bot Connector within 1500 ms/);
    await rosterOf(5);
    expect(await until(job, (j) => j?.state === 'done')).toMatchObject<Partial<Job>>({
      attempts: 2,
    });
    expect(t.connector.membersCalls).toHaveLength(4);
  });
});

/**
 * Production mode: tab SSO tokens from a local JWKS, bot tokens from another. Outside local
 * development the bot's own calls to Teams need a token from Entra ID, which this machine
 * cannot reach; the roster gets its members from Teams' membership events here.
 */
describe('the tab shows a war room to its team, in production mode', () => {
  const APP_ID = '11111111-2222-3333-4444-555555555555';
  const CLIENT_ID = '22222222-3333-4444-5555-666666666666';
  const BF_ISSUER = 'https://api.botframework.com';
  let botJwks: LocalJwks;
  let tabJwks: LocalJwks;
  let t: TestApp;
  let room: ReturnType<typeof channel>;

  beforeAll(async () => {
    botJwks = await new LocalJwks(BF_ISSUER, ['msteams']).start();
    tabJwks = await new LocalJwks('https://login.microsoftonline.com/{tenantid}/v2.0').start();
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    t = await startTestApp(
      {
        WARROOM_LOCAL_DEV: '0',
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'not-used-by-these-tests',
        BOT_OPENID_METADATA_URL: botJwks.metadataUrl,
        AAD_APP_CLIENT_ID: CLIENT_ID,
        TAB_APP_ID_URI: `api://localhost/${CLIENT_ID}`,
        TAB_JWKS_URL: tabJwks.jwksUrl,
        WARROOM_ALLOWED_TENANTS: TENANT,
        WARROOM_SERVICE_URLS: 'http://127.0.0.1:',
      },
      { roster: { source: { callTimeoutMs: 500 } } },
    );
    room = channel({ serviceUrl: t.connector.url, tenantId: TENANT, teamId: TEAM });
  });
  afterAll(async () => {
    await t?.stop();
    await botJwks?.stop();
    await tabJwks?.stop();
    jest.restoreAllMocks();
  });

  /** Posts an activity with a valid Bot Framework token. */
  const fromTeams = async (activity: { serviceUrl: string }) =>
    t.post(activity, {
      authorization: `Bearer ${await botJwks.sign({ iss: BF_ISSUER, aud: APP_ID, serviceurl: activity.serviceUrl })}`,
    });
  /** The tab's request as `who`, with a Teams SSO token of the tenant. */
  const tab = async (who: Person, pathname: string) =>
    t.get(pathname, {
      authorization: `Bearer ${await tabJwks.sign({
        iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
        aud: CLIENT_ID,
        tid: TENANT,
        oid: who.aadObjectId,
        name: who.name,
      })}`,
    });
  const sees = async (who: Person, warRoomId: string) => {
    const list = (await tab(who, '/api/v1/war-rooms')).body as { warRooms: { id: string }[] };
    const inChannel = (
      await tab(who, `/api/v1/war-rooms?channelId=${encodeURIComponent(room.channelId)}`)
    ).body as { warRooms: { id: string }[] };
    const detail = await tab(who, `/api/v1/war-rooms/${warRoomId}/incidents`);
    return {
      listed: list.warRooms.some((w) => w.id === warRoomId),
      inChannel: inChannel.warRooms.some((w) => w.id === warRoomId),
      detail: detail.status,
    };
  };

  test('a member of the team sees the war room; a colleague outside the team does not', async () => {
    expect((await fromTeams(room.message('start Mailbox cutover weekend'))).status).toBe(200);
    const warRoom = await t.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(TENANT, room.channelId),
    );
    expect(warRoom).toBeDefined();
    const id = warRoom!.id;
    expect((await fromTeams(membershipEvent(room, { membersAdded: [account(BOB)] }))).status).toBe(
      200,
    );

    const visible = { listed: true, inChannel: true, detail: 200 };
    const hidden = { listed: false, inChannel: false, detail: 404 };
    expect(await sees(BOB, id)).toEqual(visible);
    expect(await sees(CAROL, id)).toEqual(hidden);
    expect(await sees(ALICE, id)).toEqual(visible); // she started it
    const stranger = { aadObjectId: randomUUID(), name: 'Someone Else' };
    expect(await sees(stranger, id)).toEqual(hidden);

    // Bob leaves the team: the war room leaves his tab.
    await fromTeams(membershipEvent(room, { membersRemoved: [account(BOB)] }));
    expect(await sees(BOB, id)).toEqual(hidden);
  });
});
