import { randomUUID } from 'node:crypto';
import { verifyStoredChain } from '../../bot/services/auditChain';
import { appendAudit } from '../../bot/services/auditTrail';
import type { WarRoom } from '../../shared/domain/warRoom';
import { startTestApp, type TestApp } from '../support/app';
import { LocalJwks } from '../support/jwks';

const CLIENT_ID = '22222222-3333-4444-5555-777777777777';
const TENANT_A = 'aaaaaaaa-1111-1111-1111-111111111111';
const TENANT_B = 'bbbbbbbb-2222-2222-2222-222222222222';

/**
 * The person routes with real tab SSO tokens: only a tenant admin named in
 * WARROOM_TENANT_ADMINS may export or erase; everyone else gets 403, another tenant's
 * admin 404 (nothing of theirs is stored there).
 */
describe('person data routes: export and erase, tenant admins only', () => {
  let jwks: LocalJwks;
  let t: TestApp;
  let room: WarRoom;
  const people = {
    adminA: randomUUID(),
    adminB: randomUUID(),
    lead: randomUUID(),
    petra: randomUUID(),
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
      WARROOM_TENANT_ADMINS: `${TENANT_A}=${people.adminA}; ${TENANT_B}=${people.adminB}`,
    });
    const now = new Date().toISOString();
    room = {
      id: randomUUID(),
      tenantId: TENANT_A,
      teamId: '19:team@thread.tacv2',
      channelId: '19:privacy@thread.tacv2',
      conversationId: '19:privacy@thread.tacv2',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      title: 'Cutover',
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
      await tx.roles.put({
        tenantId: TENANT_A,
        warRoomId: room.id,
        teamsUserId: '29:petra',
        userId: people.petra,
        name: 'Petra Person',
        role: 'approver',
        assignedById: people.lead,
        assignedAt: now,
      });
      await appendAudit(tx, {
        tenantId: TENANT_A,
        warRoomId: room.id,
        at: now,
        actorId: people.lead,
        actorName: 'Mette Lead',
        action: 'role.assigned',
        subject: `warroom:${room.id}`,
        before: null,
        after: {
          teamsUserId: '29:petra',
          userId: people.petra,
          name: 'Petra Person',
          role: 'approver',
        },
      });
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
      name: `Admin ${oid.slice(0, 4)}`,
    })}`,
  });
  const path = (oid: string, what: 'export' | 'erase') =>
    `/api/v1/tenants/me/people/${oid}/${what}`;
  const erase = async (oid: string, headers: Record<string, string>) => {
    const res = await fetch(`${t.baseUrl}${path(oid, 'erase')}`, { method: 'POST', headers });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  test.each(['lead', 'petra'] as const)('the %s (no admin) gets 403 from both', async (who) => {
    const r = await t.get(path(people.petra, 'export'), await as(people[who]));
    expect(r).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect((await erase(people.petra, await as(people[who]))).status).toBe(403);
  });

  test("another tenant's admin gets 404: nothing of the person is stored there", async () => {
    const r = await t.get(path(people.petra, 'export'), await as(people.adminB, TENANT_B));
    expect(r).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect((await erase(people.petra, await as(people.adminB, TENANT_B))).status).toBe(404);
  });

  test('the admin exports the person, nobody else named', async () => {
    const r = await t.get(path(people.petra, 'export'), await as(people.adminA));
    expect(r.status).toBe(200);
    const text = JSON.stringify(r.body);
    expect(r.body).toMatchObject({ tenantId: TENANT_A, aadObjectId: people.petra });
    expect(text).toContain('Petra Person');
    expect(text).not.toContain('Mette Lead');
    expect(text).not.toContain(people.lead);
  });

  test('the admin erases the person: gone from roles and log, the chain verifies', async () => {
    const r = await erase(people.petra, await as(people.adminA));
    expect(r).toMatchObject({ status: 200, body: { warRooms: [{ warRoomId: room.id }] } });
    const roles = await t.app.storage.transaction((tx) => tx.roles.list(TENANT_A, room.id));
    expect(JSON.stringify(roles)).not.toContain('Petra Person');
    const log = await t.app.storage.transaction((tx) => tx.audit.list(TENANT_A, room.id));
    expect(JSON.stringify(log)).not.toContain('Petra Person');
    expect(JSON.stringify(log)).not.toContain(people.petra);
    expect(log.map((e) => e.action)).toEqual([
      'warroom.started',
      'role.assigned',
      'privacy.exported',
      'privacy.erased',
    ]);
    expect(await verifyStoredChain(t.app.storage, TENANT_A, room.id)).toMatchObject({
      verified: true,
      entries: 4,
    });
    const again = await t.get(path(people.petra, 'export'), await as(people.adminA));
    expect(again.status).toBe(404);
  });
});
