import { randomUUID } from 'node:crypto';
import { followUpActionForm } from '../../bot/cards/actionForm';
import { ACTION_INPUTS, VERBS } from '../../shared/cards/actions';
import { ALICE, BOT, channel, type Person } from '../support/activities';
import { sendOwed, startTestApp, type TestApp } from '../support/app';
import { cardProblems, cardsOf } from '../support/cards';
import type { FakeMember } from '../support/fakeConnector';

/** The team of the test app's default channel (tests/support/activities.ts). */
const TEAM = '19:team-general@thread.tacv2';
const JONAS: Person = {
  aadObjectId: 'dddddddd-0000-0000-0000-0000000d0005',
  name: 'Jonas Engineer',
};
const BO: Person = { aadObjectId: 'bbbbbbbb-0000-0000-0000-00000000b0b0', name: 'Bo & Co <Ops>' };
const OLGA: Person = { aadObjectId: 'eeeeeeee-0000-0000-0000-00000000e0e0', name: 'Olga Observer' };
/** Someone of the tenant who is not in the team (a forged or stale pick). */
const STRANGER = 'ffffffff-0000-0000-0000-0000000f0f0f';
const teamsId = (p: Person) => `29:${p.aadObjectId}`;
const memberOf = (p: Person): FakeMember => ({
  id: teamsId(p),
  name: p.name,
  aadObjectId: p.aadObjectId,
});

interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: unknown;
}

