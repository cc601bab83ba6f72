import { VERBS } from '../../shared/cards/actions';
import { ALICE, BOT, channel, type Person } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';

const BOB: Person = { aadObjectId: 'bbbbbbbb-0000-0000-0000-00000000b0b0', name: 'Bob Engineer' };
const CAROL: Person = {
  aadObjectId: 'cccccccc-0000-0000-0000-0000000ca201',
  name: 'Carol & Co <Ops>',
};

/** Roles in a war room, enforced by the services: over HTTP with Teams-shaped activities. */
describe('roles and permissions', () => {
  let t: TestApp;
  let as: (who: Person) => ReturnType<typeof channel>;
  beforeEach(async () => {
    t = await startTestApp();
    as = (who) => channel({ serviceUrl: t.connector.url, channelId: t.room.channelId, from: who });
    await t.say('start Mailbox cutover weekend'); // Alice starts it: she is the lead
  });
  afterEach(async () => {
    await t.stop();
  });

  /** `@War Room role @<who> <role>` as Teams sends it, mention entities included. */
  const roleMessage = (from: Person, who: Person, role: string) => {
    const base = as(from).message('');
    const whoText = `<at>${who.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</at>`;
    return {
      ...base,
      text: `<at>War Room</at> role ${whoText} ${role}`,
      entities: [
        { type: 'mention', text: '<at>War Room</at>', mentioned: BOT },
        {
          type: 'mention',
          text: whoText,
          mentioned: { id: `29:${who.aadObjectId}`, name: who.name },
        },
      ],
    };
  };
  const room = () =>
    t.app.storage.transaction((tx) => tx.warRooms.findByChannel(t.tenantId, t.room.channelId));
  const audit = async () => {
    const w = await room();
    return t.app.storage.transaction((tx) => tx.audit.list(t.tenantId, w!.id));
  };
  const incidents = async () => {
    const w = await room();
    return t.app.storage.transaction((tx) => tx.incidents.listByWarRoom(t.tenantId, w!.id));
  };
  const lastText = () => t.connector.calls.at(-1)?.activity.text ?? '';

  test('the lead makes someone an observer; the observer can read but not log or click', async () => {
    expect((await t.post(roleMessage(ALICE, BOB, 'observer'))).status).toBe(200);
    expect(lastText()).toBe('Bob Engineer is now observer in this war room.');
    await t.say('incident Licences not assigned sev2'); // Alice logs one
    const [incident] = await incidents();

    expect((await t.post(as(BOB).message('incident Observer tries sev1'))).status).toBe(200);
    expect(lastText()).toContain('observer');
    expect(await incidents()).toHaveLength(1);

    const setStatus = (who: Person, status: string, version: number) =>
      t.post(
        as(who).cardAction(VERBS.incidentSetStatus, { incidentId: incident!.id, status, version }),
      );
    expect((await setStatus(BOB, 'investigating', 1)).status).toBe(403);
    expect((await incidents())[0]?.status).toBe('open');

    // Once the card is out of date, the observer is still told they may not, not shown it.
    await setStatus(ALICE, 'investigating', 1);
    expect((await setStatus(BOB, 'mitigated', 1)).status).toBe(403);
    expect((await incidents())[0]).toMatchObject({ status: 'investigating', version: 2 });

    // The refusals are on the record, with who and what.
    const refused = (await audit()).filter((e) => e.action === 'access.refused');
    expect(refused).toHaveLength(3);
    expect(refused.every((e) => e.actorId === BOB.aadObjectId)).toBe(true);
    expect(refused[0]?.after).toEqual({ permission: 'incident.write', role: 'observer' });
  });

  test('someone nobody gave a role to is an engineer: they can log incidents', async () => {
    await t.post(as(BOB).message('incident Batch 3 stuck sev2'));
    expect((await incidents())[0]).toMatchObject({
      title: 'Batch 3 stuck',
      reporterId: BOB.aadObjectId,
    });
  });

  test('only the lead gives roles; the refusal is audited and nothing changes', async () => {
    await t.post(roleMessage(BOB, CAROL, 'lead'));
    expect(lastText()).toBe("Only the war room's lead can give roles.");
    const entries = await audit();
    expect(entries.some((e) => e.action === 'role.assigned')).toBe(false);
    expect(entries.at(-1)).toMatchObject({ action: 'access.refused', actorId: BOB.aadObjectId });
  });

  test('a lead can hand over: the new lead gives roles, names with & and < round-trip', async () => {
    await t.post(roleMessage(ALICE, BOB, 'lead'));
    await t.post(roleMessage(BOB, CAROL, 'approver'));
    expect(lastText()).toBe('Carol & Co <Ops> is now approver in this war room.');
    const assigned = (await audit()).filter((e) => e.action === 'role.assigned');
    expect(assigned.map((e) => (e.after as { role: string }).role)).toEqual(['lead', 'approver']);
  });

  test('role words in Danish, and a clear hint when the role or the person is missing', async () => {
    const da = { ...roleMessage(ALICE, BOB, 'observatør'), locale: 'da-DK' };
    da.text = da.text.replace(' role ', ' rolle ');
    await t.post(da);
    expect(lastText()).toBe('Bob Engineer er nu observatør i dette krigsrum.');
    await t.post(roleMessage(ALICE, BOB, 'boss'));
    expect(lastText()).toContain('lead, engineer, comms, approver or observer');
    await t.say('role approver');
    expect(lastText()).toContain('with a mention');
  });
});
