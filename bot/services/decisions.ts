import type { AuditAction, AuditEntry } from '../../shared/domain/audit';
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
import { conflict, invalid } from '../../shared/domain/errors';
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
import { memberByAadObjectId } from './members';
import { loadLocked, loadRecord, warRoomOf, type Origin } from './records';
import { upnsOf } from './contacts';
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
  /**
   * Runs in the transaction that ends a request (decided or withdrawn): a freeze's early
   * release follows its go/no-go. Throwing rolls the answer back.
   */
  onClosed?: (tx: Tx, decision: Decision, warRoom: WarRoom, now: string) => Promise<void>;
}

/** Someone named in a request: mentioned (a Person), or picked on a card (an Entra object id). */
export type Named = Person | { aadObjectId: string };

export interface RequestInput {
  kind: DecisionKind;
  question: string;
  approvers: Named[];
  rule: DecisionRule;
  deadline: string | null;
  backup: Named | null;
}

/** Which requests the tab lists: still waiting, decided (or closed otherwise), or all. */
export type DecisionFilter = 'pending' | 'decided' | 'all';

/** Audit entries shown with one request; older ones are in the timeline. */
const HISTORY_LIMIT = 200;

/** Which request: by id (a card) or by its number in the war room (`withdraw DEC-3`). */
export type DecisionKey = { decisionId: string } | { number: number };

export interface AnswerInput {
  decisionId: string;
  verdict: Verdict;
  comment: string;
  /**
   * Set when the lead writes down a verdict given elsewhere: `onBehalfOf` is the Teams user
   * id of one of the request's approvers, `how` how it was given ("by phone").
   */
  recorded?: { onBehalfOf: string; how: string };
}

