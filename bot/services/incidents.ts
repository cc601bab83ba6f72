import type { Actor } from '../../shared/domain/actor';
import { conflict, notFound } from '../../shared/domain/errors';
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
import { validTitle } from './warRooms';

export interface IncidentDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
}

export interface LogIncidentInput {
  warRoomId: string;
  title: string;
  severity: Severity;
}

export interface ChangeStatusInput {
  incidentId: string;
  status: IncidentStatus;
  /** The version the user saw; a different stored version means their view was stale. */
  expectedVersion: number;
}

/** Use cases of incidents: log one, move it along its lifecycle, read them. */
export class IncidentService {
  constructor(private readonly deps: IncidentDeps) {}

  async log(actor: Actor, input: LogIncidentInput): Promise<Incident> {
    const title = validTitle(input.title, 'incident');
    const { storage, clock, ids } = this.deps;
    return storage.transaction(async (tx) => {
      const warRoom = await tx.warRooms.findById(actor.tenantId, input.warRoomId);
      if (!warRoom) throw notFound('warroom.notFound');
      const now = clock.now().toISOString();
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
      return incident;
    });
  }

  async changeStatus(actor: Actor, input: ChangeStatusInput): Promise<Incident> {
    const { storage, clock } = this.deps;
    return storage.transaction(async (tx) => {
      const current = await load(tx, actor, input.incidentId);
      if (current.version !== input.expectedVersion) {
        throw conflict('incident.staleCard', { ref: current.number });
      }
      assertTransition(current.status, input.status);
      const now = clock.now().toISOString();
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
      return next;
    });
  }

  /**
   * Remembers which Teams message shows the incident's card, so it can be edited in place.
   * Bookkeeping of the transport, not a change a person made: not audited.
   */
  async attachCard(actor: Actor, incidentId: string, activityId: string): Promise<void> {
    await this.deps.storage.transaction(async (tx) => {
      const current = await load(tx, actor, incidentId);
      await tx.incidents.update({ ...current, cardActivityId: activityId }, current.version);
    });
  }

  get(actor: Actor, incidentId: string): Promise<Incident> {
    return this.deps.storage.transaction((tx) => load(tx, actor, incidentId));
  }

  list(actor: Actor, warRoomId: string): Promise<Incident[]> {
    return this.deps.storage.transaction((tx) =>
      tx.incidents.listByWarRoom(actor.tenantId, warRoomId),
    );
  }
}

async function load(tx: Tx, actor: Actor, incidentId: string): Promise<Incident> {
  const found = await tx.incidents.findById(actor.tenantId, incidentId);
  if (!found) throw notFound('incident.notFound');
  return found;
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
