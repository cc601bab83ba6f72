import { VERBS } from '../../shared/cards/actions';
import { ALICE, channel, type Person } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { cardProblems, cardsOf } from '../support/cards';
import { cardText, invokeCard, warRoomChannel } from '../support/decide';
import type { FakeMember } from '../support/fakeConnector';

/** The team of the test app's default channel (tests/support/activities.ts). */
const TEAM = '19:team-general@thread.tacv2';
const JONAS: Person = { aadObjectId: 'dddddddd-0000-0000-0000-0000000d0005', name: 'Jonas Eng' };
const OLGA: Person = { aadObjectId: 'eeeeeeee-0000-0000-0000-00000000e0e0', name: 'Olga Observer' };
const STRANGER = 'ffffffff-0000-0000-0000-0000000f0f0f';
const upn = (p: Person) => `${p.name.split(' ')[0]!.toLowerCase()}@hospital.example`;
const member = (p: Person): FakeMember => ({
  id: `29:${p.aadObjectId}`,
  name: p.name,
  aadObjectId: p.aadObjectId,
  userPrincipalName: upn(p),
});

/**
 * Incidents, finished: an owner (named in the command or picked on the card), notes, the
 * times of every transition, and Call/Meet links with the owner — over HTTP with
 * Teams-shaped activities, the fake Bot Connector and the real database.
 */
