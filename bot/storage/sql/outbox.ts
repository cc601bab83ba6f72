import type { Insertable, Selectable } from 'kysely';
import {
  conversationKey,
  type NewOutboxMessage,
  type OutboxMessage,
  type OutboxRepo,
  type OutboxState,
  type OutboxTarget,
} from '../types';
import { encodeJson, oneOf, type Exec } from './exec';
import { toIso } from './instant';
import type { Database } from './schema';
import { rowShape, shape } from './shape';

const STATES: readonly OutboxState[] = ['pending', 'sending', 'sent', 'unknown', 'failed'];
const COLUMNS = [
  'id',
  'seq',
  'tenant_id',
  'conversation_key',
  'target',
  'operation',
  'subject',
  'activity',
  'failure_notice',
  'state',
  'attempts',
  'not_before',
  'created_at',
  'updated_at',
  'sent_activity_id',
  'last_error',
] as const;

type OutboxRow = Pick<Selectable<Database['outbox']>, (typeof COLUMNS)[number]>;

/**
 * Order of enqueueing: microseconds of the creation time, kept strictly increasing within
 * this process, so messages written in one transaction (or one millisecond) keep their
 * order. Across instances, order follows the clocks; it matters only for one conversation
 * written by two instances within the same millisecond.
 */
let lastSeq = 0;
function nextSeq(createdAt: string): number {
  lastSeq = Math.max(new Date(createdAt).getTime() * 1000, lastSeq + 1);
  return lastSeq;
}

function fromRow(r: OutboxRow): OutboxMessage {
  return {
    id: r.id,
    seq: Number(r.seq), // pg returns bigint as text
    tenantId: r.tenant_id,
    target: JSON.parse(r.target) as OutboxTarget,
    operation: oneOf(['post', 'update'] as const, r.operation, 'outbox.operation'),
    subject: r.subject,
    activity: JSON.parse(r.activity) as Record<string, unknown>,
    failureNotice: r.failure_notice
      ? (JSON.parse(r.failure_notice) as Record<string, unknown>)
      : null,
    state: oneOf(STATES, r.state, 'outbox.state'),
    attempts: r.attempts,
    notBefore: toIso(r.not_before),
    createdAt: toIso(r.created_at),
    sentActivityId: r.sent_activity_id,
    lastError: r.last_error,
  };
}

/** Error texts are for operators; keep a bounded amount. */
const clip = (text: string) => text.slice(0, 1000);

// Written for every card sent: compiled once per set of columns, see shape.ts.
const enqueueShape = rowShape((db, row: Insertable<Database['outbox']>) =>
  db.insertInto('outbox').values(row),
);

// Every card refresh asks where its card stands: compiled once, see shape.ts.
const cardShape = shape(['tenantId', 'subject'], (db, p) =>
  db
    .selectFrom('outbox')
    .select(['id', 'operation', 'state', 'target', 'sent_activity_id'])
    .where('tenant_id', '=', p.tenantId)
    .where('subject', '=', p.subject)
    .where((eb) =>
      eb.or([
        eb('operation', '=', 'post'),
        eb.and([eb('operation', '=', 'update'), eb('state', '=', 'pending')]),
      ]),
    )
    .orderBy('seq', 'desc'),
);

type SentValues = { id: string; activityId: string | null; at: string };

// Every card sent ends here: compiled once, see shape.ts.
const sentShape = shape(['id', 'activityId', 'at'], (db, p: SentValues) =>
  db
    .updateTable('outbox')
    .set((eb) => ({
      state: 'sent',
      attempts: eb('attempts', '+', 1),
      sent_activity_id: p.activityId,
      lease_until: null,
      last_error: null,
      updated_at: p.at,
    }))
    .where('id', '=', p.id)
    .where('state', '=', 'sending'),
);

