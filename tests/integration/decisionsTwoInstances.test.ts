import type { Decision } from '../../shared/domain/decision';
import { startTestApp, type TestApp } from '../support/app';
import { cardsOf } from '../support/cards';
import {
  ANNA,
  BEN,
  CARL,
  cardText,
  invokeCard,
  tag,
  warRoomChannel,
  warRoomState,
} from '../support/decide';
import { startPostgres, type TestPostgres } from '../support/postgres';

/**
 * Two server instances behind an imagined load balancer on one real PostgreSQL database:
 * answers to one decision that arrive at the same moment on different instances give one
 * outcome, and the reminders of a request are sent once whichever instance runs them.
 */
describe('decision requests across two instances on one PostgreSQL database', () => {
  let pg: TestPostgres;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(async () => {
    await pg?.stop();
  });

  /** Lets both instances send what they owe, until neither has anything left. */
  const drain = async (...apps: TestApp[]) => {
    for (;;) {
      await Promise.all(apps.map((t) => t.app.delivery.idle()));
      const sent = await Promise.all(apps.map((t) => t.app.delivery.tick()));
      if (sent.every((n) => n === 0)) return;
    }
  };

  describe('concurrent answers', () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      const url = await pg.createDatabase('decisions_answers');
      a = await startTestApp({ DATABASE_URL: url });
      b = await startTestApp({ DATABASE_URL: url });
    });
    afterAll(async () => {
      await a?.stop();
      await b?.stop();
    });

    /** A war room of its own (its own channel: no pacing across rooms) with one request. */
    const requestIn = async (i: number, rule: 'any' | 'all') => {
      // Every message carries instance a's connector: whoever sends, the calls land there.
      const room = warRoomChannel(a.connector.url);
      expect((await a.post(room.message(`start Cutover wave ${i}`))).status).toBe(200);
      const ask = room.mentioning(
        `decide Recreate the mailboxes of wave ${i}? ${tag(ANNA)} ${tag(BEN)} ${rule}`,
        [ANNA, BEN],
      );
      expect((await b.post(ask)).status).toBe(200);
      const { decisions } = await warRoomState(a, room.channelId);
      expect(decisions).toHaveLength(1);
      return { room, decision: decisions[0]! };
    };
    /** Calls to the connector about one decision's card: its post and its edits in place. */
    const cardCalls = async (d: Decision) => {
      const post = await a.app.storage.transaction((tx) =>
        tx.outbox.findPost(d.tenantId, `decision:${d.id}`),
      );
      const mentions = (c: { activity: unknown }) => JSON.stringify(c.activity).includes(d.id);
      return {
        posts: a.connector.calls.filter((c) => c.method === 'POST' && mentions(c)),
        edits: a.connector.calls.filter(
          (c) => c.method === 'PUT' && c.activityId === post?.sentActivityId,
        ),
        postedId: post?.sentActivityId,
      };
    };

    test('rule any: approve on one instance and reject on the other at once, 20 times: one outcome each', async () => {
      for (let i = 1; i <= 20; i++) {
        const { room, decision: d } = await requestIn(i, 'any');
        const [approve, reject] = await Promise.all([
          a.post(room.answer(ANNA, d.id, 'approve', `Go for wave ${i}.`)),
          b.post(room.answer(BEN, d.id, 'reject', `Not wave ${i}.`)),
        ]);
        expect([approve.status, reject.status]).toEqual([200, 200]);
        await drain(a, b);

        const { decisions, audit } = await warRoomState(b, room.channelId);
        const after = decisions[0]!;
        expect(['approved', 'rejected']).toContain(after.status);
        const annaWon = after.status === 'approved';
        const [winner, loser] = annaWon ? [ANNA, BEN] : [BEN, ANNA];
        const [won, lost] = annaWon ? [approve, reject] : [reject, approve];
        expect(after).toMatchObject({ version: 2, decidedAt: expect.any(String) });
        expect(after.responses.map((r) => r.approver.name)).toEqual([winner.name]);

        // The loser is told, in the card it gets back, who decided and how.
        const word = annaWon ? 'Approved' : 'Rejected';
        expect(cardText(invokeCard(lost))).toContain(
          `DEC-1 is already decided (${word}) by ${winner.name} at `,
        );
        expect(cardText(invokeCard(won))).not.toContain('already decided');
        expect(cardText(invokeCard(won))).toContain(
          `${winner.name} · ${annaWon ? 'Approve' : 'Reject'}`,
        );

        // One audited answer: the winner's, which closed the request. The loser's attempt
        // changed nothing and is not an answer.
        const answered = audit.filter((e) => e.action === 'decision.answered');
        expect(answered).toHaveLength(1);
        expect(answered[0]).toMatchObject({
          actorId: winner.aadObjectId,
          after: { status: after.status },
        });
        expect(audit.filter((e) => e.actorId === loser.aadObjectId)).toEqual([]);

        // The channel's card was edited in place once, to the outcome; never posted again.
        const { posts, edits, postedId } = await cardCalls(d);
        expect(postedId).toEqual(expect.any(String));
        expect(posts).toHaveLength(1);
        expect(edits).toHaveLength(1);
        const edited = cardsOf(edits[0]!.activity)[0]!;
        expect(cardText(edited)).toContain(`Status: ${word}`);
        expect(cardText(edited)).toContain(winner.name);
        expect(edited.refresh).toBeUndefined(); // decided: nobody gets the buttons any more
      }
    });

    test('rule all: both approvers approve at once on different instances: approved once, with both answers', async () => {
      for (let i = 1; i <= 10; i++) {
        const { room, decision: d } = await requestIn(100 + i, 'all');
        const answers = await Promise.all([
          a.post(room.answer(ANNA, d.id, 'approve')),
          b.post(room.answer(BEN, d.id, 'approve')),
        ]);
        expect(answers.map((r) => r.status)).toEqual([200, 200]);
        // Neither was told the request changed under them: both answers counted.
        for (const r of answers)
          expect(cardText(invokeCard(r))).not.toMatch(/already|a moment ago/);
        await drain(a, b);

        const { decisions, audit } = await warRoomState(a, room.channelId);
        const after = decisions[0]!;
        expect(after).toMatchObject({ status: 'approved', version: 3 });
        expect(after.responses.map((r) => r.approver.name).sort()).toEqual([ANNA.name, BEN.name]);
        const answered = audit.filter((e) => e.action === 'decision.answered');
        expect(answered.map((e) => (e.after as Decision).status)).toEqual(['pending', 'approved']);

        // Edited in place only; the last edit (what the channel shows) is the outcome.
        const { posts, edits } = await cardCalls(d);
        expect(posts).toHaveLength(1);
        expect(edits.length).toBeGreaterThanOrEqual(1);
        expect(edits.length).toBeLessThanOrEqual(2);
        const shown = cardText(cardsOf(edits.at(-1)!.activity)[0]);
        expect(shown).toContain('Status: Approved');
        expect(shown).toContain(`${ANNA.name} · Approve`);
        expect(shown).toContain(`${BEN.name} · Approve`);
      }
    });
  });

  describe('reminders with both schedulers running', () => {
    let a: TestApp;
    let b: TestApp;
    let now = new Date('2026-12-05T18:00:00.000Z');
    const clock = { now: () => now };
    // No poll of their own during the test: the test makes both tick, at the same moment.
    const quiet = { clock, scheduler: { pollMs: 3_600_000 } };
    beforeAll(async () => {
      const url = await pg.createDatabase('decisions_reminders');
      a = await startTestApp({ DATABASE_URL: url }, quiet);
      b = await startTestApp({ DATABASE_URL: url }, quiet);
    });
    afterAll(async () => {
      await a?.stop();
      await b?.stop();
    });

    /** Moves the clock; both schedulers run what is due, concurrently, until nothing is. */
    const at = async (iso: string) => {
      now = new Date(iso);
      for (;;) {
        const ran = await Promise.all([a.app.scheduler.tick(), b.app.scheduler.tick()]);
        if (ran.every((n) => n === 0)) break;
      }
      await drain(a, b);
    };
    const texts = () => a.connector.calls.map((c) => c.activity.text ?? '');
    const said = (start: string) => texts().filter((x) => x.startsWith(start));

    test('each reminder, the escalation and the expiry reach the channel once', async () => {
      const room = warRoomChannel(a.connector.url);
      await a.post(room.message('start Mailbox cutover weekend'));
      // Copenhagen 20:00 is 19:00 UTC: reminders at 18:30 (halfway) and 18:45, deadline 19:00.
      const ask = `decide Buy 40 extra E3 licences now? ${tag(ANNA)} by 20:00 backup ${tag(CARL)}`;
      expect((await b.post(room.mentioning(ask, [ANNA, CARL]))).status).toBe(200);
      const { decisions } = await warRoomState(a, room.channelId);
      expect(decisions[0]).toMatchObject({ deadline: '2026-12-05T19:00:00.000Z' });

      await at('2026-12-05T18:29:59.000Z');
      expect(said('Reminder')).toEqual([]);
      await at('2026-12-05T18:31:00.000Z');
      expect(said('Reminder: DEC-1 needs a decision by')).toHaveLength(1);
      await at('2026-12-05T18:46:00.000Z');
      expect(said('Reminder: DEC-1 needs a decision by')).toHaveLength(2);
      await at('2026-12-05T19:00:30.000Z');
      expect(said('DEC-1 passed its deadline undecided.')).toHaveLength(1);
      await at('2026-12-05T19:31:00.000Z');
      expect(said('DEC-1 expired without a decision.')).toHaveLength(1);
      expect((await warRoomState(b, room.channelId)).decisions[0]?.status).toBe('expired');
      // Every job of the request ran once, on one instance or the other.
      const jobs = await a.app.storage.transaction(async (tx) => {
        const found = [];
        for (const k of ['remind:1', 'remind:2', 'deadline', 'expire']) {
          found.push(await tx.jobs.findByDedupeKey(`decision:${decisions[0]!.id}:${k}`));
        }
        return found;
      });
      expect(jobs.map((j) => [j?.state, j?.attempts])).toEqual(Array(4).fill(['done', 1]));
    });
  });
});
