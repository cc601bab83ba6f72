import {
  actionRef,
  assertActionMove,
  byRelevance,
  type Action,
  type ActionOrigin,
  type ActionStatus,
} from '../../shared/domain/action';
import type { Actor } from '../../shared/domain/actor';
import { conflict, invalid, notFound } from '../../shared/domain/errors';
import type { Person } from '../../shared/domain/person';
import { validTitle } from '../../shared/domain/title';
import type { WarRoom } from '../../shared/domain/warRoom';
import { actionCard } from '../cards/actionCard';
import { cardMessage } from '../cards/message';
import type { Storage, Tx } from '../storage/types';
import { authorize } from './access';
import { refreshCard } from './cardRefresh';
import type { Clock, IdGenerator } from './clock';
import type { Effects } from './effects';
import { auditChange, change } from './unitOfWork';
import type { JobRequest } from './scheduler';
import { actionSubject } from './subjects';

export interface ActionDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
  /** Schedules a job in the caller's transaction (the overdue reminder). */
  schedule?: (request: JobRequest, tx: Tx) => Promise<boolean>;
}

export interface NewAction {
  title: string;
  owner: Person | undefined;
  due: string | null;
  origin: ActionOrigin;
}

export interface ActionWithRoom {
  action: Action;
  warRoom: WarRoom;
}

export const ACTION_OVERDUE_JOB = 'action.overdue';

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
    const owner = input.owner;
    if (!owner) throw invalid('action.ownerRequired');
    return this.write(actor, effects, async (tx, now) => {
      const warRoom = await tx.warRooms.findByChannel(actor.tenantId, origin.channelId);
      if (!warRoom) throw notFound('warroom.notStarted');
      await authorize(tx, warRoom, actor, 'action.write');
      const action: Action = {
        id: this.deps.ids(),
        tenantId: actor.tenantId,
        warRoomId: warRoom.id,
        number: await tx.warRooms.nextNumber(actor.tenantId, warRoom.id, 'action'),
        title,
        owner,
        due: input.due,
        status: 'open',
        origin: input.origin,
        createdById: actor.userId,
        createdByName: actor.name,
        createdAt: now,
        updatedAt: now,
        doneAt: null,
        remindedAt: null,
        version: 1,
        followUpOf: null,
      };
      await tx.actions.insert(action);
      await audit(tx, actor, now, 'action.created', null, action);
      if (action.due) {
        await this.deps.schedule?.(
          {
            kind: ACTION_OVERDUE_JOB,
            dueAt: action.due,
            dedupeKey: `action:${action.id}:overdue`,
            tenantId: action.tenantId,
            warRoomId: action.warRoomId,
            payload: { tenantId: action.tenantId, actionId: action.id },
          },
          tx,
        );
      }
      return { action, warRoom };
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
      if (current.version !== input.expectedVersion) {
        throw conflict('action.staleCard', { ref: actionRef(current.number) });
      }
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

  /** The open actions of a channel's war room, the reader's own first. */
  listOpen(actor: Actor, channelId: string): Promise<{ actions: Action[]; warRoom: WarRoom }> {
    return this.deps.storage.transaction(async (tx) => {
      const warRoom = await tx.warRooms.findByChannel(actor.tenantId, channelId);
      if (!warRoom) throw notFound('warroom.notStarted');
      const actions = await tx.actions.listByWarRoom(actor.tenantId, warRoom.id, true);
      return { actions: actions.sort(byRelevance(actor)), warRoom };
    });
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

function audit(
  tx: Tx,
  actor: Actor,
  at: string,
  what: string,
  before: Action | null,
  after: Action,
) {
  return auditChange(tx, actor, at, what, 'action', before, after);
}
