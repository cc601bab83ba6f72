import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../bot/services/auditTrail';
import type { Role, WarRoom } from '../../shared/domain/warRoom';
import { startTestApp, type TestApp } from '../support/app';
import { LocalJwks } from '../support/jwks';

const CLIENT_ID = '22222222-3333-4444-5555-666666666666';
const TENANT_A = 'aaaaaaaa-1111-1111-1111-111111111111';
const TENANT_B = 'bbbbbbbb-2222-2222-2222-222222222222';
const TEAM = '19:team-cutover@thread.tacv2';

/**
 * Who may prove and who may copy a war room's audit log, with real tab SSO tokens: anyone
 * who sees the war room may verify; only its lead may export (it names everyone); other
 * tenants and outsiders learn nothing, not even that it exists.
 */
describe('audit routes: who may verify, who may export', () => {
  let jwks: LocalJwks;
  let t: TestApp;
  let room: WarRoom;
  const people = {
    lead: randomUUID(),
    engineer: randomUUID(),
    comms: randomUUID(),
    observer: randomUUID(),
    outsider: randomUUID(),
  };

  beforeAll(async () => {
    jwks = await new LocalJwks('https://login.microsoftonline.com/{tenantid}/v2.0').start();
    t = await startTestApp({
      WARROOM_LOCAL_DEV: '0',
      MICROSOFT_APP_ID: randomUUID(),
      MICROSOFT_APP_PASSWORD: 'unused',
      AAD_APP_CLIENT_ID: CLIENT_ID,
      TAB_JWKS_URL: jwks.jwksUrl,
      WARROOM_ALLOWED_TENANTS: `${TENANT_A},${TENANT_B}`,
    });
    const now = new Date().toISOString();
    room = {
      id: randomUUID(),
      tenantId: TENANT_A,
      teamId: TEAM,
      channelId: '19:audit@thread.tacv2',
      conversationId: '19:audit@thread.tacv2',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      title: 'Cutover with an auditor',
      timeZone: 'Europe/Copenhagen',
      language: 'en',
      phase: 'cutover',
      createdById: people.lead,
      createdByName: 'Mette Lead',
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await t.app.storage.transaction(async (tx) => {
      await tx.warRooms.insert(room);
      await appendAudit(tx, {
        tenantId: TENANT_A,
        warRoomId: room.id,
        at: now,
        actorId: people.lead,
        actorName: 'Mette Lead',
        action: 'warroom.started',
        subject: `warroom:${room.id}`,
        before: null,
        after: { title: room.title },
      });
      await tx.roster.replaceTeam(
        TENANT_A,
        TEAM,
        [{ teamsUserId: '29:eng', aadObjectId: people.engineer, name: 'Eva Engineer' }].map(
          (m) => ({ ...m, userPrincipalName: null, email: null }),
        ),
        now,
      );
      for (const [who, role] of [
        ['comms', 'comms'],
        ['observer', 'observer'],
      ] as const satisfies readonly (readonly [keyof typeof people, Role])[]) {
        await tx.roles.put({
          tenantId: TENANT_A,
          warRoomId: room.id,
          teamsUserId: `29:${who}`,
          userId: people[who],
          name: who,
          role,
          assignedById: people.lead,
          assignedAt: now,
        });
      }
    });
  });
  afterAll(async () => {
    await t?.stop();
    await jwks?.stop();
  });

  const as = async (oid: string, tid = TENANT_A) => ({
    authorization: `Bearer ${await jwks.sign({
      iss: `https://login.microsoftonline.com/${tid}/v2.0`,
      aud: CLIENT_ID,
      tid,
      oid,
      name: `Caller ${oid.slice(0, 4)}`,
    })}`,
  });
  const actions = async () =>
    (await t.app.storage.transaction((tx) => tx.audit.list(TENANT_A, room.id))).map((e) => [
      e.action,
      e.actorId,
    ]);

  test.each(['lead', 'engineer', 'comms', 'observer'] as const)(
    'the %s may verify',
    async (who) => {
      const r = await t.get(`/api/v1/war-rooms/${room.id}/audit/verify`, await as(people[who]));
      expect(r).toMatchObject({ status: 200, body: { verified: true, firstSeq: 1 } });
    },
  );

  test.each(['engineer', 'comms', 'observer'] as const)(
    'the %s may not export, in their language, and the refusal is recorded',
    async (who) => {
      const before = await actions();
      const r = await t.get(`/api/v1/war-rooms/${room.id}/audit/export`, {
        ...(await as(people[who])),
        'accept-language': 'da-DK',
      });
      expect(r).toMatchObject({
        status: 403,
        body: { error: { code: 'forbidden', message: expect.stringMatching(/^Kun krigsrummets/) } },
      });
      expect(await actions()).toEqual([...before, ['access.refused', people[who]]]);
    },
  );

  test('the lead exports, and the export is recorded as its last line', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/war-rooms/${room.id}/audit/export`, {
      headers: await as(people.lead),
    });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trimEnd().split('\n');
    const last = JSON.parse(lines.at(-1) ?? '{}') as Record<string, unknown>;
    expect(last).toMatchObject({ action: 'audit.exported', actorId: people.lead });
    expect((await actions()).at(-1)).toEqual(['audit.exported', people.lead]);
  });

  test.each([
    ['someone of another tenant', () => as(people.lead, TENANT_B)],
    ['an outsider of the same tenant', () => as(people.outsider)],
  ])('%s gets 404 from both routes, and nothing is recorded', async (_who, auth) => {
    const before = await actions();
    for (const route of ['verify', 'export']) {
      const r = await t.get(`/api/v1/war-rooms/${room.id}/audit/${route}`, await auth());
      expect(r).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    }
    expect(await actions()).toEqual(before);
  });

  test('an id that is not a war room id gets 404', async () => {
    const r = await t.get('/api/v1/war-rooms/not-a-uuid/audit/verify', await as(people.lead));
    expect(r.status).toBe(404);
  });
});
