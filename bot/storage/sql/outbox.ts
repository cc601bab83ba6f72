import {
  conversationKey,
  type NewOutboxMessage,
  type OutboxMessage,
  type OutboxRepo,
  type OutboxState,
  type OutboxTarget,
} from '../types';
import { encodeJson, oneOf, placeholders, type Exec } from './exec';
import { toIso } from './instant';

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
const RETURNING = `RETURNING ${COLUMNS.join(', ')}`;

interface OutboxRow {
  id: string;
  seq: number | string; // pg returns bigint as text
  tenant_id: string;
  target: string;
  operation: string;
  subject: string | null;
  activity: string;
  failure_notice: string | null;
  state: string;
  attempts: number;
  not_before: string | Date;
  created_at: string | Date;
  sent_activity_id: string | null;
  last_error: string | null;
}

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
    seq: Number(r.seq),
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

export function outboxRepo(x: Exec): OutboxRepo {
  return {
    async enqueue(m: NewOutboxMessage) {
      const at = toIso(m.createdAt);
      const values = [
        m.id,
        nextSeq(at),
        m.tenantId,
        conversationKey(m.target),
        JSON.stringify(m.target),
        m.operation,
        m.subject,
        JSON.stringify(m.activity),
        encodeJson(m.failureNotice ?? undefined),
        'pending',
        at,
        at,
        at,
      ];
      await x.run(
        `INSERT INTO outbox (id, seq, tenant_id, conversation_key, target, operation, subject,
           activity, failure_notice, state, not_before, created_at, updated_at)
         VALUES (${placeholders(values.length)})`,
        values,
      );
    },

    async claimDue(now, leaseUntil, limit) {
      // Only the head of each conversation, and none while one of it is being sent (a
      // message of another instance may carry a lower seq yet commit later);
      // `state = 'pending'` is checked again by the
      // UPDATE itself, so of two instances racing for a row, the second updates nothing.
      const rows = await x.all<OutboxRow>(
        `UPDATE outbox SET state = 'sending', lease_until = ?, updated_at = ?
         WHERE state = 'pending' AND id IN (
           SELECT o.id FROM outbox o
           WHERE o.state = 'pending' AND o.not_before <= ?
             AND NOT EXISTS (
               SELECT 1 FROM outbox e
               WHERE e.conversation_key = o.conversation_key
                 AND ((e.seq < o.seq AND e.state = 'pending') OR e.state = 'sending'))
           ORDER BY o.seq LIMIT ?)
         ${RETURNING}`,
        [toIso(leaseUntil), toIso(now), toIso(now), limit],
      );
      return rows.map(fromRow).sort((a, b) => a.seq - b.seq);
    },

    async expireLeases(now) {
      const rows = await x.all<OutboxRow>(
        `UPDATE outbox
         SET state = CASE WHEN operation = 'update' THEN 'pending' ELSE 'unknown' END,
             lease_until = NULL, updated_at = ?,
             last_error = 'the sender stopped while sending'
         WHERE state = 'sending' AND lease_until < ?
         ${RETURNING}`,
        [toIso(now), toIso(now)],
      );
      return rows.map(fromRow);
    },

    async settle(id, outcome, now) {
      const at = toIso(now);
      const where = `WHERE id = ? AND state = 'sending'`;
      let changed: number;
      switch (outcome.state) {
        case 'sent':
          changed = await x.run(
            `UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_activity_id = ?,
               lease_until = NULL, last_error = NULL, updated_at = ? ${where}`,
            [outcome.activityId, at, id],
          );
          break;
        case 'pending':
          changed = await x.run(
            `UPDATE outbox SET state = 'pending', attempts = attempts + ?, not_before = ?,
               lease_until = NULL, last_error = ?, updated_at = ? ${where}`,
            [outcome.countAttempt ? 1 : 0, toIso(outcome.notBefore), clip(outcome.error), at, id],
          );
          break;
        default:
          changed = await x.run(
            `UPDATE outbox SET state = ?, attempts = attempts + 1, lease_until = NULL,
               last_error = ?, updated_at = ? ${where}`,
            [outcome.state, clip(outcome.error), at, id],
          );
      }
      return changed === 1;
    },

    async findById(id) {
      const [row] = await x.all<OutboxRow>(
        `SELECT ${COLUMNS.join(', ')} FROM outbox WHERE id = ?`,
        [id],
      );
      return row && fromRow(row);
    },

    async countByState() {
      const rows = await x.all<{ state: string; n: number | string }>(
        'SELECT state, COUNT(*) AS n FROM outbox GROUP BY state',
        [],
      );
      return Object.fromEntries(
        rows.map((r) => [oneOf(STATES, r.state, 'outbox.state'), Number(r.n)]),
      );
    },

    prune: (before) =>
      x.run(`DELETE FROM outbox WHERE state = 'sent' AND updated_at < ?`, [toIso(before)]),
  };
}
