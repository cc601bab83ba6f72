import type { Actor } from '../../shared/domain/actor';
import { conflict, forbidden, notFound } from '../../shared/domain/errors';
import {
  assertTransition,
  timestampFieldFor,
  type Incident,
  type IncidentStatus,
  type Severity,
} from '../../shared/domain/incident';
import type { Storage, Tx } from '../storage/types';
import { appendAudit } from './auditTrail';
import type { Clock, IdGenerator } from './clock';
import { cardMessage } from '../cards/message';
import { incidentCard } from '../cards/incidentCard';
import { authorize, recordingRefusals } from './access';
import { refreshCard } from './cardRefresh';
import { withEffects, type Effects } from './effects';
import { validTitle } from '../../shared/domain/title';
import type { WarRoom } from '../../shared/domain/warRoom';

export interface IncidentDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
}

export interface LogIncidentInput {
  title: string;
  severity: Severity;
}

/**
 * Where a request comes from. A card or command from a Teams channel may only touch the
 * war room of that channel, even within the same tenant.
 */
export type Origin = { warRoomId: string } | { channelId: string };

export interface ChangeStatusInput {
  incidentId: string;
  status: IncidentStatus;
  /** The version the user saw; a different stored version means their view was stale. */
  expectedVersion: number;
}

/** What the outbox calls an incident's card. */
export const incidentSubject = (incidentId: string) => `incident:${incidentId}`;

/** Use cases of incidents: log one, move it along its lifecycle, read them. */
export class IncidentService {
  constructor(private readonly deps: IncidentDeps) {}

  /** Logs an incident in the war room of `origin`; returns it with its war room. */
  async log(
    actor: Actor,
    origin: Origin,
    input: LogIncidentInput,
    effects?: Effects<{ incident: Incident; warRoom: WarRoom }>,
  ): Promise<{ incident: Incident; warRoom: WarRoom }> {
    const title = validTitle(input.title, 'incident');
    const { storage, clock, ids } = this.deps;
    const now = clock.now().toISOString();
    return recordingRefusals(this.deps, actor, () =>
      storage.transaction((tx) =>
        withEffects(tx, effects, now, ids, async () => {
          const warRoom = await warRoomOf(tx, actor, origin);
          await authorize(tx, warRoom, actor, 'incident.write');
          const incident: Incident = {
            id: ids(),
            tenantId: actor.tenantId,
            warRoomId: warRoom.id,
            number: await tx.warRooms.nextNumber(actor.tenantId, warRoom.id, 'incident'),
            title,
            severity: input.severity,
            status: 'open',
            reporterId: actor.userId,
            reporterName: actor.name,
            createdAt: now,
            updatedAt: now,
            acknowledgedAt: null,
            mitigatedAt: null,
            resolvedAt: null,
            version: 1,
            cardActivityId: null,
          };
          await tx.incidents.insert(incident);
          await audit(tx, actor, now, 'incident.logged', null, incident);
          return { incident, warRoom };
        }),
      ),
    );
  }

  async changeStatus(
    actor: Actor,
    origin: Origin | null,
    input: ChangeStatusInput,
    effects?: Effects<Incident>,
  ): Promise<Incident> {
    const { storage, clock, ids } = this.deps;
    const now = clock.now().toISOString();
    return recordingRefusals(this.deps, actor, () =>
      storage.transaction((tx) =>
        withEffects(tx, effects, now, ids, async () => {
          const current = await load(tx, actor, input.incidentId, origin);
          const warRoom = await tx.warRooms.findById(actor.tenantId, current.warRoomId);
          if (!warRoom) throw notFound('warroom.notFound');
          await authorize(tx, warRoom, actor, 'incident.write');
          if (current.version !== input.expectedVersion) {
            throw conflict('incident.staleCard', { ref: current.number });
          }
          assertTransition(current.status, input.status);
          const field = timestampFieldFor(input.status);
          const next: Incident = {
            ...current,
            status: input.status,
            updatedAt: now,
            version: current.version + 1,
            ...(field && !current[field] ? { [field]: now } : {}),
          };
          if (!(await tx.incidents.update(next, current.version))) {
            throw conflict('incident.staleCard', { ref: current.number });
          }
          await audit(tx, actor, now, 'incident.status_changed', current, next);
          // Everyone sees the change on the channel's card, not only whoever clicked.
          await refreshCard(
            tx,
            {
              tenantId: actor.tenantId,
              subject: incidentSubject(next.id),
              activity: cardMessage(
                incidentCard({
                  incident: next,
                  timeZone: warRoom.timeZone,
                  locale: warRoom.language,
                }),
              ),
            },
            now,
            ids,
          );
          return next;
        }),
      ),
    );
  }

  /**
   * Remembers which Teams message shows the incident's card, so it can be edited in place.
   * Bookkeeping of the transport, not a change a person made: not audited.
   */
  async attachCard(actor: Actor, incidentId: string, activityId: string): Promise<void> {
    const stored = await this.deps.storage.transaction((tx) =>
      tx.incidents.setCardActivityId(actor.tenantId, incidentId, activityId),
    );
    if (!stored) throw notFound('incident.notFound');
  }

  /** The incident with its war room; `origin` (when given) must be that war room. */
  get(
    actor: Actor,
    origin: Origin | null,
    incidentId: string,
  ): Promise<{ incident: Incident; warRoom: WarRoom }> {
    return this.deps.storage.transaction(async (tx) => {
      const incident = await load(tx, actor, incidentId, origin);
      const warRoom = await tx.warRooms.findById(actor.tenantId, incident.warRoomId);
      if (!warRoom) throw notFound('warroom.notFound');
      return { incident, warRoom };
    });
  }

  list(actor: Actor, warRoomId: string): Promise<Incident[]> {
    return this.deps.storage.transaction((tx) =>
      tx.incidents.listByWarRoom(actor.tenantId, warRoomId),
    );
  }
}

async function load(
  tx: Tx,
  actor: Actor,
  incidentId: string,
  origin: Origin | null,
): Promise<Incident> {
  const found = await tx.incidents.findById(actor.tenantId, incidentId);
  if (!found) throw notFound('incident.notFound');
  if (origin) {
    const warRoom = await warRoomOf(tx, actor, origin);
    if (warRoom.id !== found.warRoomId) throw forbidden('incident.otherWarRoom');
  }
  return found;
}

async function warRoomOf(tx: Tx, actor: Actor, origin: Origin): Promise<WarRoom> {
  const warRoom =
    'channelId' in origin
      ? await tx.warRooms.findByChannel(actor.tenantId, origin.channelId)
      : await tx.warRooms.findById(actor.tenantId, origin.warRoomId);
  if (!warRoom) throw notFound('channelId' in origin ? 'warroom.notStarted' : 'warroom.notFound');
  return warRoom;
}

function audit(
  tx: Tx,
  actor: Actor,
  at: string,
  action: string,
  before: Incident | null,
  after: Incident,
) {
  return appendAudit(tx, {
    tenantId: actor.tenantId,
    warRoomId: after.warRoomId,
    at,
    actorId: actor.userId,
    actorName: actor.name,
    action,
    subject: `incident:${after.id}`,
    before,
    after,
  });
}
