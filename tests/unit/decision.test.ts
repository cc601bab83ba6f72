import fc from 'fast-check';
import {
  close,
  outcome,
  respond,
  validateRequest,
  type Decision,
  type DecisionRule,
  type Verdict,
} from '../../shared/domain/decision';
import { DomainError } from '../../shared/domain/errors';
import type { Person } from '../../shared/domain/person';

const ANNA: Person = { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna Board' };
const BEN: Person = { id: '29:ben', name: 'Ben CFO' };
const CARL: Person = { id: '29:carl', aadObjectId: 'aad-carl', name: 'Carl CIO' };
const T0 = '2026-11-21T20:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function request(rule: DecisionRule, approvers: Person[] = [ANNA, BEN]): Decision {
  return {
    id: 'd1',
    tenantId: 't',
    warRoomId: 'w',
    number: 1,
    kind: 'approval',
    question: 'Buy 40 extra E3 licences now?',
    rule,
    approvers,
    backup: null,
    deadline: at(60),
    status: 'pending',
    responses: [],
    requesterId: 'aad-lead',
    requesterName: 'Lead',
    createdAt: T0,
    updatedAt: T0,
    decidedAt: null,
    version: 1,
  };
}
const as = (p: Person) => ({ userId: p.aadObjectId ?? 'other', teamsUserId: p.id, name: p.name });
const answer = (verdict: Verdict, minutes = 1) => ({ verdict, comment: ' ok ', at: at(minutes) });
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? { kind: e.kind, key: e.messageKey, params: e.params } : e;
  }
  return 'no refusal';
};

describe('decision requests', () => {
  test('any: the first answer decides, and it is final', () => {
    const decided = respond(request('any'), as(BEN), answer('approve', 3));
    expect(decided).toMatchObject({ status: 'approved', decidedAt: at(3), version: 2 });
    expect(decided.responses[0]).toMatchObject({ approver: BEN, comment: 'ok' });
    expect(refusal(() => respond(decided, as(ANNA), answer('reject', 4)))).toEqual({
      kind: 'conflict',
      key: 'decision.alreadyDecided',
      params: { ref: 'DEC-1', statusKey: 'decision.status.approved', by: 'Ben CFO', at: at(3) },
    });
  });

  test('all: every approver must approve; one reject rejects at once', () => {
    const one = respond(request('all'), as(ANNA), answer('approve'));
    expect(one.status).toBe('pending');
    expect(respond(one, as(BEN), answer('approve', 2)).status).toBe('approved');
    expect(respond(one, as(BEN), answer('reject', 2)).status).toBe('rejected');
    expect(respond(request('all'), as(BEN), answer('reject')).status).toBe('rejected');
  });

  test('only a named approver decides, matched on ids, never on a name', () => {
    const impostor = { userId: 'aad-x', teamsUserId: '29:x', name: 'Anna Board' };
    expect(refusal(() => respond(request('any'), impostor, answer('approve')))).toMatchObject({
      kind: 'forbidden',
      key: 'decision.notApprover',
    });
    // Entra object id alone is enough (the tab has no Teams user id).
    expect(
      respond(request('any'), { userId: 'aad-anna', name: 'A' }, answer('approve')).status,
    ).toBe('approved');
  });

  test('an approver answers once', () => {
    const one = respond(request('all'), as(ANNA), answer('approve'));
    expect(refusal(() => respond(one, as(ANNA), answer('approve', 2)))).toMatchObject({
      kind: 'conflict',
      key: 'decision.alreadyAnswered',
    });
  });

  test('a verdict recorded by the lead keeps who said it and who wrote it down', () => {
    const recordedBy = { id: 'aad-lead', name: 'Lead', how: 'by phone, 21:05' };
    const decided = respond(request('any', [CARL]), as(CARL), { ...answer('approve'), recordedBy });
    expect(decided.responses[0]).toMatchObject({ approver: CARL, recordedBy });
  });

  test('withdrawn or expired only while pending', () => {
    expect(close(request('any'), 'withdrawn', at(5))).toMatchObject({ status: 'withdrawn' });
    const decided = respond(request('any'), as(ANNA), answer('reject'));
    expect(refusal(() => close(decided, 'expired', at(61)))).toMatchObject({
      key: 'decision.alreadyDecided',
    });
  });

  test('a request needs a question and named approvers, each once, at most 60', () => {
    expect(refusal(() => validateRequest('  ', [ANNA]))).toMatchObject({
      key: 'decision.questionRequired',
    });
    expect(refusal(() => validateRequest('Go?', []))).toMatchObject({
      key: 'decision.approversRequired',
    });
    expect(validateRequest('Go?', [ANNA, BEN, ANNA])).toEqual([ANNA, BEN]);
    const many = Array.from({ length: 61 }, (_, i) => ({ id: `29:p${i}`, name: `P${i}` }));
    expect(refusal(() => validateRequest('Go?', many))).toMatchObject({
      key: 'decision.tooManyApprovers',
    });
  });

  test('property: under "all" the outcome is approved exactly when everyone approved', () => {
    const people = [ANNA, BEN, CARL];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(people, { minLength: 1 }),
        fc.array(fc.constantFrom<Verdict>('approve', 'reject'), { minLength: 3, maxLength: 3 }),
        (order, verdicts) => {
          let d = request('all', people);
          for (const [i, p] of order.entries()) {
            if (d.status !== 'pending') break;
            d = respond(d, as(p), answer(verdicts[i]!, i + 1));
          }
          const answered = d.responses.map((r) => r.verdict);
          const expected = answered.includes('reject')
            ? 'rejected'
            : answered.length === people.length
              ? 'approved'
              : 'pending';
          expect(d.status).toBe(expected);
          expect(outcome('all', people, d.responses)).toBe(d.status);
        },
      ),
    );
  });
});