export function outboxRepo(x: Exec): OutboxRepo {
  const { db } = x;
  /** A message being sent, when its attempt ends. */
  const settling = (id: string) =>
    db.updateTable('outbox').where('id', '=', id).where('state', '=', 'sending');
  return {
    enqueue(m: NewOutboxMessage) {
      const at = toIso(m.createdAt);
      return x.write(
        enqueueShape(db, {
          id: m.id,
          seq: nextSeq(at),
          tenant_id: m.tenantId,
          conversation_key: conversationKey(m.target),
          target: JSON.stringify(m.target),
          operation: m.operation,
          subject: m.subject,
          activity: JSON.stringify(m.activity),
          failure_notice: encodeJson(m.failureNotice ?? undefined),
          state: 'pending',
          not_before: at,
          created_at: at,
          updated_at: at,
        }),
      );
    },

    async claimDue(now, leaseUntil, limit) {
      // Only the head of each conversation, and none while one of it is being sent (a
      // message of another instance may carry a lower seq yet commit later);
      // `state = 'pending'` is checked again by the
      // UPDATE itself, so of two instances racing for a row, the second updates nothing.
      // Each test is a seek on outbox_unsent (migration 29), however long the history of
      // the conversation: the state is an equality of its own in each subquery.
      const due = db
        .selectFrom('outbox as o')
        .select('o.id')
        .where('o.state', '=', 'pending')
        .where('o.not_before', '<=', toIso(now))
        .where(({ and, not, exists, selectFrom, lit }) => {
          const others = (state: OutboxState) =>
            selectFrom('outbox as e')
              .select(lit(1).as('one'))
              .whereRef('e.conversation_key', '=', 'o.conversation_key')
              .where('e.state', '=', state);
          return and([
            not(exists(others('pending').whereRef('e.seq', '<', 'o.seq'))),
            not(exists(others('sending'))),
          ]);
        })
        .orderBy('o.seq')
        .limit(limit);
      const rows = await x.all(
        db
          .updateTable('outbox')
          .set({ state: 'sending', lease_until: toIso(leaseUntil), updated_at: toIso(now) })
          .where('state', '=', 'pending')
          .where('id', 'in', due)
          .returning(COLUMNS)
          // Whether to claim again once it is sent: a search on outbox_unsent. What waits
          // behind a head is never leased with it, so it reads pending on both engines.
          .returning(({ exists, selectFrom, lit }) =>
            exists(
              selectFrom('outbox as f')
                .select(lit(1).as('one'))
                .whereRef('f.conversation_key', '=', 'outbox.conversation_key')
                .where('f.state', '=', 'pending')
                .whereRef('f.seq', '>', 'outbox.seq'),
            ).as('followed'),
          ),
      );
      return rows
        .map((r) => ({ ...fromRow(r), followed: Boolean(r.followed) }))
        .sort((a, b) => a.seq - b.seq);
    },

    async expireLeases(now) {
      const rows = await x.all(
        db
          .updateTable('outbox')
          .set((eb) => ({
            state: eb.case().when('operation', '=', 'update').then('pending').else('unknown').end(),
            lease_until: null,
            updated_at: toIso(now),
            last_error: 'the sender stopped while sending',
          }))
          .where('state', '=', 'sending')
          .where('lease_until', '<', toIso(now))
          .returning(COLUMNS),
      );
      return rows.map(fromRow);
    },

    async settle(id, outcome, now) {
      const at = toIso(now);
      let changed: number;
      switch (outcome.state) {
        case 'sent':
          changed = await x.run(sentShape(db, { id, activityId: outcome.activityId, at }));
          break;
        case 'pending':
          changed = await x.run(
            settling(id).set((eb) => ({
              state: 'pending',
              attempts: eb('attempts', '+', outcome.countAttempt ? 1 : 0),
              not_before: toIso(outcome.notBefore),
              lease_until: null,
              last_error: clip(outcome.error),
              updated_at: at,
            })),
          );
          break;
        default:
          changed = await x.run(
            settling(id).set((eb) => ({
              state: outcome.state,
              attempts: eb('attempts', '+', 1),
              lease_until: null,
              last_error: clip(outcome.error),
              updated_at: at,
            })),
          );
      }
      return changed === 1;
    },

    settleSent: (id, activityId, now) => x.write(sentShape(db, { id, activityId, at: toIso(now) })),

    async findById(id) {
      const [row] = await x.all(db.selectFrom('outbox').select(COLUMNS).where('id', '=', id));
      return row && fromRow(row);
    },

    async countByState() {
      const rows = await x.all(
        db
          .selectFrom('outbox')
          .select((eb) => ['state', eb.fn.countAll().as('n')])
          .groupBy('state'),
      );
      return Object.fromEntries(
        rows.map((r) => [oneOf(STATES, r.state, 'outbox.state'), Number(r.n)]),
      );
    },

    async findPost(tenantId, subject) {
      const [row] = await x.all(
        db
          .selectFrom('outbox')
          .select(COLUMNS)
          .where('tenant_id', '=', tenantId)
          .where('subject', '=', subject)
          .where('operation', '=', 'post')
          .orderBy('seq', 'desc')
          .limit(1),
      );
      return row && fromRow(row);
    },

    async findPendingUpdate(tenantId, subject) {
      const [row] = await x.all(
        db
          .selectFrom('outbox')
          .select(COLUMNS)
          .where('tenant_id', '=', tenantId)
          .where('subject', '=', subject)
          .where('operation', '=', 'update')
          .where('state', '=', 'pending')
          .orderBy('seq', 'desc')
          .limit(1),
      );
      return row && fromRow(row);
    },

    async cardOf(tenantId, subject) {
      // Its posts and its edits not yet sent: a handful of rows, newest first.
      const rows = await x.all(cardShape(db, { tenantId, subject }));
      const post = rows.find((r) => r.operation === 'post');
      const pendingUpdateId = rows.find((r) => r.operation === 'update')?.id;
      return {
        ...(post && {
          post: {
            id: post.id,
            state: oneOf(STATES, post.state, 'outbox.state'),
            target: JSON.parse(post.target) as OutboxTarget,
            sentActivityId: post.sent_activity_id,
          },
        }),
        ...(pendingUpdateId && { pendingUpdateId }),
      };
    },

    async replacePending(id, activity) {
      const changed = await x.run(
        db
          .updateTable('outbox')
          .set({ activity: JSON.stringify(activity) })
          .where('id', '=', id)
          .where('state', '=', 'pending'),
      );
      return changed === 1;
    },

    // A sent post with a subject is the record of where its card lives: kept.
    prune: (before) =>
      x.run(
        db
          .deleteFrom('outbox')
          .where('state', '=', 'sent')
          .where('updated_at', '<', toIso(before))
          .where((eb) => eb.or([eb('subject', 'is', null), eb('operation', '=', 'update')])),
      ),
  };
}
