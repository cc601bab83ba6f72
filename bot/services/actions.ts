import type { AuditAction } from '../../shared/domain/audit';
import {
  actionRef,
  assertActionMove,
  byRelevance,
  isOverdue,
  type Action,
  type ActionOrigin,
  type ActionStatus,
  type FollowUpKind,
  type FollowUpOf,
} from '../../shared/domain/action';
import { decisionRef } from '../../shared/domain/decision';
import { incidentRef } from '../../shared/domain/incident';
import type { Actor } from '../../shared/domain/actor';
import { conflict, invalid, notFound } from '../../shared/domain/errors';
import type { Person } from '../../shared/domain/person';
import { validTitle } from '../../shared/domain/title';
import { t } from '../../shared/i18n';
import type { WarRoom } from '../../shared/domain/warRoom';
import { actionCard } from '../cards/actionCard';
import { escapeHtml, mention } from '../cards/mention';
import { cardMessage } from '../cards/message';
import type { Storage, Tx } from '../storage/types';
import { authorize } from './access';
import { refreshCard } from './cardRefresh';
import type { Clock, IdGenerator } from './clock';
import { outboxMessage, type Effects } from './effects';
import { auditChange, change } from './unitOfWork';
import type { JobRequest } from './scheduler';
import { actionSubject } from './subjects';
import { memberByAadObjectId } from './members';
import { StaleView } from './records';

export interface ActionDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
  /** Schedules a job in the caller's transaction (the overdue reminder). */
  schedule?: (request: JobRequest, tx: Tx) => Promise<boolean>;
}

/**
 * Who is to do it: someone the message mentioned (Teams gave their identity), or the Entra
 * object id a card's people picker sent, which must belong to a member of the war room's team.
 */
export type OwnerChoice = Person | { pickedAadObjectId: string };

export interface NewAction {
  title: string;
  owner: OwnerChoice | undefined;
  due: string | null;
  origin: ActionOrigin;
  /** An incident or decision of the same war room that this action follows up. */
  followUp?: { kind: FollowUpKind; id: string };
}

export interface ActionWithRoom {
  action: Action;
  warRoom: WarRoom;
}

export const ACTION_OVERDUE_JOB = 'action.overdue';

/** Which actions the tab lists; `done` includes cancelled ones (closed either way). */
export type ActionFilter = 'open' | 'overdue' | 'done' | 'all';

/** Use cases of actions: who does what by when, done or cancelled from the card. */
export class ActionService {
  constructor(private readonly deps: ActionDeps) {}

  create(
    actor: Actor,
    origin: { channelId: string },
    input: NewAction,
    effects?: Effects<ActionWithRoom>,
  ): Promise<ActionWithRoom> {
    const title = validTitle(input.title, 'action');
    const choice = input.owner;
    if (!choice) throw invalid('action.ownerRequired');
    return this.write(actor, effects, async (tx, now) => {
      const warRoom = await tx.warRooms.findByChannel(actor.tenantId, origin.channelId);
      if (!warRoom) throw notFound('warroom.notStarted');
      await authorize(tx, warRoom, actor, 'action.write');
      const owner = await ownerOf(tx, warRoom, choice);
      const followUpOf = input.followUp ? await followUpTarget(tx, warRoom, input.followUp) : null;
      const action: Action = {
        id: this.deps.ids(),
        tenantId: actor.tenantId,
        warRoomId: warRoom.id,
        number: await tx.warRooms.nextNumber(actor.tenantId, warRoom.id, 'action'),
        title,
        owner,
        due: input.due,
        status: 'open',
        origin: followUpOf ? { kind: followUpOf.kind, id: followUpOf.id } : input.origin,
        createdById: actor.userId,
        createdByName: actor.name,
        createdAt: now,
        updatedAt: now,
        doneAt: null,
        remindedAt: null,
        version: 1,
        followUpOf,
      };
      await tx.actions.insert(action);
      await audit(tx, actor, now, 'action.created', null, action);
      await this.scheduleReminder(tx, action, `action:${action.id}:overdue`, now);
      return { action, warRoom };
    });
  }

