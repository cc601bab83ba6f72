import { ALICE, BOT, channel, type Person } from '../support/activities';
import { sendOwed, startTestApp, type TestApp } from '../support/app';
import { cardsOf } from '../support/cards';
import { VERBS } from '../../shared/cards/actions';

const ANNA: Person = { aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a22a', name: 'Anna Board' };
const CARL: Person = { aadObjectId: 'cccccccc-0000-0000-0000-00000000ca21', name: 'Carl CIO' };

/**
 * Deadline → reminders → escalation → expiry, on the scheduler in the database, with a
 * clock the test moves; and a restart between scheduling and firing.
 */
describe('decision reminders, escalation and expiry', () => {
  let t: TestApp;
  let now = new Date('2026-12-05T18:00:00.000Z'); // a Saturday evening
  const clock = { now: () => now };
  const as = (who: Person) =>
    channel({ serviceUrl: t.connector.url, channelId: t.room.channelId, from: who });

  beforeEach(async () => {
    now = new Date('2026-12-05T18:00:00.000Z');
    t = await startTestApp({}, { clock });
    await t.say('start Mailbox cutover weekend');
  });
  afterEach(async () => {
    await t.stop();
  });

  const ask = (after: string) => {
    const base = as(ALICE).message('');
    const tags = [ANNA, CARL].map((p) => `<at>${p.name}</at>`);
    return {
      ...base,
      text: `<at>War Room</at> decide Buy 40 extra E3 licences now? ${tags[0]} ${after} backup ${tags[1]}`,
      entities: [
        { type: 'mention', text: '<at>War Room</at>', mentioned: BOT },
        ...[ANNA, CARL].map((p, i) => ({
          type: 'mention',
          text: tags[i],
          mentioned: { id: `29:${p.aadObjectId}`, name: p.name },
        })),
      ],
    };
  };
  const decision = async () => {
    const room = await t.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(t.tenantId, t.room.channelId),
    );
    const [d] = await t.app.storage.transaction((tx) =>
      tx.decisions.listByWarRoom(t.tenantId, room!.id),
    );
    return d!;
  };
  /** Moves the clock and runs what became due, then lets the outbox send it. */
  const at = async (iso: string) => {
    now = new Date(iso);
    while ((await t.app.scheduler.tick()) > 0);
    await sendOwed(t.app);
  };
  const texts = () => t.connector.calls.map((c) => c.activity.text ?? '');
  const reminders = () =>
    texts().filter((x) => x.startsWith('Reminder: DEC-1 needs a decision by'));

  test('halfway and 15 minutes before, the approvers who have not answered are reminded', async () => {
    await t.post(ask('by 20:00')); // Copenhagen 20:00 = 19:00 UTC: one hour from now
    expect((await decision()).deadline).toBe('2026-12-05T19:00:00.000Z');
    await at('2026-12-05T18:29:00.000Z');
    expect(texts().some((x) => x.startsWith('Reminder'))).toBe(false);
    await at('2026-12-05T18:30:00.000Z');
    expect(texts().filter((x) => x.startsWith('Reminder'))).toEqual([
      'Reminder: DEC-1 needs a decision by ' +
        texts()
          .find((x) => x.startsWith('Reminder'))!
          .slice(36),
    ]);
    expect(texts().at(-1)).toContain('<at>Anna Board</at>');
    await at('2026-12-05T18:45:00.000Z');
    expect(reminders()).toHaveLength(2);
  });

  test('at the deadline the backup is asked and may decide; after the grace it expires', async () => {
    await t.post(ask('by 20:00'));
    await at('2026-12-05T19:00:00.000Z'); // the reminders came due too late: moot
    expect(texts().some((x) => x.startsWith('Reminder'))).toBe(false);
    expect(
      texts().filter((x) => x.includes('passed its deadline undecided. <at>Carl CIO</at>')),
    ).toHaveLength(1);
    const escalated = await decision();
    expect(escalated.approvers.map((a) => a.name)).toEqual(['Anna Board', 'Carl CIO']);
    // The card now offers Carl his own view too.
    const edit = t.connector.calls.filter((c) => c.method === 'PUT').at(-1)!;
    expect(JSON.stringify(cardsOf(edit.activity)[0])).toContain(`29:${CARL.aadObjectId}`);
    await at('2026-12-05T19:31:00.000Z');
    expect((await decision()).status).toBe('expired');
    expect(texts().at(-1)).toBe('DEC-1 expired without a decision.');
  });

  test('a decision made in time ends the timers: no reminder, no expiry', async () => {
    await t.post(ask('by 20:00'));
    const d = await decision();
    await t.post(
      as(ANNA).cardAction(VERBS.decisionAnswer, { decisionId: d.id, verdict: 'approve' }),
    );
    const before = t.connector.calls.length;
    await at('2026-12-05T19:40:00.000Z');
    expect(t.connector.calls.length).toBe(before);
    expect((await decision()).status).toBe('approved');
  });
});
