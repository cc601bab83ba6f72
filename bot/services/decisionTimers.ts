import type { AuditAction } from '../../shared/domain/audit';
import { z } from 'zod';
import { close, decisionRef, type Decision } from '../../shared/domain/decision';
import { t } from '../../shared/i18n';
import { formatInstant } from '../../shared/time/format';
import { decisionCard } from '../cards/decisionCard';
import { mention } from '../cards/mention';
import { cardMessage } from '../cards/message';
import type { Storage, Tx } from '../storage/types';
import { appendAudit } from './auditTrail';
import { refreshCard } from './cardRefresh';
import type { Clock, IdGenerator } from './clock';
import { decisionSubject } from './subjects';
import { outboxMessage } from './effects';
import type { JobContext, JobKind, JobRequest } from './scheduler';

/** How long an escalated request stays open before it expires undecided. */
export const GRACE_MS = 30 * 60_000;
const MINUTE = 60_000;

export const DECISION_JOBS = {
  remind: 'decision.remind',
  deadline: 'decision.deadline',
  expire: 'decision.expire',
} as const;

const payload = z.object({ tenantId: z.string(), decisionId: z.string() });

/** The system as an actor in the audit log (reminders, escalations, expiry). */
const SYSTEM = { userId: 'war-room', name: 'War Room' };

/**
 * The timers of a request with a deadline: reminders halfway and 15 minutes before (each
 * only if it is still ahead and not within 5 minutes of the other), and the deadline.
 */
export function decisionTimers(d: Decision, now: string): JobRequest[] {
  if (!d.deadline) return [];
  const start = Date.parse(now);
  const end = Date.parse(d.deadline);
  const base = {
    tenantId: d.tenantId,
    warRoomId: d.warRoomId,
    payload: { tenantId: d.tenantId, decisionId: d.id },
  };
  const reminders = [start + (end - start) / 2, end - 15 * MINUTE]
    .filter((at) => at - start >= 5 * MINUTE)
    .filter((at, i, all) => i === 0 || at - all[0]! >= 5 * MINUTE);
  return [
    ...reminders.map((at, i) => ({
      ...base,
      kind: DECISION_JOBS.remind,
      dueAt: new Date(at).toISOString(),
      dedupeKey: `decision:${d.id}:remind:${i + 1}`,
    })),
    {
      ...base,
      kind: DECISION_JOBS.deadline,
      dueAt: d.deadline,
      dedupeKey: `decision:${d.id}:deadline`,
    },
  ];
}

export interface TimerDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
  schedule(request: JobRequest, tx: Tx): Promise<boolean>;
}

/**
 * The scheduler's side of decision requests. Each handler reloads the request and acts only
 * while it is still pending (a decision made meanwhile cancels nothing, it just ends here),
 * so a run repeated after a crash changes nothing twice: the messages it owes are written
 * with the job's state in one transaction.
 */
