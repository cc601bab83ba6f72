import { VERBS } from '../../shared/cards/actions';
import { ALICE, channel, type Person } from '../support/activities';
import { sendOwed, startTestApp, type TestApp } from '../support/app';
import { cardProblems, cardsOf } from '../support/cards';
import { cardText, invokeCard, warRoomChannel } from '../support/decide';
import type { FakeMember } from '../support/fakeConnector';

const TEAM = '19:team-general@thread.tacv2';
const JONAS: Person = { aadObjectId: 'dddddddd-0000-0000-0000-0000000d0005', name: 'Jonas Eng' };
const member = (p: Person): FakeMember => ({
  id: `29:${p.aadObjectId}`,
  name: p.name,
  aadObjectId: p.aadObjectId,
  userPrincipalName: `${p.name.split(' ')[0]!.toLowerCase()}@hospital.example`,
});
const LAB = 'lab.results@hospital.example';

/**
 * The migration status card and freeze windows over HTTP: `status` posts the live card,
 * every import edits it in place, a frozen mailbox that moves raises a sev1 incident that
 * mentions the lead, and the card turns the failures into an incident.
 */
describe('migration status and freeze windows', () => {
  // Friday 23 October 2026, 18:00 in Copenhagen: the weekend of the October clock change.
  let now = new Date('2026-10-23T16:00:00.000Z');
  const clock = { now: () => now };
  let t: TestApp;
  let room: ReturnType<typeof warRoomChannel>;
  const lead = { tenantId: '', userId: ALICE.aadObjectId, name: ALICE.name };

  beforeEach(async () => {
    now = new Date('2026-10-23T16:00:00.000Z');
    t = await startTestApp({}, { clock });
    room = warRoomChannel(t.connector.url, t.room.channelId);
    lead.tenantId = t.tenantId;
    t.connector.setMembers(TEAM, [ALICE, JONAS].map(member));
    await t.post(room.message('start Mailbox cutover weekend'));
    for (let i = 0; i < 200; i++) {
      while ((await t.app.scheduler.tick()) > 0);
      const roster = await t.app.storage.transaction((tx) => tx.roster.list(t.tenantId, TEAM));
      if (roster.length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
  afterEach(async () => {
    await t.stop();
  });

  const warRoom = async () =>
    (await t.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(t.tenantId, room.channelId),
    ))!;
  const importItems = async (items: unknown[]) => {
    const summary = await t.app.migration.import(lead, (await warRoom()).id, {
      kind: 'json',
      items,
      source: 'api-json',
    });
    await sendOwed(t.app);
    return summary;
  };
  const incidents = async () => {
    const w = await warRoom();
    return t.app.storage.transaction((tx) => tx.incidents.listByWarRoom(t.tenantId, w.id));
  };

  test('"status" posts the card; every import edits that card in place', async () => {
    await t.post(room.message('status'));
    const posted = cardsOf(t.connector.calls.at(-1)!.activity)[0]!;
    expect(cardProblems(posted)).toEqual([]);
    expect(cardText(posted)).toContain('Last import: none yet');
    const posts = t.connector.calls.filter((c) => c.method === 'POST').length;

    await importItems([
      { identity: 'a@hospital.example', status: 'Completed', batch: 'Wave 1' },
      {
        identity: 'b@hospital.example',
        status: 'Failed',
        batch: 'Wave 1',
        error: 'Mailbox locked',
      },
      { identity: 'c@hospital.example', status: 'Syncing', batch: 'Wave 2' },
    ]);
    const puts = t.connector.calls.filter((c) => c.method === 'PUT');
    expect(puts).toHaveLength(1);
    const edited = cardsOf(puts[0]!.activity)[0]!;
    expect(cardText(edited)).toContain('Migration: 33% of 3 mailboxes completed');
    expect(cardText(edited)).toContain('Wave 1 · 1 of 2 completed, 1 failed');
    expect(cardText(edited)).toContain('b@hospital.example · Mailbox locked');
    expect(t.connector.calls.filter((c) => c.method === 'POST')).toHaveLength(posts);

    // The same export again changes nothing, and the card is not edited for nothing new.
    await importItems([{ identity: 'a@hospital.example', status: 'Completed', batch: 'Wave 1' }]);
    expect(t.connector.calls.filter((c) => c.method === 'POST')).toHaveLength(posts);
  });

  test('a frozen mailbox that starts inside its window raises a sev1 incident mentioning the lead', async () => {
    await t.post(room.message('status'));
    await importItems([{ identity: LAB, status: 'Queued', tags: ['lab-results'] }]);
    const r = await t.post(
      room.message('freeze tag lab-results from sat 18:00 to sun 06:00 Lab feed switch-over'),
    );
    expect(r.status).toBe(200);
    // Saturday 18:00 CEST to Sunday 06:00 CET: across the clock change, 13 hours.
    expect(t.connector.calls.at(-1)!.activity.text).toBe(
      'FRZ-1: tag lab-results frozen from Sat, Oct 24, 06:00 PM GMT+2 to Sun, Oct 25, 06:00 AM GMT+1.',
    );
    const { id } = await warRoom();
    const [window] = await t.app.storage.transaction((tx) =>
      tx.freezes.listByWarRoom(t.tenantId, id),
    );
    expect([window!.from, window!.to]).toEqual([
      '2026-10-24T16:00:00.000Z',
      '2026-10-25T05:00:00.000Z',
    ]);

    // Before the window: moving is allowed.
    now = new Date('2026-10-24T15:00:00.000Z');
    await importItems([
      { identity: LAB, status: 'Syncing', itemsSynced: 10, tags: ['lab-results'] },
    ]);
    expect(await incidents()).toEqual([]);

    // Inside the window (the repeated hour of the night): it moves on.
    now = new Date('2026-10-25T00:30:00.000Z');
    await importItems([
      { identity: LAB, status: 'Syncing', itemsSynced: 900, tags: ['lab-results'] },
    ]);
    const [incident] = await incidents();
    expect(incident).toMatchObject({
      severity: 'sev1',
      title: 'A frozen mailbox moved during FRZ-1',
      reporterName: 'War Room',
    });
    const alarm = t.connector.calls.find((c) => c.activity.text?.includes('FRZ-1)'))!;
    expect(alarm.activity.text).toBe(
      'INC-1: mailboxes moved inside a freeze window (FRZ-1). <at>Alice Lead</at>, please look now.',
    );
    expect(cardText(cardsOf(alarm.activity)[0])).toContain(
      `Moved inside the freeze window: ${LAB}`,
    );
    const card = cardsOf(t.connector.calls.filter((c) => c.method === 'PUT').at(-1)!.activity)[0];
    expect(cardText(card)).toContain('1 frozen mailbox moved inside its freeze window');
    expect(cardText(card)).toContain('Frozen now: 1');

    // After the window: no new incident.
    now = new Date('2026-10-25T06:00:00.000Z');
    await importItems([
      { identity: LAB, status: 'Completed', itemsSynced: 950, tags: ['lab-results'] },
    ]);
    expect(await incidents()).toHaveLength(1);
  });

  test('only the lead freezes; a window that ends before it starts is refused', async () => {
    await t.post(room.message('freeze tag lab from 22:00 to 23:00 x', JONAS));
    expect(t.connector.calls.at(-1)!.activity.text).toMatch(/lead/);
    await t.post(room.message('freeze tag lab from 2026-10-24 22:00 to 2026-10-24 21:00'));
    expect(t.connector.calls.at(-1)!.activity.text).toBe('A freeze must end after it starts.');
    await t.post(room.message('freeze lab from 22:00'));
    expect(t.connector.calls.at(-1)!.activity.text).toMatch(/^Write it as: freeze tag/);
    const { id } = await warRoom();
    const windows = await t.app.storage.transaction((tx) =>
      tx.freezes.listByWarRoom(t.tenantId, id),
    );
    expect(windows).toEqual([]);
  });

  test('the card turns the failures into one incident naming them', async () => {
    await t.post(room.message('status'));
    await importItems([
      { identity: 'x@hospital.example', status: 'Failed', error: 'Quota exceeded' },
      { identity: 'y@hospital.example', status: 'Failed', error: 'Mailbox locked' },
      { identity: 'z@hospital.example', status: 'Completed' },
    ]);
    const { id } = await warRoom();
    const click = channel({
      serviceUrl: t.connector.url,
      channelId: room.channelId,
      from: JONAS,
    }).cardAction(VERBS.migrationFailuresIncident, { warRoomId: id });
    const r = await t.post(click);
    expect(r.status).toBe(200);
    expect(cardText(invokeCard(r))).toContain('Failed (2)');
    const [incident] = await incidents();
    expect(incident).toMatchObject({ severity: 'sev2', title: '2 mailboxes failed to migrate' });
    const notes = await t.app.storage.transaction((tx) =>
      tx.incidents.listNotes(t.tenantId, incident!.id),
    );
    expect(notes[0]!.text).toBe(
      'Failed: x@hospital.example (Quota exceeded), y@hospital.example (Mailbox locked).',
    );
    await t.app.delivery.idle();
    expect(cardText(cardsOf(t.connector.calls.at(-1)!.activity)[0])).toContain(
      'INC-1 · 2 mailboxes failed to migrate',
    );
    // Redelivered, the click changes nothing.
    expect((await t.post(click)).status).toBe(200);
    expect(await incidents()).toHaveLength(1);
  });

  test('releasing a freeze early takes a Go from the named approver; No-go keeps it', async () => {
    await t.post(room.message('freeze tag lab-results from sat 18:00 to sun 06:00 Lab feed'));
    await t.post(room.message('freeze batch Wave 9 from sat 18:00 to sun 06:00'));
    const ask = (n: number) =>
      t.post(room.mentioning(`unfreeze FRZ-${n} <at>${JONAS.name}</at>`, [JONAS]));
    expect((await ask(1)).status).toBe(200);
    const posted = t.connector.calls.at(-1)!.activity;
    expect(posted.text).toBe(`DEC-1: a decision is asked of <at>${JONAS.name}</at>.`);
    expect(cardText(cardsOf(posted)[0])).toContain('Release FRZ-1 early (frozen until');
    // A second request for the same window while the first is pending is refused.
    await ask(1);
    expect(t.connector.calls.at(-1)!.activity.text).toBe(
      'The release of FRZ-1 is already asked in DEC-1.',
    );
    await ask(2);
    const { id } = await warRoom();
    const decisions = await t.app.storage.transaction((tx) =>
      tx.decisions.listByWarRoom(t.tenantId, id),
    );
    expect(decisions.map((d) => [d.number, d.kind])).toEqual([
      [1, 'goNoGo'],
      [2, 'goNoGo'],
    ]);
    // The test's clock stands still: move it on, or Teams' pace (7 a second per
    // conversation) would hold the next messages of this thread for ever.
    now = new Date(now.getTime() + 60_000);
    expect((await t.post(room.answer(JONAS, decisions[0]!.id, 'approve'))).status).toBe(200);
    now = new Date(now.getTime() + 60_000);
    expect((await t.post(room.answer(JONAS, decisions[1]!.id, 'reject'))).status).toBe(200);
    await sendOwed(t.app);
    const windows = await t.app.storage.transaction((tx) =>
      tx.freezes.listByWarRoom(t.tenantId, id),
    );
    expect(windows.map((w) => [w.number, w.status])).toEqual([
      [1, 'released'],
      [2, 'active'],
    ]);
    const said = t.connector.calls.map((c) => c.activity.text);
    expect(said).toContain('FRZ-1 is released early: Go from Jonas Eng.');
    expect(said).toContain('FRZ-2 stays frozen: No-go from Jonas Eng.');
    // Without a window number or an approver, the command explains itself.
    await t.post(room.message('unfreeze FRZ-1'));
    expect(t.connector.calls.at(-1)!.activity.text).toMatch(/^Say which window and who decides/);
  });
});
