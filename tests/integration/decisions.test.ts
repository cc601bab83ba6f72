import { VERBS } from '../../shared/cards/actions';
import { ALICE, BOT, channel, type Person } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { cardProblems, cardsOf } from '../support/cards';

const ANNA: Person = { aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a22a', name: 'Anna Board' };
const BEN: Person = { aadObjectId: 'bbbbbbbb-0000-0000-0000-00000000b0b0', name: 'Ben CFO' };

/** Decision requests over HTTP with Teams-shaped activities and the fake Bot Connector. */
describe('decision requests', () => {
  let t: TestApp;
  const as = (who: Person) =>
    channel({ serviceUrl: t.connector.url, channelId: t.room.channelId, from: who });
  beforeEach(async () => {
    t = await startTestApp();
    await t.say('start Mailbox cutover weekend'); // Alice is the lead
  });
  afterEach(async () => {
    await t.stop();
  });

  /** `@War Room <words> @Anna @Ben <after>` with real mention entities. */
  const ask = (words: string, people: Person[], after = '') => {
    const base = as(ALICE).message('');
    const tags = people.map((p) => `<at>${p.name}</at>`);
    return {
      ...base,
      text: `<at>War Room</at> ${words} ${tags.join(' ')} ${after}`.trim(),
      entities: [
        { type: 'mention', text: '<at>War Room</at>', mentioned: BOT },
        ...people.map((p, i) => ({
          type: 'mention',
          text: tags[i],
          mentioned: { id: `29:${p.aadObjectId}`, name: p.name },
        })),
      ],
    };
  };
  const decisions = async () => {
    const room = await t.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(t.tenantId, t.room.channelId),
    );
    return t.app.storage.transaction((tx) => tx.decisions.listByWarRoom(t.tenantId, room!.id));
  };
  const audit = async () => {
    const room = await t.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(t.tenantId, t.room.channelId),
    );
    return t.app.storage.transaction((tx) => tx.audit.list(t.tenantId, room!.id));
  };
  type Card = { body: unknown[]; actions: { verb: string; data: unknown }[]; refresh?: unknown };
  const invokeCard = (r: { body: unknown }) => (r.body as { value: Card }).value;
  const click = (who: Person, decisionId: string, verdict: 'approve' | 'reject', comment = '') =>
    t.post(as(who).cardAction(VERBS.decisionAnswer, { decisionId, verdict, comment }));

  test('decide posts DEC-1 as a card that mentions the approvers; only they get the buttons', async () => {
    expect(
      (await t.post(ask('decide Buy 40 extra E3 licences now?', [ANNA, BEN], 'all'))).status,
    ).toBe(200);
    const [d] = await decisions();
    expect(d).toMatchObject({
      number: 1,
      question: 'Buy 40 extra E3 licences now?',
      rule: 'all',
      status: 'pending',
      approvers: [
        { id: `29:${ANNA.aadObjectId}`, name: 'Anna Board' },
        { id: `29:${BEN.aadObjectId}`, name: 'Ben CFO' },
      ],
    });
    const posted = t.connector.calls.at(-1)!.activity as { text: string; entities: unknown[] };
    expect(posted.text).toBe(
      'DEC-1: a decision is asked of <at>Anna Board</at>, <at>Ben CFO</at>.',
    );
    expect(posted.entities).toHaveLength(2);
    const [card] = cardsOf(t.connector.calls.at(-1)!.activity);
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card).length * 2).toBeLessThan(40_000);
    expect((card as { refresh: { userIds: string[] } }).refresh.userIds).toEqual([
      `29:${ANNA.aadObjectId}`,
      `29:${BEN.aadObjectId}`,
    ]);
    // The approver's client refreshes into the view with Approve/Reject; others get read-only.
    const refresh = (who: Person) =>
      t.post(as(who).cardAction(VERBS.decisionRefresh, { decisionId: d!.id }));
    const verbs = async (who: Person) => invokeCard(await refresh(who)).actions.map((a) => a.verb);
    expect(await verbs(ANNA)).toEqual([VERBS.decisionAnswer, VERBS.decisionAnswer]);
    // Everyone else: refresh, withdraw (refused unless theirs or the lead's), and the lead's
    // record form, which is a ShowCard (no verb of its own).
    expect(await verbs(ALICE)).toEqual([VERBS.decisionRefresh, VERBS.decisionWithdraw, undefined]);
  });

  test('a forged answer from someone who is not an approver is refused and recorded', async () => {
    await t.post(ask('decide Buy 40 extra E3 licences now?', [ANNA]));
    const [d] = await decisions();
    const r = await click(ALICE, d!.id, 'approve');
    expect(r.status).toBe(403);
    expect((await decisions())[0]?.status).toBe('pending');
    expect((await audit()).at(-1)).toMatchObject({
      action: 'access.refused',
      actorId: ALICE.aadObjectId,
      after: { permission: 'decision.answer' },
    });
  });

  test('the first answer decides for everyone (a PUT), later clicks are told who decided', async () => {
    await t.post(ask('go-no-go Lift the freeze on the lab mailboxes?', [ANNA, BEN]));
    const [d] = await decisions();
    const r = await click(ANNA, d!.id, 'approve', 'Wards consulted: go.');
    expect(r.status).toBe(200);
    expect(JSON.stringify(invokeCard(r))).toContain('Wards consulted: go.');
    const edit = t.connector.calls.at(-1)!;
    expect(edit.method).toBe('PUT');
    expect(JSON.stringify(cardsOf(edit.activity)[0])).toContain('Approved');
    const late = await click(BEN, d!.id, 'reject');
    expect(JSON.stringify(invokeCard(late))).toContain('already decided (Approved) by Anna Board');
    expect((await decisions())[0]).toMatchObject({ status: 'approved', version: 2 });
    expect((await audit()).filter((e) => e.action === 'decision.answered')).toHaveLength(1);
  });

  test('an approve and a reject at the same moment: exactly one outcome', async () => {
    await t.post(ask('decide Recreate the five failed mailboxes tonight?', [ANNA, BEN]));
    const [d] = await decisions();
    await Promise.all([click(ANNA, d!.id, 'approve'), click(BEN, d!.id, 'reject')]);
    const [after] = await decisions();
    expect(['approved', 'rejected']).toContain(after!.status);
    expect(after!.responses).toHaveLength(1);
    expect((await audit()).filter((e) => e.action === 'decision.answered')).toHaveLength(1);
  });

  test('a deadline the clocks skip or repeat is asked about, not guessed', async () => {
    await t.post(ask('decide Start batch 7?', [ANNA], 'by 2027-03-28 02:30'));
    expect(t.connector.calls.at(-1)?.activity.text).toContain('does not exist that night');
    await t.post(ask('decide Start batch 7?', [ANNA], 'by 2027-10-31 02:30'));
    expect(t.connector.calls.at(-1)?.activity.text).toContain('happens twice that night');
    expect(await decisions()).toHaveLength(0);
    await t.post(ask('decide Start batch 7?', [ANNA], 'by tomorrow 8:00'));
    const [d] = await decisions();
    expect(d?.deadline).not.toBeNull();
  });

  test('decide without approvers says how to ask', async () => {
    await t.say('decide Buy licences?');
    expect(t.connector.calls.at(-1)?.activity.text).toContain('Mention who decides');
    expect(await decisions()).toHaveLength(0);
  });
});
