import type { Actor } from '../../shared/domain/actor';
import {
  close,
  decisionRef,
  isApprover,
  respond,
  validateRequest,
  type Decision,
  type DecisionKind,
  type DecisionRule,
  type Verdict,
} from '../../shared/domain/decision';
import { conflict, forbidden, notFound } from '../../shared/domain/errors';
import type { Person } from '../../shared/domain/person';
import { validTitle } from '../../shared/domain/title';
import type { WarRoom } from '../../shared/domain/warRoom';
import { decisionCard } from '../cards/decisionCard';
import { cardMessage } from '../cards/message';
import type { Storage, Tx } from '../storage/types';
import { authorize, Refused, roleIn } from './access';
import { refreshCard } from './cardRefresh';
import type { Clock, IdGenerator } from './clock';
import { decisionTimers } from './decisionTimers';
import { decisionSubject } from './subjects';
import type { Effects } from './effects';
import { auditChange, change } from './unitOfWork';
import type { JobRequest } from './scheduler';

export interface DecisionDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
  /** Schedules a job in the caller's transaction (reminders, the deadline). */
  schedule?: (request: JobRequest, tx: Tx) => Promise<boolean>;
}

export interface RequestInput {
  kind: DecisionKind;
  question: string;
  approvers: Person[];
  rule: DecisionRule;
  deadline: string | null;
  backup: Person | null;
}

export interface AnswerInput {
  decisionId: string;
  verdict: Verdict;
  comment: string;
  /** Set when the lead writes down a verdict given elsewhere, for `onBehalfOf`. */
  recorded?: { onBehalfOf: Person; how: string };
}

export type Origin = { channelId: string } | { warRoomId: string };
export interface WithRoom {
  decision: Decision;
  warRoom: WarRoom;
}

export { decisionSubject } from './subjects';

/**
 * Use cases of decision requests: ask named approvers, answer (only they can; final once
 * decided), withdraw, and read. Every change is audited in its transaction and refreshes
 * the request's card in the channel for everyone.
 */
export class DecisionService {
  constructor(private readonly deps: DecisionDeps) {}

  request(
    actor: Actor,
    origin: Origin,
    input: RequestInput,
    effects?: Effects<WithRoom>,
  ): Promise<WithRoom> {
    const question = validTitle(input.question, 'decision');
    const approvers = validateRequest(question, input.approvers);
    return this.write(actor, effects, async (tx, now) => {
      const warRoom = await warRoomOf(tx, actor, origin);
      await authorize(tx, warRoom, actor, 'decision.request');
      const decision: Decision = {
        id: this.deps.ids(),
        tenantId: actor.tenantId,
        warRoomId: warRoom.id,
        number: await tx.warRooms.nextNumber(actor.tenantId, warRoom.id, 'decision'),
        kind: input.kind,
        question,
        rule: input.rule,
        approvers,
        backup: input.backup,
        deadline: input.deadline,
        status: 'pending',
        responses: [],
        requesterId: actor.userId,
        requesterName: actor.name,
        createdAt: now,
        updatedAt: now,
        decidedAt: null,
        version: 1,
      };
      await tx.decisions.insert(decision);
      await audit(tx, actor, now, 'decision.requested', null, decision);
      for (const timer of decisionTimers(decision, now)) await this.deps.schedule?.(timer, tx);
      return { decision, warRoom };
    });
  }

  /** An approver's verdict (or the lead's record of one); exactly one outcome under races. */
  answer(
    actor: Actor,
    origin: Origin | null,
    input: AnswerInput,
    effects?: Effects<WithRoom>,
  ): Promise<WithRoom> {
    return this.write(actor, effects, async (tx, now) => {
      const { decision: current, warRoom } = await load(tx, actor, input.decisionId, origin);
      let who: { userId: string; teamsUserId?: string; name: string } = actor;
      let recordedBy;
      if (input.recorded) {
        await authorize(tx, warRoom, actor, 'decision.record');
        const p = input.recorded.onBehalfOf;
        who = { userId: p.aadObjectId ?? p.id, teamsUserId: p.id, name: p.name };
        recordedBy = { id: actor.userId, name: actor.name, how: input.recorded.how.trim() };
      }
      if (current.status === 'pending' && !current.approvers.some((a) => isApprover(a, who))) {
        throw new Refused(warRoom.id, 'decision.answer', await roleIn(tx, warRoom, actor));
      }
      const next = respond(current, who, {
        verdict: input.verdict,
        comment: input.comment,
        at: now,
        ...(recordedBy ? { recordedBy } : {}),
      });
      return this.save(tx, actor, now, 'decision.answered', current, next, warRoom);
    });
  }

