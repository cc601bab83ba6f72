import { VERBS } from '../../shared/cards/actions';
import { ALICE, BOT, channel, type Person } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
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

  test('an overdue action reminds its owner once', async () => {
    await t.post(give('action Recreate the five failed mailboxes', JONAS, 'due 23:00'));
    const tick = async (iso: string) => {
      now = new Date(iso);
      while ((await t.app.scheduler.tick()) > 0);
      while ((await t.app.delivery.tick()) > 0);
    };
    await tick('2026-12-05T22:01:00.000Z');
    await tick('2026-12-05T22:30:00.000Z');
    const reminders = t.connector.calls.filter((c) =>
      (c.activity.text ?? '').includes('is overdue'),
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.activity.text).toContain('<at>Jonas Engineer</at>');
  });

  test('an action needs an owner: a clear hint, nothing stored', async () => {
    await t.say('action Brief the service desk');
    expect(t.connector.calls.at(-1)?.activity.text).toContain('Mention who does it');
    expect(await actions()).toHaveLength(0);
  });
});