  /**
   * Gives an open action to someone else, from a card that showed `expectedVersion`. The
   * new owner must be a member of the war room's team (by the Entra object id the card's
   * people picker sent). They are told in the action's thread, and reminded once when it
   * is overdue, even if the previous owner was reminded already.
   */
  reassign(
    actor: Actor,
    origin: { channelId: string } | null,
    input: { actionId: string; ownerAadObjectId: string; expectedVersion: number },
    effects?: Effects<ActionWithRoom>,
  ): Promise<ActionWithRoom> {
    return this.write(actor, effects, async (tx, now) => {
      const { action: current, warRoom } = await load(tx, actor, input.actionId, origin);
      await authorize(tx, warRoom, actor, 'action.write');
      const ref = actionRef(current.number);
      assertVersion(current, warRoom, input.expectedVersion);
      if (current.status !== 'open') {
        throw invalid('action.reassignClosed', {
          ref,
          statusKey: `action.status.${current.status}`,
        });
      }
      const owner = await ownerOf(tx, warRoom, { pickedAadObjectId: input.ownerAadObjectId });
      if (owner.id === current.owner.id) return { action: current, warRoom }; // nothing changes
      const next: Action = {
        ...current,
        owner,
        remindedAt: null,
        updatedAt: now,
        version: current.version + 1,
      };
      if (!(await tx.actions.update(next, current.version))) {
        throw conflict('action.staleCard', { ref });
      }
      await audit(tx, actor, now, 'action.reassigned', current, next);
      await refreshCard(
        tx,
        {
          tenantId: actor.tenantId,
          subject: actionSubject(next.id),
          activity: cardMessage(
            actionCard({ action: next, timeZone: warRoom.timeZone, locale: warRoom.language }),
          ),
        },
        now,
        this.deps.ids,
      );
      await this.tellInThread(tx, next, warRoom, actor, now);
      // The job checks owner and reminder when it runs: a pending one serves the new owner;
      // this one covers an old job that already ran (its key is spent) or a time now past.
      await this.scheduleReminder(tx, next, `action:${next.id}:overdue:v${next.version}`, now);
      return { action: next, warRoom };
    });
  }

  /** Done, cancelled, or reopened, from a card that showed `expectedVersion`. */
  setStatus(
    actor: Actor,
    origin: { channelId: string } | null,
    input: { actionId: string; status: ActionStatus; expectedVersion: number },
    effects?: Effects<ActionWithRoom>,
  ): Promise<ActionWithRoom> {
    return this.write(actor, effects, async (tx, now) => {
      const { action: current, warRoom } = await load(tx, actor, input.actionId, origin);
      await authorize(tx, warRoom, actor, 'action.write');
      assertVersion(current, warRoom, input.expectedVersion);
      assertActionMove(current.status, input.status);
      const next: Action = {
        ...current,
        status: input.status,
        updatedAt: now,
        doneAt: input.status === 'done' ? now : null,
        version: current.version + 1,
      };
      if (!(await tx.actions.update(next, current.version))) {
        throw conflict('action.staleCard', { ref: actionRef(current.number) });
      }
      await audit(tx, actor, now, 'action.status_changed', current, next);
      await refreshCard(
        tx,
        {
          tenantId: actor.tenantId,
          subject: actionSubject(next.id),
          activity: cardMessage(
            actionCard({ action: next, timeZone: warRoom.timeZone, locale: warRoom.language }),
          ),
        },
        now,
        this.deps.ids,
      );
      return { action: next, warRoom };
    });
  }

  get(actor: Actor, origin: { channelId: string } | null, actionId: string) {
    return this.deps.storage.transaction((tx) => load(tx, actor, actionId, origin));
  }

  /** A war room's actions matching `which` at `now`, by number (the tab). */
  async list(actor: Actor, warRoomId: string, which: ActionFilter): Promise<Action[]> {
    const now = this.deps.clock.now().toISOString();
    const all = await this.deps.storage.transaction((tx) =>
      tx.actions.listByWarRoom(actor.tenantId, warRoomId),
    );
    const keep: Record<ActionFilter, (a: Action) => boolean> = {
      open: (a) => a.status === 'open',
      overdue: (a) => isOverdue(a, now),
      done: (a) => a.status !== 'open',
      all: () => true,
    };
    return all.filter(keep[which]);
  }

