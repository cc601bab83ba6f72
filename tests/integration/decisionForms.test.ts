import { VERBS } from '../../shared/cards/actions';
import { ALICE, channel, type Person } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { cardProblems, cardsOf } from '../support/cards';
import {
  ANNA,
  BEN,
  cardText,
  invokeCard,
  tag,
  warRoomChannel,
  warRoomState,
} from '../support/decide';
import type { FakeMember } from '../support/fakeConnector';

const TEAM = '19:team-general@thread.tacv2';
const JONAS: Person = { aadObjectId: 'dddddddd-0000-0000-0000-0000000d0005', name: 'Jonas Eng' };
const STRANGER = 'ffffffff-0000-0000-0000-0000000f0f0f';
const member = (p: Person): FakeMember => ({
  id: `29:${p.aadObjectId}`,
  name: p.name,
  aadObjectId: p.aadObjectId,
  userPrincipalName: `${p.name.split(' ')[0]!.toLowerCase()}@hospital.example`,
});

/**
 * Decision requests beyond the command: the `decide` form, withdrawing a request, and the
 * lead recording a verdict given by phone — over HTTP against the real server.
 */
describe('decision forms, withdrawal and verdicts recorded on behalf', () => {
  let t: TestApp;
  let room: ReturnType<typeof warRoomChannel>;
  const clickOf = (who: Person, verb: string, data: unknown) =>
    channel({ serviceUrl: t.connector.url, channelId: room.channelId, from: who }).cardAction(
      verb,
      data,
    );
  const click = (who: Person, verb: string, data: unknown) => t.post(clickOf(who, verb, data));
  const state = () => warRoomState(t, room.channelId);

  beforeEach(async () => {
    t = await startTestApp();
    room = warRoomChannel(t.connector.url, t.room.channelId);
    t.connector.setMembers(TEAM, [ALICE, ANNA, BEN, JONAS].map(member));
    await t.post(room.message('start Mailbox cutover weekend')); // Alice leads
    for (let i = 0; i < 200; i++) {
      while ((await t.app.scheduler.tick()) > 0);
      const roster = await t.app.storage.transaction((tx) => tx.roster.list(t.tenantId, TEAM));
      if (roster.length === 4) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
  afterEach(async () => {
    await t.stop();
  });

  const askAnnaAndBen = (who: Person = JONAS) =>
    t.post(
      room.mentioning(
        `decide Buy 40 extra E3 licences now? ${tag(ANNA)} ${tag(BEN)}`,
        [ANNA, BEN],
        who,
      ),
    );

  test('"decide" alone answers with a form; submitting it posts the request', async () => {
    await t.post(room.message('decide', JONAS));
    const form = cardsOf(t.connector.calls.at(-1)!.activity)[0]!;
    expect(cardProblems(form)).toEqual([]);
    expect(cardText(form)).toContain('Ask for a decision');
    expect(JSON.stringify(form)).toContain('graph.microsoft.com/users?scope=currentContext');

    const posts = t.connector.calls.length;
    const submitted = await click(JONAS, VERBS.decisionCreate, {
      question: 'Go ahead with batch 4 tonight?',
      approverIds: `${ANNA.aadObjectId},${BEN.aadObjectId}`,
      deadline: 'in 2h',
      rule: 'all',
      kind: 'goNoGo',
    });
    expect(submitted.status).toBe(200);
    expect(cardText(invokeCard(submitted))).toBe(
      'DEC-1 is asked: the request is posted in this conversation.',
    );
    const { decisions } = await state();
    expect(decisions).toEqual([
      expect.objectContaining({
        kind: 'goNoGo',
        rule: 'all',
        question: 'Go ahead with batch 4 tonight?',
        deadline: expect.any(String),
        approvers: [
          expect.objectContaining({ id: `29:${ANNA.aadObjectId}`, name: 'Anna Board' }),
          expect.objectContaining({ id: `29:${BEN.aadObjectId}`, name: 'Ben CFO' }),
        ],
      }),
    ]);
    // The request itself: one new post that mentions the approvers, with its card.
    const [post] = t.connector.calls.slice(posts);
    expect(post!.method).toBe('POST');
    expect(post!.activity.text).toBe(
      'DEC-1: a decision is asked of <at>Anna Board</at>, <at>Ben CFO</at>.',
    );
    expect(cardText(cardsOf(post!.activity)[0])).toContain('Go ahead with batch 4 tonight?');
  });

  test('the form comes back, filled in, with what is wrong', async () => {
    const empty = await click(JONAS, VERBS.decisionCreate, { question: '  ', approverIds: '' });
    expect(cardText(invokeCard(empty))).toContain('Say what must be decided');
    const stranger = await click(JONAS, VERBS.decisionCreate, {
      question: 'Extend the freeze?',
      approverIds: STRANGER,
    });
    const again = invokeCard(stranger);
    expect(cardText(again)).toContain('one of the people picked is not');
    expect(JSON.stringify(again)).toContain('Extend the freeze?');
    const past = await click(JONAS, VERBS.decisionCreate, {
      question: 'Extend the freeze?',
      approverIds: ANNA.aadObjectId,
      deadline: 'soonish',
    });
    expect(cardText(invokeCard(past))).toMatch(/soonish/);
    expect((await state()).decisions).toEqual([]);
  });

  test('the requester withdraws by command; the card says so, in place', async () => {
    await askAnnaAndBen();
    const r = await t.post(room.message('withdraw DEC-1', JONAS));
    expect(r.status).toBe(200);
    expect(t.connector.calls.at(-1)!.activity.text).toBe('DEC-1 is withdrawn.');
    const { decisions, audit } = await state();
    expect(decisions[0]!.status).toBe('withdrawn');
    expect(audit.map((e) => e.action)).toContain('decision.withdrawn');
    const put = t.connector.calls.filter((c) => c.method === 'PUT').at(-1)!;
    expect(cardText(cardsOf(put.activity)[0])).toContain('Withdrawn');
    // Nothing left to decide: a late approval is told how it ended.
    const late = await t.post(room.answer(ANNA, decisions[0]!.id, 'approve'));
    expect(cardText(invokeCard(late))).toMatch(
      /DEC-1 is already closed \(Withdrawn\) since .*\d\d:\d\d/,
    );
  });

  test('only the requester or the lead withdraws; others are refused and recorded', async () => {
    await askAnnaAndBen();
    const { decisions } = await state();
    const refused = await click(BEN, VERBS.decisionWithdraw, { decisionId: decisions[0]!.id });
    expect(refused.status).toBe(403);
    expect((await state()).decisions[0]!.status).toBe('pending');
    expect((await state()).audit.map((e) => e.action)).toContain('access.refused');
    await t.post(room.message('withdraw DEC-7', JONAS));
    expect(t.connector.calls.at(-1)!.activity.text).toBe('There is no DEC-7 in this war room.');
    const byLead = await click(ALICE, VERBS.decisionWithdraw, { decisionId: decisions[0]!.id });
    expect(byLead.status).toBe(200);
    expect((await state()).decisions[0]!.status).toBe('withdrawn');
  });

  test('the lead records a verdict given by phone; card and audit show who said and who wrote', async () => {
    await askAnnaAndBen();
    const { decisions } = await state();
    const id = decisions[0]!.id;
    const record = (who: Person, data: Record<string, unknown>) =>
      click(who, VERBS.decisionRecord, { decisionId: id, verdict: 'approve', ...data });

    // Not the lead: refused. The lead without saying how: asked to.
    expect((await record(JONAS, { approver: '1', how: 'by phone' })).status).toBe(403);
    const noHow = await record(ALICE, { approver: '1', how: ' ' });
    expect(cardText(invokeCard(noHow))).toContain('Say how the verdict was given');
    const nobody = await record(ALICE, { approver: '7', how: 'by phone' });
    expect(cardText(invokeCard(nobody))).toContain('not one of the approvers of DEC-1');
    expect((await state()).decisions[0]!.status).toBe('pending');

    const done = await record(ALICE, {
      approver: '1',
      how: 'by phone to Alice',
      comment: 'Yes, within budget',
    });
    const text = cardText(invokeCard(done));
    expect(text).toContain('Ben CFO · Approve');
    expect(text).toContain('recorded by Alice Lead (by phone to Alice)');
    const after = await state();
    expect(after.decisions[0]).toMatchObject({
      status: 'approved',
      responses: [
        {
          approver: { name: 'Ben CFO' },
          comment: 'Yes, within budget',
          recordedBy: { name: 'Alice Lead', how: 'by phone to Alice' },
        },
      ],
    });
    const answered = after.audit.find((e) => e.action === 'decision.answered')!;
    expect(answered.actorName).toBe('Alice Lead');
  });

  test('the approvers get Call and Meet links by their user principal names', async () => {
    await askAnnaAndBen();
    const card = JSON.stringify(cardsOf(t.connector.calls.at(-1)!.activity)[0]);
    expect(card).toContain(
      'https://teams.microsoft.com/l/call/0/0?users=anna@hospital.example,ben@hospital.example',
    );
    expect(card).toContain('attendees=anna@hospital.example,ben@hospital.example');
  });
});
