import { VERBS } from '../../shared/cards/actions';
import { ALICE, BOT, channel, type Person } from '../support/activities';
import { sendOwed, startTestApp, type TestApp } from '../support/app';
import { cardProblems, cardsOf } from '../support/cards';

const JONAS: Person = {
  aadObjectId: 'dddddddd-0000-0000-0000-0000000d0005',
  name: 'Jonas Engineer',
};

/** Actions over HTTP: ACT-n with an owner and a due time, Done from the card, the list. */
describe('actions', () => {
  let t: TestApp;
  let now = new Date('2026-12-05T20:00:00.000Z');
  const clock = { now: () => now };
  const as = (who: Person) =>
    channel({ serviceUrl: t.connector.url, channelId: t.room.channelId, from: who });
  beforeEach(async () => {
    now = new Date('2026-12-05T20:00:00.000Z');
    t = await startTestApp({}, { clock });
    await t.say('start Mailbox cutover weekend');
  });
  afterEach(async () => {
    await t.stop();
  });

  const give = (words: string, owner: Person, after = '') => {
    const base = as(ALICE).message('');
    const tag = `<at>${owner.name}</at>`;
    return {
      ...base,
      text: `<at>War Room</at> ${words} ${tag} ${after}`.trim(),
      entities: [
        { type: 'mention', text: '<at>War Room</at>', mentioned: BOT },
        {
          type: 'mention',
          text: tag,
          mentioned: { id: `29:${owner.aadObjectId}`, name: owner.name },
        },
      ],
    };
  };
  const actions = async () => {
    const room = await t.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(t.tenantId, t.room.channelId),
    );
    return t.app.storage.transaction((tx) => tx.actions.listByWarRoom(t.tenantId, room!.id));
  };

  test('action posts ACT-1 for its owner with a due time; Done from the card edits it for everyone', async () => {
    await t.post(give('action Recreate the five failed mailboxes', JONAS, 'due 23:00'));
    const [a] = await actions();
    expect(a).toMatchObject({
      number: 1,
      title: 'Recreate the five failed mailboxes',
      owner: { id: `29:${JONAS.aadObjectId}`, name: 'Jonas Engineer' },
      due: '2026-12-05T22:00:00.000Z', // 23:00 in Copenhagen
      status: 'open',
    });
    const posted = t.connector.calls.at(-1)!;
    expect(posted.activity.text).toBe('ACT-1 for <at>Jonas Engineer</at>');
    const [card] = cardsOf(posted.activity);
    expect(cardProblems(card)).toEqual([]);
    const r = await t.post(
      as(JONAS).cardAction(VERBS.actionSetStatus, { actionId: a!.id, status: 'done', version: 1 }),
    );
    expect(r.status).toBe(200);
    expect((await actions())[0]).toMatchObject({ status: 'done', version: 2 });
    expect(t.connector.calls.at(-1)?.method).toBe('PUT');

    // Cancel from the card as first posted: too late, answered with the card as it stands.
    const late = await t.post(
      as(ALICE).cardAction(VERBS.actionSetStatus, {
        actionId: a!.id,
        status: 'cancelled',
        version: 1,
      }),
    );
    const answer = JSON.stringify((late.body as { value: unknown }).value);
    expect(answer).toContain('ACT-1 changed a moment ago; this is how it stands now.');
    expect(answer).toContain('"version":2');
    expect((await actions())[0]).toMatchObject({ status: 'done', version: 2 });
  });

  test('actions lists the open ones, the caller’s first, each with Done', async () => {
    await t.post(give('action Brief the service desk', ALICE));
    await t.post(give('action Recreate the five failed mailboxes', JONAS));
    await t.post(as(JONAS).message('actions'));
    const [list] = cardsOf(t.connector.calls.at(-1)!.activity);
    expect(cardProblems(list)).toEqual([]);
    const text = JSON.stringify(list);
    expect(text.indexOf('Recreate the five')).toBeLessThan(text.indexOf('Brief the service desk'));
    expect(text.match(new RegExp(VERBS.actionSetStatus, 'g'))).toHaveLength(2);
  });

  const tick = async (iso: string) => {
    now = new Date(iso);
    while ((await t.app.scheduler.tick()) > 0);
    await sendOwed(t.app);
  };
  const overdueNotices = () =>
    t.connector.calls.filter((c) => (c.activity.text ?? '').includes('is overdue'));

  test('an overdue action reminds its owner once, in their personal chat with the bot', async () => {
    await t.post(give('action Recreate the five failed mailboxes', JONAS, 'due 23:00'));
    await t.post(give('action Brief the service desk', JONAS, 'due 23:30'));
    await tick('2026-12-05T22:01:00.000Z');
    await tick('2026-12-05T22:30:00.000Z'); // ACT-1 again (nothing), ACT-2 due now
    await tick('2026-12-05T23:00:00.000Z');
    const jonas = `29:${JONAS.aadObjectId}`;
    // One chat opened (then remembered), as Teams expects it: 1:1, the person, the tenant.
    expect(t.connector.conversationsCreated).toEqual([
      {
        isGroup: false,
        bot: expect.objectContaining({ id: expect.stringMatching(/^28:/) }),
        members: [jonas],
        tenantId: t.tenantId,
        channelData: { tenant: { id: t.tenantId } },
        status: 201,
      },
    ]);
    const reminders = overdueNotices();
    expect(reminders.map((c) => c.conversationId)).toEqual([
      t.connector.personalChatOf(jonas),
      t.connector.personalChatOf(jonas),
    ]);
    expect(reminders[0]?.activity.text).toBe(
      'Reminder: ACT-1 "Recreate the five failed mailboxes" is overdue (it was due ' +
        'Sat, Dec 5, 11:00 PM GMT+1). Mark it done on its card in the war room "Mailbox cutover weekend".',
    );
    expect(reminders[1]?.activity.text).toContain('ACT-2 "Brief the service desk"');
    const chat = await t.app.storage.transaction((tx) => tx.personalChats.find(t.tenantId, jonas));
    expect(chat?.conversationId).toBe(t.connector.personalChatOf(jonas));
  });

  test('an owner the bot cannot reach in a personal chat is reminded in the action’s thread', async () => {
    t.connector.refuseConversationWith(`29:${JONAS.aadObjectId}`, 403);
    await t.post(give('action Recreate the five failed mailboxes', JONAS, 'due 23:00'));
    const card = t.connector.calls.at(-1)!;
    await tick('2026-12-05T22:01:00.000Z');
    await tick('2026-12-05T22:30:00.000Z');
    expect(t.connector.conversationsCreated.map((c) => c.status)).toEqual([403]);
    const reminders = overdueNotices();
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({
      method: 'POST',
      conversationId: card.conversationId,
      activityId: card.activityId, // a reply in the action's thread
    });
    expect(reminders[0]?.activity.text).toBe(
      'ACT-1 is overdue (due Sat, Dec 5, 11:00 PM GMT+1). <at>Jonas Engineer</at>',
    );
    expect(reminders[0]?.activity.entities).toEqual([
      {
        type: 'mention',
        text: '<at>Jonas Engineer</at>',
        mentioned: { id: `29:${JONAS.aadObjectId}`, name: 'Jonas Engineer' },
      },
    ]);
  });

  test('a remembered personal chat that now refuses is forgotten; the thread gets the reminder', async () => {
    const jonas = `29:${JONAS.aadObjectId}`;
    await t.post(give('action Recreate the five failed mailboxes', JONAS, 'due 23:00'));
    await t.post(give('action Brief the service desk', JONAS, 'due 23:30'));
    await tick('2026-12-05T22:01:00.000Z'); // ACT-1: the chat is opened and remembered
    const thread = t.connector.calls.find((c) => (c.activity.text ?? '').startsWith('ACT-2 for'))!;
    t.connector.failNext(1, 403); // Jonas removed the app: the chat refuses ACT-2's reminder
    await tick('2026-12-05T22:31:00.000Z');
    const reminders = overdueNotices();
    expect(reminders.map((c) => [c.conversationId, c.activity.text])).toEqual([
      [t.connector.personalChatOf(jonas), expect.stringContaining('Reminder: ACT-1')],
      [
        thread.conversationId,
        expect.stringMatching(/^ACT-2 is overdue .*<at>Jonas Engineer<\/at>$/),
      ],
    ]);
    expect(
      await t.app.storage.transaction((tx) => tx.personalChats.find(t.tenantId, jonas)),
    ).toBeUndefined();
    expect(t.connector.conversationsCreated).toHaveLength(1);
  });

  test('an action needs an owner: a clear hint, nothing stored', async () => {
    await t.say('action Brief the service desk');
    expect(t.connector.calls.at(-1)?.activity.text).toContain('Mention who does it');
    expect(await actions()).toHaveLength(0);
  });
});