  /** The requester (or the lead) takes back a pending request. */
  withdraw(
    actor: Actor,
    origin: Origin | null,
    decisionId: string,
    effects?: Effects<WithRoom>,
  ): Promise<WithRoom> {
    return this.write(actor, effects, async (tx, now) => {
      const { decision: current, warRoom } = await load(tx, actor, decisionId, origin);
      if (current.requesterId !== actor.userId) await authorize(tx, warRoom, actor, 'role.assign');
      const next = close(current, 'withdrawn', now);
      return this.save(tx, actor, now, 'decision.withdrawn', current, next, warRoom);
    });
  }

  get(actor: Actor, origin: Origin | null, decisionId: string): Promise<WithRoom> {
    return this.deps.storage.transaction((tx) => load(tx, actor, decisionId, origin));
  }

  private write(
    actor: Actor,
    effects: Effects<WithRoom> | undefined,
    work: (tx: Tx, now: string) => Promise<WithRoom>,
  ) {
    return change(this.deps, actor, effects, work);
  }

  private async save(
    tx: Tx,
    actor: Actor,
    now: string,
    action: string,
    before: Decision,
    after: Decision,
    warRoom: WarRoom,
  ): Promise<WithRoom> {
    // The version written over is the one read under the war room's lock: one outcome.
    if (!(await tx.decisions.update(after, before.version))) {
      throw conflict('decision.changedMeanwhile', { ref: decisionRef(before.number) });
    }
    await audit(tx, actor, now, action, before, after);
    await refreshCard(
      tx,
      {
        tenantId: actor.tenantId,
        subject: decisionSubject(after.id),
        activity: cardMessage(
          decisionCard({ decision: after, timeZone: warRoom.timeZone, locale: warRoom.language }),
        ),
      },
      now,
      this.deps.ids,
    );
    return { decision: after, warRoom };
  }
}

async function warRoomOf(tx: Tx, actor: Actor, origin: Origin): Promise<WarRoom> {
  const warRoom =
    'channelId' in origin
      ? await tx.warRooms.findByChannel(actor.tenantId, origin.channelId)
      : await tx.warRooms.findById(actor.tenantId, origin.warRoomId);
  if (!warRoom) throw notFound('channelId' in origin ? 'warroom.notStarted' : 'warroom.notFound');
  return warRoom;
}

/**
 * The decision with its war room, read after taking the war room's write lock (the audit
 * chain's head), so two answers in flight are applied one after the other.
 */
async function load(
  tx: Tx,
  actor: Actor,
  decisionId: string,
  origin: Origin | null,
): Promise<WithRoom> {
  const found = await tx.decisions.findById(actor.tenantId, decisionId);
  if (!found) throw notFound('decision.notFound');
  const warRoom = await tx.warRooms.findById(actor.tenantId, found.warRoomId);
  if (!warRoom) throw notFound('warroom.notFound');
  if (origin && 'channelId' in origin && origin.channelId !== warRoom.channelId) {
    throw forbidden('decision.otherWarRoom');
  }
  await tx.audit.head(actor.tenantId, warRoom.id);
  const decision = await tx.decisions.findById(actor.tenantId, decisionId);
  return { decision: decision ?? found, warRoom };
}

function audit(
  tx: Tx,
  actor: Actor,
  at: string,
  what: string,
  before: Decision | null,
  after: Decision,
) {
  return auditChange(tx, actor, at, what, 'decision', before, after);
}