export function decisionJobs(deps: TimerDeps): JobKind[] {
  const inTx = (
    job: { payload: unknown },
    ctx: JobContext,
    fn: (tx: Tx, d: Decision, now: string) => Promise<void>,
  ) => {
    const { tenantId, decisionId } = payload.parse(job.payload);
    const now = deps.clock.now().toISOString();
    return deps.storage.transaction(async (tx) => {
      const found = await tx.decisions.findById(tenantId, decisionId);
      if (found) {
        await tx.warRooms.lock(tenantId, found.warRoomId); // the war room's write lock
        const d = await tx.decisions.findById(tenantId, decisionId);
        if (d?.status === 'pending') await fn(tx, d, now);
      }
      // The message owed and the job's end commit together: a rerun finds the job done.
      await ctx.finishIn(tx);
    });
  };
  return [
    {
      kind: DECISION_JOBS.remind,
      handler: (job, ctx) =>
        inTx(job, ctx, async (tx, d, now) => {
          // A reminder that comes due only after the deadline (a sleeping server) is moot.
          if (d.deadline && now >= d.deadline) return;
          const waiting = d.approvers.filter(
            (a) => !d.responses.some((r) => r.approver.id === a.id),
          );
          await say(tx, deps, d, 'decision.reminder', waiting);
        }),
    },
    {
      kind: DECISION_JOBS.deadline,
      handler: (job, ctx) =>
        inTx(job, ctx, async (tx, d, now) => {
          // The backup may now decide too; without one, the lead is asked to step in.
          const backup =
            d.backup && !d.approvers.some((a) => a.id === d.backup!.id) ? d.backup : null;
          if (backup) {
            const next = {
              ...d,
              approvers: [...d.approvers, backup],
              updatedAt: now,
              version: d.version + 1,
            };
            if (!(await tx.decisions.update(next, d.version)))
              throw new Error('decision changed meanwhile');
            await record(tx, deps, 'decision.escalated', d, next, now);
            await say(tx, deps, next, 'decision.escalatedTo', [backup]);
          } else {
            await say(tx, deps, d, 'decision.overdueNoBackup', []);
          }
          await deps.schedule(
            {
              kind: DECISION_JOBS.expire,
              dueAt: new Date(Date.parse(now) + GRACE_MS).toISOString(),
              dedupeKey: `decision:${d.id}:expire`,
              tenantId: d.tenantId,
              warRoomId: d.warRoomId,
              payload: { tenantId: d.tenantId, decisionId: d.id },
            },
            tx,
          );
        }),
    },
    {
      kind: DECISION_JOBS.expire,
      handler: (job, ctx) =>
        inTx(job, ctx, async (tx, d, now) => {
          const next = close(d, 'expired', now);
          if (!(await tx.decisions.update(next, d.version)))
            throw new Error('decision changed meanwhile');
          await record(tx, deps, 'decision.expired', d, next, now);
          await say(tx, deps, next, 'decision.expiredNotice', []);
        }),
    },
  ];
}

/** Audits a change the scheduler made and edits the card in place. */
async function record(
  tx: Tx,
  deps: TimerDeps,
  action: AuditAction,
  before: Decision,
  after: Decision,
  now: string,
) {
  await appendAudit(tx, {
    tenantId: after.tenantId,
    warRoomId: after.warRoomId,
    at: now,
    actorId: SYSTEM.userId,
    actorName: SYSTEM.name,
    action,
    subject: `decision:${after.id}`,
    before,
    after,
  });
  const warRoom = await tx.warRooms.findById(after.tenantId, after.warRoomId);
  if (!warRoom) return;
  await refreshCard(
    tx,
    {
      tenantId: after.tenantId,
      subject: decisionSubject(after.id),
      activity: cardMessage(
        decisionCard({ decision: after, timeZone: warRoom.timeZone, locale: warRoom.language }),
      ),
    },
    now,
    deps.ids,
  );
}

/** A message in the request's own thread, in the war room's language, mentioning `people`. */
async function say(
  tx: Tx,
  deps: TimerDeps,
  d: Decision,
  key:
    | 'decision.reminder'
    | 'decision.escalatedTo'
    | 'decision.overdueNoBackup'
    | 'decision.expiredNotice',
  people: Decision['approvers'],
) {
  const post = await tx.outbox.findPost(d.tenantId, decisionSubject(d.id));
  const warRoom = await tx.warRooms.findById(d.tenantId, d.warRoomId);
  if (!post || !warRoom) return; // the card never went out: nowhere to say it
  const mentions = people.map(mention);
  const when = d.deadline
    ? formatInstant(d.deadline, { timeZone: warRoom.timeZone, locale: warRoom.language })
    : '';
  // The question is on the card; this text carries mentions, so it holds only our words.
  const text = t(warRoom.language, key, {
    ref: decisionRef(d.number),
    when,
    who: mentions.map((m) => m.text).join(', '),
  });
  await tx.outbox.enqueue(
    outboxMessage(
      {
        target: post.target,
        activity: {
          type: 'message',
          text,
          ...(mentions.length ? { entities: mentions.map((m) => m.entity) } : {}),
        },
      },
      d.tenantId,
      deps.clock.now().toISOString(),
      deps.ids,
    ),
  );
}