/** Actions from cards over HTTP: reassign with a people picker, the form, follow-ups. */
describe('actions from cards', () => {
  let t: TestApp;
  let now = new Date('2026-12-05T20:00:00.000Z');
  const clock = { now: () => now };
  const as = (who: Person) =>
    channel({ serviceUrl: t.connector.url, channelId: t.room.channelId, from: who });
  const tick = async (iso?: string) => {
    if (iso) now = new Date(iso);
    while ((await t.app.scheduler.tick()) > 0);
    await sendOwed(t.app);
  };

  beforeEach(async () => {
    now = new Date('2026-12-05T20:00:00.000Z');
    t = await startTestApp({}, { clock });
    t.connector.setMembers(TEAM, [ALICE, JONAS, BO, OLGA].map(memberOf));
    await t.say('start Mailbox cutover weekend'); // Alice is the lead
    // The team's roster is fetched by a job (the scheduler's own loop may run it first).
    for (let i = 0; i < 200; i++) {
      await tick();
      const roster = await t.app.storage.transaction((tx) => tx.roster.list(t.tenantId, TEAM));
      if (roster.length === 4) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the roster was not fetched');
  });
  afterEach(async () => {
    await t.stop();
  });

  const room = async () =>
    (await t.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(t.tenantId, t.room.channelId),
    ))!;
  const actions = async () => {
    const { id } = await room();
    return t.app.storage.transaction((tx) => tx.actions.listByWarRoom(t.tenantId, id));
  };
  const audit = async () => {
    const { id } = await room();
    return t.app.storage.transaction((tx) => tx.audit.list(t.tenantId, id));
  };
  const give = async (words: string, owner: Person, after = '') => {
    const base = as(ALICE).message('');
    const tag = `<at>${owner.name}</at>`;
    await t.post({
      ...base,
      text: `<at>War Room</at> ${words} ${tag} ${after}`.trim(),
      entities: [
        { type: 'mention', text: '<at>War Room</at>', mentioned: BOT },
        { type: 'mention', text: tag, mentioned: { id: teamsId(owner), name: owner.name } },
      ],
    });
    return (await actions()).at(-1)!;
  };
  const click = async (activity: object) => {
    const r = await t.post(activity);
    return { status: r.status, answer: r.body as InvokeAnswer };
  };
  const reassign = (who: Person, actionId: string, version: number, newOwner: string) =>
    as(who).cardAction(VERBS.actionReassign, {
      actionId,
      version,
      [ACTION_INPUTS.newOwner]: newOwner,
    });
  const cardText = (answer: InvokeAnswer) => JSON.stringify(answer.value);

  describe('reassign', () => {
    test('an engineer and the lead reassign from the card: edited in place, the new owner told', async () => {
      const a = await give('action Recreate the five failed mailboxes', JONAS, 'due 23:00');
      const card = t.connector.calls.at(-1)!;
      const before = t.connector.calls.length;

      // Jonas (an engineer by default) hands it to Bo.
      const first = await click(reassign(JONAS, a.id, 1, BO.aadObjectId));
      expect(first.status).toBe(200);
      expect((await actions())[0]).toMatchObject({
        owner: { id: teamsId(BO), aadObjectId: BO.aadObjectId, name: BO.name },
        version: 2,
      });
      expect(first.answer.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardProblems(first.answer.value)).toEqual([]);
      expect(cardText(first.answer)).toContain(JSON.stringify(BO.name).slice(1, -1));
      const sent = t.connector.calls.slice(before);
      const edit = sent.find((c) => c.method === 'PUT');
      const post = await t.app.storage.transaction((tx) =>
        tx.outbox.findPost(t.tenantId, `action:${a.id}`),
      );
      expect(edit?.activityId).toBe(post?.sentActivityId); // the card's own message
      expect(edit?.activityId).toMatch(/^1:reply-/);
      expect(JSON.stringify(cardsOf(edit!.activity))).toContain('Bo & Co <Ops>');
      const told = sent.find((c) => c.method === 'POST');
      expect(told).toMatchObject({ conversationId: card.conversationId });
      expect(told?.activity.text).toBe(
        'ACT-1 is now with <at>Bo &amp; Co &lt;Ops&gt;</at> (reassigned by Jonas Engineer).',
      );
      expect(told?.activity.entities).toEqual([
        {
          type: 'mention',
          text: '<at>Bo &amp; Co &lt;Ops&gt;</at>',
          mentioned: { id: teamsId(BO), name: BO.name },
        },
      ]);

      // Alice (the lead) gives it back to Jonas, from the card as it now is.
      expect((await click(reassign(ALICE, a.id, 2, JONAS.aadObjectId))).status).toBe(200);
      expect((await actions())[0]).toMatchObject({ owner: { id: teamsId(JONAS) }, version: 3 });
      const reassigned = (await audit()).filter((e) => e.action === 'action.reassigned');
      expect(reassigned.map((e) => e.actorId)).toEqual([JONAS.aadObjectId, ALICE.aadObjectId]);
    });

    test('a redelivered reassign changes nothing and answers with the card as it stands', async () => {
      const a = await give('action Brief the service desk', JONAS);
      const click1 = reassign(JONAS, a.id, 1, BO.aadObjectId);
      await click(click1);
      const calls = t.connector.calls.length;
      const entries = (await audit()).length;
      const again = await click(click1); // same activity id: Teams' retry
      expect(again.status).toBe(200);
      expect(cardText(again.answer)).toContain('Bo &');
      expect((await actions())[0]?.version).toBe(2);
      expect((await audit()).length).toBe(entries);
      await tick();
      expect(t.connector.calls.length).toBe(calls);
    });

    test('an observer cannot reassign: refused in words, audited, nothing changed', async () => {
      const a = await give('action Brief the service desk', JONAS);
      await t.post({
        ...as(ALICE).message(''),
        text: `<at>War Room</at> role <at>${OLGA.name}</at> observer`,
        entities: [
          { type: 'mention', text: '<at>War Room</at>', mentioned: BOT },
          { type: 'mention', text: `<at>${OLGA.name}</at>`, mentioned: { id: teamsId(OLGA) } },
        ],
      });
      const { status, answer } = await click(reassign(OLGA, a.id, 1, OLGA.aadObjectId));
      expect(status).toBe(403);
      expect(answer).toMatchObject({
        type: 'application/vnd.microsoft.error',
        value: { message: 'You follow this war room as an observer: you cannot change actions.' },
      });
      expect((await actions())[0]).toMatchObject({ owner: { id: teamsId(JONAS) }, version: 1 });
      expect((await audit()).at(-1)).toMatchObject({
        action: 'access.refused',
        actorId: OLGA.aadObjectId,
      });
    });

    test('a picked id that is not in the team is refused with a clear message (forged invoke)', async () => {
      const a = await give('action Brief the service desk', JONAS);
      const before = t.connector.calls.length;
      const { status, answer } = await click(reassign(ALICE, a.id, 1, STRANGER));
      expect(status).toBe(200);
      expect(cardText(answer)).toContain(
        'That person is not a member of this team, so they cannot own an action here.',
      );
      expect((await actions())[0]).toMatchObject({ owner: { id: teamsId(JONAS) }, version: 1 });
      expect((await audit()).map((e) => e.action)).not.toContain('action.reassigned');
      await tick();
      expect(t.connector.calls.length).toBe(before);
      // Not an Entra object id at all: the verb's schema refuses it.
      expect((await click(reassign(ALICE, a.id, 1, teamsId(BO)))).status).toBe(400);
    });

    test('the new owner of an overdue action is reminded once, even after the old one was', async () => {
      const a = await give('action Recreate the five failed mailboxes', JONAS, 'due 23:00');
      await tick('2026-12-05T22:01:00.000Z'); // Jonas is reminded
      await click(reassign(ALICE, a.id, 2, BO.aadObjectId));
      await tick('2026-12-05T22:02:00.000Z');
      await tick('2026-12-05T22:30:00.000Z');
      const reminders = t.connector.calls.filter((c) =>
        (c.activity.text ?? '').startsWith('Reminder: ACT-1'),
      );
      expect(reminders.map((c) => c.conversationId)).toEqual([
        t.connector.personalChatOf(teamsId(JONAS)),
        t.connector.personalChatOf(teamsId(BO)),
      ]);
    });
  });

  describe('the form', () => {
    const submit = (who: Person, inputs: Record<string, string>, data: object = {}) =>
      as(who).cardAction(VERBS.actionCreate, { ...data, ...inputs });
    const filled = (title: string, owner: Person | string, due = '') => ({
      [ACTION_INPUTS.title]: title,
      [ACTION_INPUTS.owner]: typeof owner === 'string' ? owner : owner.aadObjectId,
      [ACTION_INPUTS.due]: due,
    });

    test('`action` alone answers with a form; sending it creates the action like the command', async () => {
      await t.say('action');
      const [form] = cardsOf(t.connector.calls.at(-1)!.activity);
      expect(cardProblems(form)).toEqual([]);
      expect(JSON.stringify(form)).toContain('graph.microsoft.com/users?scope=currentContext');
      expect(await actions()).toEqual([]);

      const { status, answer } = await click(
        submit(ALICE, filled('Recreate the five failed mailboxes', JONAS, 'tomorrow 8:00')),
      );
      expect(status).toBe(200);
      expect(cardText(answer)).toContain(
        'ACT-1 is created for Jonas Engineer; its card is posted in this thread.',
      );
      expect(await actions()).toEqual([
        expect.objectContaining({
          number: 1,
          title: 'Recreate the five failed mailboxes',
          owner: { id: teamsId(JONAS), aadObjectId: JONAS.aadObjectId, name: JONAS.name },
          due: '2026-12-06T07:00:00.000Z', // 8:00 in Copenhagen
          followUpOf: null,
        }),
      ]);
      const posted = t.connector.calls.at(-1)!;
      expect(posted.method).toBe('POST');
      expect(posted.conversationId).toBe(`${t.room.channelId};messageid=1700000000000`);
      expect(posted.activity.text).toBe('ACT-1 for <at>Jonas Engineer</at>');
      expect(cardProblems(cardsOf(posted.activity)[0])).toEqual([]);
      // The overdue reminder is scheduled as for the command.
      await tick('2026-12-06T07:00:00.000Z');
      expect(t.connector.calls.at(-1)?.activity.text).toContain('Reminder: ACT-1');
    });

    test('a redelivered submit creates nothing more', async () => {
      const once = submit(ALICE, filled('Brief the service desk', JONAS));
      await click(once);
      const calls = t.connector.calls.length;
      const again = await click(once);
      expect(again.status).toBe(200);
      expect(cardText(again.answer)).toContain('This was sent already');
      expect(await actions()).toHaveLength(1);
      await tick();
      expect(t.connector.calls.length).toBe(calls);
    });

    test.each([
      ['no title', filled('  ', JONAS), 'Say what must be done.'],
      ['no owner', filled('Brief the service desk', ''), 'Pick who does it.'],
      ['a stranger', filled('Brief the service desk', STRANGER), 'not a member of this team'],
      [
        'a time that is gone',
        filled('Brief the service desk', JONAS, '2026-12-01T10:00'),
        'already passed',
      ],
    ])('%s: the form again, saying why, nothing stored', async (_case, inputs, why) => {
      const { status, answer } = await click(submit(ALICE, inputs));
      expect(status).toBe(200);
      expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardText(answer)).toContain(why);
      expect(cardText(answer)).toContain(VERBS.actionCreate); // still a form to send again
      expect(await actions()).toEqual([]);
    });

    test('a follow-up from an incident card records its incident and says so on its card', async () => {
      await t.say('incident Licences not assigned sev2');
      const { id: roomId } = await room();
      const [incident] = await t.app.storage.transaction((tx) =>
        tx.incidents.listByWarRoom(t.tenantId, roomId),
      );
      // What the incident card will carry, and what Teams sends when it is used.
      const show = followUpActionForm({
        locale: 'en',
        followUpOf: { kind: 'incident', id: incident!.id, ref: 'INC-1' },
      });
      const execute = JSON.stringify(show).match(/"data":(\{[^}]*\}\})/)?.[1];
      const data = JSON.parse(execute!) as object;
      const { status, answer } = await click(
        submit(ALICE, filled('Ask the vendor for a licence report', BO, 'in 2h'), data),
      );
      expect(status).toBe(200);
      expect(answer).toEqual({
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: 'ACT-1 is created for Bo & Co <Ops>; its card is posted in this thread.',
      });
      expect((await actions())[0]).toMatchObject({
        origin: { kind: 'incident', id: incident!.id },
        followUpOf: { kind: 'incident', id: incident!.id, ref: 'INC-1' },
        due: '2026-12-05T22:00:00.000Z',
      });
      const [card] = cardsOf(t.connector.calls.at(-1)!.activity);
      expect(JSON.stringify(card)).toContain('Follow-up of INC-1');
      const followUps = await t.app.storage.transaction((tx) =>
        tx.actions.listFollowUps(t.tenantId, { kind: 'incident', id: incident!.id }),
      );
      expect(followUps.map((a) => a.number)).toEqual([1]);
    });

    test('a follow-up of a record that is not in this war room is refused', async () => {
      const forged = { followUp: { kind: 'decision', id: randomUUID() } };
      const { status, answer } = await click(
        submit(ALICE, filled('Brief the service desk', JONAS), forged),
      );
      expect(status).toBe(404);
      expect(answer.type).toBe('application/vnd.microsoft.error');
      expect(await actions()).toEqual([]);
    });
  });
});