describe('incidents with an owner and notes', () => {
  let t: TestApp;
  let room: ReturnType<typeof warRoomChannel>;

  beforeEach(async () => {
    t = await startTestApp();
    room = warRoomChannel(t.connector.url, t.room.channelId);
    t.connector.setMembers(TEAM, [ALICE, JONAS, OLGA].map(member));
    await t.post(room.message('start Mailbox cutover weekend')); // Alice leads
    // The team's roster is fetched by a scheduler job when the war room starts.
    for (let i = 0; i < 200; i++) {
      while ((await t.app.scheduler.tick()) > 0);
      const roster = await t.app.storage.transaction((tx) => tx.roster.list(t.tenantId, TEAM));
      if (roster.length === 3) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await t.post(room.mentioning(`role ${'<at>Olga Observer</at>'} observer`, [OLGA]));
  });
  afterEach(async () => {
    await t.stop();
  });

  const incidents = async () => {
    const w = await t.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(t.tenantId, room.channelId),
    );
    return t.app.storage.transaction((tx) => tx.incidents.listByWarRoom(t.tenantId, w!.id));
  };
  const notesOf = (incidentId: string) =>
    t.app.storage.transaction((tx) => tx.incidents.listNotes(t.tenantId, incidentId));
  const lastCard = () => cardsOf(t.connector.calls.at(-1)!.activity)[0]!;
  /** `who` clicks a button of a card in the war room's channel. */
  const clickOf = (who: Person, verb: string, data: unknown) =>
    channel({ serviceUrl: t.connector.url, channelId: room.channelId, from: who }).cardAction(
      verb,
      data,
    );
  const click = (who: Person, verb: string, data: unknown) => t.post(clickOf(who, verb, data));

  test('"incident <title> sev2 @owner" names the owner on the card and mentions them', async () => {
    const r = await t.post(
      room.mentioning('incident Licences not assigned sev2 <at>Jonas Eng</at>', [JONAS]),
    );
    expect(r.status).toBe(200);
    const [incident] = await incidents();
    expect(incident).toMatchObject({
      title: 'Licences not assigned',
      severity: 'sev2',
      owner: { id: `29:${JONAS.aadObjectId}`, name: 'Jonas Eng' },
    });
    const posted = t.connector.calls.at(-1)!.activity as { text: string; entities: unknown[] };
    expect(posted.text).toBe('INC-1: <at>Jonas Eng</at> owns this incident.');
    expect(posted.entities).toEqual([
      expect.objectContaining({ mentioned: { id: `29:${JONAS.aadObjectId}`, name: 'Jonas Eng' } }),
    ]);
    const card = lastCard();
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toContain('Owner Jonas Eng');
    // Call and Meet reach the owner by their user principal name, from the roster.
    const links = JSON.stringify(card);
    expect(links).toContain('https://teams.microsoft.com/l/call/0/0?users=jonas@hospital.example');
    expect(links).toContain('/l/meeting/new?subject=INC-1%3A%20Licences%20not%20assigned');
  });

  test('"note INC-1 <text>" keeps the note and edits the card in place', async () => {
    await t.post(room.message('incident Mail flow delayed sev3'));
    const posts = t.connector.calls.filter((c) => c.method === 'POST').length;
    const r = await t.post(room.message('note INC-1 Queue drains at 400/min, ETA 22:30', JONAS));
    expect(r.status).toBe(200);
    const [incident] = await incidents();
    expect(await notesOf(incident!.id)).toEqual([
      expect.objectContaining({
        authorName: 'Jonas Eng',
        text: 'Queue drains at 400/min, ETA 22:30',
      }),
    ]);
    expect(incident!.version).toBe(2);
    const put = t.connector.calls.find((c) => c.method === 'PUT');
    expect(put).toBeDefined();
    expect(cardText(cardsOf(put!.activity)[0])).toContain('Queue drains at 400/min, ETA 22:30');
    // One reply, to whoever wrote the note; the card itself was edited, not posted again.
    const replies = t.connector.calls.filter((c) => c.method === 'POST').slice(posts);
    expect(replies.map((c) => c.activity.text)).toEqual(['Note added to INC-1.']);
  });

  test('a note without an incident, or for one that does not exist, is answered helpfully', async () => {
    await t.post(room.message('note the mail queue is draining'));
    expect(t.connector.calls.at(-1)!.activity.text).toBe(
      'Say which incident the note is for, for example "note INC-4 Licences reassigned by script".',
    );
    await t.post(room.message('note INC-9 nothing here'));
    expect(t.connector.calls.at(-1)!.activity.text).toBe('There is no INC-9 in this war room.');
    await t.post(room.message('incident Mail flow delayed'));
    await t.post(room.message('note INC-1'));
    expect(t.connector.calls.at(-1)!.activity.text).toMatch(/^Write the note/);
  });

  test('the owner picked on the card must be in the team; an observer cannot pick one', async () => {
    await t.post(room.message('incident Mail flow delayed sev3'));
    const [incident] = await incidents();
    const picked = await click(ALICE, VERBS.incidentSetOwner, {
      incidentId: incident!.id,
      ownerId: JONAS.aadObjectId,
    });
    expect(picked.status).toBe(200);
    expect(cardText(invokeCard(picked))).toContain('Owner Jonas Eng');
    expect((await incidents())[0]!.owner).toEqual({
      id: `29:${JONAS.aadObjectId}`,
      aadObjectId: JONAS.aadObjectId,
      name: 'Jonas Eng',
    });

    const forged = await click(ALICE, VERBS.incidentSetOwner, {
      incidentId: incident!.id,
      ownerId: STRANGER,
    });
    expect(cardText(invokeCard(forged))).toContain(
      'That person is not a member of this team, so cannot own the incident.',
    );
    expect((await incidents())[0]!.owner?.name).toBe('Jonas Eng');

    const observer = await click(OLGA, VERBS.incidentSetOwner, {
      incidentId: incident!.id,
      ownerId: OLGA.aadObjectId,
    });
    expect(observer.status).toBe(403);
    expect((await incidents())[0]!.owner?.name).toBe('Jonas Eng');
  });

  test('a note from the card is added once, even when Teams redelivers the click', async () => {
    await t.post(room.message('incident Mail flow delayed sev3'));
    const [incident] = await incidents();
    const noteClick = clickOf(JONAS, VERBS.incidentAddNote, {
      incidentId: incident!.id,
      note: 'Restarted the transport service',
    });
    expect((await t.post(noteClick)).status).toBe(200);
    const again = await t.post(noteClick);
    expect(again.status).toBe(200);
    expect(cardText(invokeCard(again))).toContain('Restarted the transport service');
    expect(await notesOf(incident!.id)).toHaveLength(1);
  });

  test('every transition keeps its time, for time to acknowledge, mitigate and resolve', async () => {
    await t.post(room.message('incident Mail flow delayed sev3'));
    let [incident] = await incidents();
    for (const status of ['investigating', 'mitigated', 'resolved'] as const) {
      const r = await click(ALICE, VERBS.incidentSetStatus, {
        incidentId: incident!.id,
        status,
        version: incident!.version,
      });
      expect(r.status).toBe(200);
      [incident] = await incidents();
    }
    expect(incident).toMatchObject({
      status: 'resolved',
      acknowledgedAt: expect.any(String),
      mitigatedAt: expect.any(String),
      resolvedAt: expect.any(String),
    });
  });
});