export type { Origin } from './records';
export interface WithRoom {
  decision: Decision;
  warRoom: WarRoom;
  /** User principal names of the approvers, for the card's Call/Meet. */
  upns: string[];
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
    return this.write(actor, effects, async (tx, now) => {
      const warRoom = await warRoomOf(tx, actor, origin);
      await authorize(tx, warRoom, actor, 'decision.request');
      return this.requestIn(tx, actor, warRoom, input, now);
    });
  }

  /**
   * Writes a new request of `warRoom` in `tx` (the caller authorised it), with its audit
   * entry and timers: a person's `decide`, or the go/no-go of a freeze's early release.
   */
  async requestIn(
    tx: Tx,
    actor: Actor,
    warRoom: WarRoom,
    input: RequestInput,
    now: string,
  ): Promise<WithRoom> {
    const question = validTitle(input.question, 'decision');
    const approvers = validateRequest(question, await people(tx, warRoom, input.approvers));
    const [backup = null] = input.backup ? await people(tx, warRoom, [input.backup]) : [];
    const decision: Decision = {
      id: this.deps.ids(),
      tenantId: actor.tenantId,
      warRoomId: warRoom.id,
      number: await tx.warRooms.nextNumber(actor.tenantId, warRoom.id, 'decision'),
      kind: input.kind,
      question,
      rule: input.rule,
      approvers,
      backup,
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
    return withContacts(tx, decision, warRoom);
  }

  /** An approver's verdict (or the lead's record of one); exactly one outcome under races. */
  answer(
    actor: Actor,
    origin: Origin | null,
    input: AnswerInput,
    effects?: Effects<WithRoom>,
  ): Promise<WithRoom> {
    return this.write(actor, effects, async (tx, now) => {
      const { decision: current, warRoom } = await load(tx, actor, input, origin);
      let who: { userId: string; teamsUserId?: string; name: string } = actor;
      let recordedBy;
      if (input.recorded) {
        await authorize(tx, warRoom, actor, 'decision.record');
        const how = input.recorded.how.trim();
        if (!how) throw invalid('decision.record.howRequired');
        const p = current.approvers.find((a) => a.id === input.recorded?.onBehalfOf);
        if (!p) {
          throw invalid('decision.record.notApprover', { ref: decisionRef(current.number) });
        }
        who = { userId: p.aadObjectId ?? p.id, teamsUserId: p.id, name: p.name };
        recordedBy = { id: actor.userId, name: actor.name, how: [...how].slice(0, 200).join('') };
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
    key: DecisionKey,
    effects?: Effects<WithRoom>,
  ): Promise<WithRoom> {
    return this.write(actor, effects, async (tx, now) => {
      const { decision: current, warRoom } = await load(tx, actor, key, origin);
      if (current.requesterId !== actor.userId) {
        await authorize(tx, warRoom, actor, 'decision.withdraw');
      }
      const next = close(current, 'withdrawn', now);
      return this.save(tx, actor, now, 'decision.withdrawn', current, next, warRoom);
    });
  }

  /** A war room's requests matching `which`, newest first (the tab). */
  async list(actor: Actor, warRoomId: string, which: DecisionFilter): Promise<Decision[]> {
    const all = await this.deps.storage.transaction((tx) =>
      tx.decisions.listByWarRoom(actor.tenantId, warRoomId),
    );
    return all
      .filter((d) => which === 'all' || (d.status === 'pending') === (which === 'pending'))
      .reverse();
  }

  /** The request with every audit entry about it, newest first (the tab). */
  history(
    actor: Actor,
    origin: Origin,
    decisionId: string,
  ): Promise<WithRoom & { entries: AuditEntry[] }> {
    // One snapshot: the history is never newer than the record shown with it.
    return this.deps.storage.snapshot(async (tx) => {
      const { decision, warRoom } = await load(tx, actor, { decisionId }, origin, loadRecord);
      const entries = await tx.audit.search(actor.tenantId, warRoom.id, {
        subject: decisionSubject(decision.id),
        limit: HISTORY_LIMIT,
      });
      return { ...(await withContacts(tx, decision, warRoom)), entries };
    });
  }

  get(actor: Actor, origin: Origin | null, decisionId: string): Promise<WithRoom> {
    return this.deps.storage.transaction(async (tx) => {
      const { decision, warRoom } = await load(tx, actor, { decisionId }, origin, loadRecord);
      return withContacts(tx, decision, warRoom);
    });
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
    action: AuditAction,
    before: Decision,
    after: Decision,
    warRoom: WarRoom,
  ): Promise<WithRoom> {
    // The version written over is the one read under the war room's lock: one outcome.
    if (!(await tx.decisions.update(after, before.version))) {
      throw conflict('decision.changedMeanwhile', { ref: decisionRef(before.number) });
    }
    if (before.status === 'pending' && after.status !== 'pending') {
      await this.deps.onClosed?.(tx, after, warRoom, now);
    }
    await audit(tx, actor, now, action, before, after);
    const shown = await withContacts(tx, after, warRoom);
    await refreshCard(
      tx,
      {
        tenantId: actor.tenantId,
        subject: decisionSubject(after.id),
        activity: cardMessage(
          decisionCard({ ...shown, timeZone: warRoom.timeZone, locale: warRoom.language }),
        ),
      },
      now,
      this.deps.ids,
    );
    return shown;
  }
}

/** The decision with its war room and whom its card lets you call. */
async function withContacts(tx: Tx, decision: Decision, warRoom: WarRoom): Promise<WithRoom> {
  return { decision, warRoom, upns: await upnsOf(tx, warRoom, decision.approvers) };
}

/**
 * The decision with its war room, current after taking the war room's write lock, so two
 * answers in flight are applied one after the other (or without the lock, to read).
 */
async function load(
  tx: Tx,
  actor: Actor,
  key: DecisionKey,
  origin: Origin | null,
  /** `loadRecord` to read without the war room's lock. */
  how = loadLocked,
): Promise<{ decision: Decision; warRoom: WarRoom }> {
  const by = 'decisionId' in key ? { id: key.decisionId } : key;
  const { record, warRoom } = await how(tx, actor, {
    origin,
    key: by,
    records: tx.decisions,
    kind: 'decision',
    ref: decisionRef,
  });
  return { decision: record, warRoom };
}

/** The people named, as Persons: an Entra object id must be a member of the war room's team. */
async function people(tx: Tx, warRoom: WarRoom, named: readonly Named[]): Promise<Person[]> {
  const found: Person[] = [];
  for (const n of named) {
    const person = 'id' in n ? n : await memberByAadObjectId(tx, warRoom, n.aadObjectId);
    if (!person) throw invalid('decision.notInTeam');
    found.push(person);
  }
  return found;
}

function audit(
  tx: Tx,
  actor: Actor,
  at: string,
  what: AuditAction,
  before: Decision | null,
  after: Decision,
) {
  return auditChange(tx, actor, at, what, 'decision', before, after);
}
