import { verifyStoredChain } from '../../bot/services/auditChain';
import { ALICE, channel, type Person } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import type { FakeMember } from '../support/fakeConnector';

/** The team of the test app's default channel (tests/support/activities.ts). */
const TEAM = '19:team-general@thread.tacv2';
const PETRA: Person = { aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000e7a01', name: 'Petra Person' };
const member = (p: Person): FakeMember => ({
  id: `29:${p.aadObjectId}`,
  name: p.name,
  aadObjectId: p.aadObjectId,
});

/**
 * Through the real bot and API: Petra is named in an incident's title and a note, and owns
 * an action whose card mentions her. The admin's erasure leaves none of it, the cards
 * waiting in the outbox included, and the audit chain (whose new entries seal their
 * free text) still verifies with nothing kept.
 */
describe('erasing a person named in what people typed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    t.connector.setMembers(TEAM, [ALICE, PETRA].map(member));
    await t.say('start Mailbox cutover weekend');
    for (let i = 0; i < 200; i++) {
      while ((await t.app.scheduler.tick()) > 0);
      const roster = await t.app.storage.transaction((tx) => tx.roster.list(t.tenantId, TEAM));
      if (roster.length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await t.say("incident petra person's laptop is down sev2");
    await t.say('note INC-1 Called Petra Person, she is on her way');
    const base = channel({ serviceUrl: t.connector.url, channelId: t.room.channelId }).message('');
    const tag = `<at>${PETRA.name}</at>`;
    const owner = await t.post({
      ...base,
      text: `<at>War Room</at> action Bring a spare laptop ${tag} due 23:00`,
      entities: [
        { type: 'mention', text: '<at>War Room</at>', mentioned: base.recipient },
        {
          type: 'mention',
          text: tag,
          mentioned: { id: `29:${PETRA.aadObjectId}`, name: PETRA.name },
        },
      ],
    });
    expect(owner.status).toBe(200);
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('records, cards in the outbox and the audit log no longer name her', async () => {
    const warRoom = (await t.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(t.tenantId, t.room.channelId),
    ))!;
    const [action] = await t.app.storage.transaction((tx) =>
      tx.actions.listByWarRoom(t.tenantId, warRoom.id),
    );
    expect(action?.owner.name).toBe(PETRA.name);
    const card = () =>
      t.app.storage.transaction((tx) => tx.outbox.findPost(t.tenantId, `action:${action!.id}`));
    expect(JSON.stringify(await card())).toContain(PETRA.name);

    const res = await fetch(`${t.baseUrl}/api/v1/tenants/me/people/${PETRA.aadObjectId}/erase`, {
      method: 'POST',
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      pseudonym: { id: string; name: string };
      warRooms: { records: Record<string, number>; auditTextKept?: number }[];
      tenant: Record<string, number>;
    };
    const p = report.pseudonym;
    expect(report.warRooms[0]?.records).toMatchObject({
      incidents: 1,
      incident_notes: 1,
      actions: 1,
    });
    expect(report.warRooms[0]?.auditTextKept).toBeUndefined();
    expect(report.tenant).toMatchObject({ team_members: 1, outbox: expect.any(Number) });

    const [incident] = await t.app.storage.transaction((tx) =>
      tx.incidents.listByWarRoom(t.tenantId, warRoom.id),
    );
    expect(incident?.title).toBe(`${p.name}'s laptop is down`);
    const [note] = await t.app.storage.transaction((tx) =>
      tx.incidents.listNotes(t.tenantId, incident!.id),
    );
    expect(note?.text).toBe(`Called ${p.name}, she is on her way`);

    const posted = JSON.stringify(await card());
    const log = JSON.stringify(
      await t.app.storage.transaction((tx) => tx.audit.list(t.tenantId, warRoom.id)),
    );
    for (const text of [posted, log]) {
      expect(text).not.toMatch(/petra person/i);
      expect(text).not.toContain(PETRA.aadObjectId);
    }
    expect(posted).toContain(p.name);
    expect(log).toContain(`${p.name}'s laptop is down`);
    expect(await verifyStoredChain(t.app.storage, t.tenantId, warRoom.id)).toMatchObject({
      verified: true,
    });
  });
});