  /** The open actions of a channel's war room, the reader's own first. */
  listOpen(actor: Actor, channelId: string): Promise<{ actions: Action[]; warRoom: WarRoom }> {
    return this.deps.storage.transaction(async (tx) => {
      const warRoom = await tx.warRooms.findByChannel(actor.tenantId, channelId);
      if (!warRoom) throw notFound('warroom.notStarted');
      const actions = await tx.actions.listByWarRoom(actor.tenantId, warRoom.id, true);
      return { actions: actions.sort(byRelevance(actor)), warRoom };
    });
  }

  /** The overdue reminder of an open action with a due time: at the due time, or now if past. */
  private async scheduleReminder(tx: Tx, action: Action, dedupeKey: string, now: string) {
    if (!action.due || action.status !== 'open') return;
    await this.deps.schedule?.(
      {
        kind: ACTION_OVERDUE_JOB,
        dueAt: action.due > now ? action.due : now,
        dedupeKey,
        tenantId: action.tenantId,
        warRoomId: action.warRoomId,
        payload: { tenantId: action.tenantId, actionId: action.id },
      },
      tx,
    );
  }

  /** "ACT-3 is now with @Bo": in the action's thread, so the new owner is notified. */
  private async tellInThread(tx: Tx, action: Action, warRoom: WarRoom, actor: Actor, now: string) {
    const post = await tx.outbox.findPost(action.tenantId, actionSubject(action.id));
    if (!post || post.state === 'failed') return;
    const { serviceUrl, conversationId, replyToId } = post.target;
    const who = mention(action.owner);
    await tx.outbox.enqueue(
      outboxMessage(
        {
          target: { serviceUrl, conversationId, ...(replyToId ? { replyToId } : {}) },
          activity: {
            type: 'message',
            text: t(warRoom.language, 'action.reassigned', {
              ref: actionRef(action.number),
              who: who.text,
              by: escapeHtml(actor.name),
            }),
            entities: [who.entity],
          },
        },
        action.tenantId,
        now,
        this.deps.ids,
      ),
    );
  }

  private write(
    actor: Actor,
    effects: Effects<ActionWithRoom> | undefined,
    work: (tx: Tx, now: string) => Promise<ActionWithRoom>,
  ) {
    return change(this.deps, actor, effects, work);
  }
}

async function load(
  tx: Tx,
  actor: Actor,
  actionId: string,
  origin: { channelId: string } | null,
): Promise<ActionWithRoom> {
  const action = await tx.actions.findById(actor.tenantId, actionId);
  if (!action) throw notFound('action.notFound');
  const warRoom = await tx.warRooms.findById(actor.tenantId, action.warRoomId);
  if (!warRoom) throw notFound('warroom.notFound');
  if (origin && origin.channelId !== warRoom.channelId) throw notFound('action.notFound');
  return { action, warRoom };
}

/** A card that showed another version: refused with the action as it stands, to show. */
function assertVersion(current: Action, warRoom: WarRoom, expected: number): void {
  if (current.version !== expected) {
    const ref = actionRef(current.number);
    throw new StaleView<ActionWithRoom>('action.staleCard', { ref }, { action: current, warRoom });
  }
}

function audit(
  tx: Tx,
  actor: Actor,
  at: string,
  what: AuditAction,
  before: Action | null,
  after: Action,
) {
  return auditChange(tx, actor, at, what, 'action', before, after);
}

/** The owner as a Person: as mentioned, or the team member the people picker named. */
async function ownerOf(tx: Tx, warRoom: WarRoom, choice: OwnerChoice): Promise<Person> {
  if (!('pickedAadObjectId' in choice)) return choice;
  const member = await memberByAadObjectId(tx, warRoom, choice.pickedAadObjectId);
  if (!member) throw invalid('action.ownerNotInTeam');
  return member;
}

/** The incident or decision followed up, in this war room, with its ref (never the card's). */
async function followUpTarget(
  tx: Tx,
  warRoom: WarRoom,
  of: { kind: FollowUpKind; id: string },
): Promise<FollowUpOf> {
  if (of.kind === 'incident') {
    const incident = await tx.incidents.findById(warRoom.tenantId, of.id);
    if (!incident || incident.warRoomId !== warRoom.id) throw notFound('incident.notFound');
    return { ...of, ref: incidentRef(incident.number) };
  }
  const decision = await tx.decisions.findById(warRoom.tenantId, of.id);
  if (!decision || decision.warRoomId !== warRoom.id) throw notFound('decision.notFound');
  return { ...of, ref: decisionRef(decision.number) };
}
