import type { AuditAction, AuditEntry } from '../../shared/domain/audit';
import type { Actor } from '../../shared/domain/actor';
import { conflict, invalid } from '../../shared/domain/errors';
import {
  assertTransition,
  incidentRef,
  NOTE_MAX,
  timestampFieldFor,
  type Incident,
  type IncidentListing,
  type IncidentNote,
  type IncidentStatus,
  type Severity,
} from '../../shared/domain/incident';
import type { Person } from '../../shared/domain/person';
import { validTitle } from '../../shared/domain/title';
import type { WarRoom } from '../../shared/domain/warRoom';
import { incidentCard } from '../cards/incidentCard';
import { cardMessage } from '../cards/message';
import type { IncidentPageFilter, Storage, Tx } from '../storage/types';
import { authorize } from './access';
import { refreshCard } from './cardRefresh';
import type { Clock, IdGenerator } from './clock';
import { upnsOf } from './contacts';
import type { Effects } from './effects';
import { memberByAadObjectId } from './members';
import { loadLocked, loadRecord, StaleView, warRoomOf, type Origin } from './records';
import { incidentSubject } from './subjects';
import { auditChange, change } from './unitOfWork';
import { getVisibleWithOpenIncidents, type Viewer } from './warRooms';

export { incidentSubject } from './subjects';

export interface IncidentDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
}

export interface LogIncidentInput {
  title: string;
  severity: Severity;
  owner?: Person | null;
}

export type { Origin } from './records';

export interface ChangeStatusInput {
  incidentId: string;
  status: IncidentStatus;
  /** The version the user saw; a different stored version means their view was stale. */
  expectedVersion: number;
}

/**
 * Which incident: by id (a card, the tab) or by its number in the war room (`note INC-4 …`),
 * with the version the user saw when they had one (a different stored one is a conflict).
 */
export type IncidentKey = ({ incidentId: string } | { number: number }) & {
  expectedVersion?: number;
};

/** Which incidents the tab lists. */
export type IncidentFilter = IncidentPageFilter;

/** Audit entries shown with one incident or decision; older ones are in the timeline. */
export const HISTORY_LIMIT = 200;

/** An incident with everything that happened to it, for the tab. */
export interface IncidentHistory extends IncidentDetail {
  entries: AuditEntry[];
}

/** An incident as its card shows it: with its war room, its notes and whom to call. */
export interface IncidentDetail {
  incident: Incident;
  warRoom: WarRoom;
  notes: IncidentNote[];
  /** User principal names of the owner (or else the reporter), for the card's Call/Meet. */
  upns: string[];
}

/**
 * Use cases of incidents: log one, give it an owner, write notes, move it along its
 * lifecycle, read them. Every change is audited in its transaction and edits the
 * incident's card in the channel in place.
 */
export class IncidentService {
  constructor(private readonly deps: IncidentDeps) {}

  /** Logs an incident in the war room of `origin`. */
  log(
    actor: Actor,
    origin: Origin,
    input: LogIncidentInput,
    effects?: Effects<IncidentDetail>,
  ): Promise<IncidentDetail> {
    const title = validTitle(input.title, 'incident');
    return change(this.deps, actor, effects, async (tx, now) => {
      const warRoom = await warRoomOf(tx, actor, origin);
      await authorize(tx, warRoom, actor, 'incident.write');
      // Whom the card calls (the owner, else the reporter), read before the number: taking
      // it locks the war room until the commit, for other changes to wait on.
      const upns = await upnsOf(tx, warRoom, [input.owner ?? { aadObjectId: actor.userId }]);
      const incident = await logIncidentIn(
        tx,
        actor,
        warRoom,
        { ...input, title },
        now,
        this.deps.ids,
      );
      // Just logged: it has no notes yet, nothing to read.
      return { incident, warRoom, notes: [], upns };
    });
  }

  changeStatus(
    actor: Actor,
    origin: Origin | null,
    input: ChangeStatusInput,
    effects?: Effects<IncidentDetail>,
  ): Promise<IncidentDetail> {
    return change(this.deps, actor, effects, async (tx, now) => {
      const { incident: current, warRoom } = await load(tx, actor, input, origin);
      await authorize(tx, warRoom, actor, 'incident.write');
      assertVersion(current, input.expectedVersion);
      assertTransition(current.status, input.status);
      const field = timestampFieldFor(input.status);
      return this.save(tx, actor, now, 'incident.status_changed', current, warRoom, {
        status: input.status,
        ...(field && !current[field] ? { [field]: now } : {}),
      });
    });
  }

  /** Re-grades the incident (the tab), from a view that showed `expectedVersion`. */
  setSeverity(
    actor: Actor,
    origin: Origin | null,
    input: { incidentId: string; severity: Severity; expectedVersion: number },
    effects?: Effects<IncidentDetail>,
  ): Promise<IncidentDetail> {
    return change(this.deps, actor, effects, async (tx, now) => {
      const { incident: current, warRoom } = await load(tx, actor, input, origin);
      await authorize(tx, warRoom, actor, 'incident.write');
      assertVersion(current, input.expectedVersion);
      if (current.severity === input.severity) return detail(tx, current, warRoom);
      return this.save(tx, actor, now, 'incident.severity_changed', current, warRoom, {
        severity: input.severity,
      });
    });
  }

  /**
   * Names who drives the incident: a person mentioned in a command, or the Entra object id a
   * card's people picker submits, which must be a member of the war room's team.
   */
  setOwner(
    actor: Actor,
    origin: Origin | null,
    key: IncidentKey,
    owner: Person | { aadObjectId: string },
    effects?: Effects<IncidentDetail>,
  ): Promise<IncidentDetail> {
    return change(this.deps, actor, effects, async (tx, now) => {
      const { incident: current, warRoom } = await load(tx, actor, key, origin);
      await authorize(tx, warRoom, actor, 'incident.write');
      assertVersion(current, key.expectedVersion);
      const person =
        'id' in owner ? owner : await memberByAadObjectId(tx, warRoom, owner.aadObjectId);
      if (!person) throw invalid('incident.ownerNotInTeam');
      if (current.owner?.id === person.id) return detail(tx, current, warRoom);
      return this.save(tx, actor, now, 'incident.owner_set', current, warRoom, { owner: person });
    });
  }

  /** Writes down what someone learned or did; notes are kept in order, never edited. */
  addNote(
    actor: Actor,
    origin: Origin | null,
    key: IncidentKey,
    text: string,
    effects?: Effects<IncidentDetail>,
  ): Promise<IncidentDetail> {
    const body = text.trim();
    if (!body) throw invalid('incident.noteRequired');
    if ([...body].length > NOTE_MAX) throw invalid('incident.noteTooLong', { max: NOTE_MAX });
    return change(this.deps, actor, effects, async (tx, now) => {
      const { incident: current, warRoom } = await load(tx, actor, key, origin);
      await authorize(tx, warRoom, actor, 'incident.write');
      assertVersion(current, key.expectedVersion);
      const note: IncidentNote = {
        id: this.deps.ids(),
        tenantId: actor.tenantId,
        warRoomId: warRoom.id,
        incidentId: current.id,
        authorId: actor.userId,
        authorName: actor.name,
        text: body,
        at: now,
      };
      await tx.incidents.addNote(note);
      // The version moves so that a card showing the older notes is known to be stale.
      return this.save(tx, actor, now, 'incident.noted', current, warRoom, {}, note);
    });
  }

  /**
   * Remembers which Teams message shows the incident's card, so it can be edited in place.
   * Bookkeeping of the transport, not a change a person made: not audited. In the caller's
   * transaction (the outbox records the post as sent in it); an incident erased meanwhile
   * fails it.
   */
  attachCard(tx: Tx, actor: Actor, incidentId: string, activityId: string): Promise<void> {
    return tx.incidents.setCardActivityId(actor.tenantId, incidentId, activityId);
  }

  /** The incident with what its card shows; `origin` (when given) must be its war room. */
  get(actor: Actor, origin: Origin | null, incidentId: string): Promise<IncidentDetail> {
    return this.deps.storage.transaction(async (tx) => {
      const { incident, warRoom } = await load(tx, actor, { incidentId }, origin, loadRecord);
      return detail(tx, incident, warRoom);
    });
  }

  /** The incident with its notes and every audit entry about it, newest first (the tab). */
  history(actor: Actor, origin: Origin, incidentId: string): Promise<IncidentHistory> {
    // One snapshot: the history is never newer than the record shown with it.
    return this.deps.storage.snapshot(async (tx) => {
      const { incident, warRoom } = await load(tx, actor, { incidentId }, origin, loadRecord);
      const entries = await tx.audit.search(actor.tenantId, warRoom.id, {
        subject: incidentSubject(incident.id),
        limit: HISTORY_LIMIT,
      });
      return { ...(await detail(tx, incident, warRoom)), entries };
    });
  }

  /** One page of a war room's incidents that match `filter`, newest first, and how many match. */
  page(
    actor: Actor,
    warRoomId: string,
    filter: IncidentFilter,
  ): Promise<{ incidents: Incident[]; total: number }> {
    return this.deps.storage.transaction((tx) =>
      tx.incidents.page(actor.tenantId, warRoomId, filter),
    );
  }

  /**
   * The legacy list's page: incidents numbered after `after`, oldest first, at most `limit`,
   * with their war room (if the viewer may see it) and its open count, read together.
   */
  listAfter(
    viewer: Viewer,
    warRoomId: string,
    after: number,
    limit: number,
  ): Promise<{ warRoom: WarRoom; openIncidents: number; incidents: IncidentListing[] }> {
    return this.deps.storage.read(async (tx) => {
      const { warRoom, openIncidents } = await getVisibleWithOpenIncidents(tx, viewer, warRoomId);
      const incidents = await tx.incidents.listAfter(warRoom.tenantId, warRoom.id, after, limit);
      return { warRoom, openIncidents, incidents };
    });
  }

  list(actor: Actor, warRoomId: string): Promise<Incident[]> {
    return this.deps.storage.transaction((tx) =>
      tx.incidents.listByWarRoom(actor.tenantId, warRoomId),
    );
  }

  /** Writes the change under the version read, audits it, and edits the card in place. */
  private async save(
    tx: Tx,
    actor: Actor,
    now: string,
    what: AuditAction,
    current: Incident,
    warRoom: WarRoom,
    changes: Partial<Incident>,
    note?: IncidentNote,
  ): Promise<IncidentDetail> {
    const next: Incident = { ...current, ...changes, updatedAt: now, version: current.version + 1 };
    if (!(await tx.incidents.update(next, current.version))) {
      throw conflict('incident.staleCard', { ref: current.number });
    }
    // A note's audit entry carries the note itself: the trail is the evaluation's source.
    const after: Incident & { note?: IncidentNote } = note ? { ...next, note } : next;
    await audit(tx, actor, now, what, current, after);
    const shown = await detail(tx, next, warRoom);
    // Everyone sees the change on the channel's card, not only whoever clicked.
    await refreshCard(
      tx,
      {
        tenantId: actor.tenantId,
        subject: incidentSubject(next.id),
        activity: cardMessage(
          incidentCard({
            ...shown,
            timeZone: warRoom.timeZone,
            locale: warRoom.language,
          }),
        ),
      },
      now,
      this.deps.ids,
    );
    return shown;
  }
}

/**
 * Writes a new incident of `warRoom` and its audit entry in `tx` (the caller authorised it):
 * a person's, or one the war room raises by itself (a freeze violation).
 */
export async function logIncidentIn(
  tx: Tx,
  actor: Actor,
  warRoom: WarRoom,
  input: LogIncidentInput,
  now: string,
  ids: IdGenerator,
): Promise<Incident> {
  const incident: Incident = {
    id: ids(),
    tenantId: warRoom.tenantId,
    warRoomId: warRoom.id,
    number: await tx.warRooms.nextNumber(warRoom.tenantId, warRoom.id, 'incident'),
    title: validTitle(input.title, 'incident'),
    severity: input.severity,
    status: 'open',
    reporterId: actor.userId,
    reporterName: actor.name,
    owner: input.owner ?? null,
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
}

/** The incident as its card shows it: with its notes and whom to call. */
export async function detail(
  tx: Tx,
  incident: Incident,
  warRoom: WarRoom,
  knownNotes?: IncidentNote[],
): Promise<IncidentDetail> {
  const notes = knownNotes ?? (await tx.incidents.listNotes(incident.tenantId, incident.id));
  const whom = incident.owner ?? { aadObjectId: incident.reporterId };
  return { incident, warRoom, notes, upns: await upnsOf(tx, warRoom, [whom]) };
}

/**
 * The incident with its war room, current after taking the war room's write lock, so two
 * changes in flight are applied one after the other (or without the lock, to read).
 */
async function load(
  tx: Tx,
  actor: Actor,
  key: IncidentKey,
  origin: Origin | null,
  /** `loadRecord` to read without the war room's lock. */
  how: typeof loadLocked<Incident> = loadLocked,
): Promise<{ incident: Incident; warRoom: WarRoom }> {
  const by = 'incidentId' in key ? { id: key.incidentId } : key;
  const lookup = {
    origin,
    key: by,
    records: tx.incidents,
    kind: 'incident' as const,
    ref: incidentRef,
  };
  const { record, warRoom } = await how(tx, actor, lookup, (found) =>
    refuseStale(tx, actor, found.record, found.warRoom, key.expectedVersion),
  );
  return { incident: record, warRoom };
}

/**
 * Refuses, before the war room's lock, a change from a card older than the incident as
 * first read: versions only grow, so it could not apply under the lock either, and the late
 * clicks on one card do not queue behind the one that applies. Someone who may not change
 * the incident is told that first. The refusal carries the incident as it stands.
 */
async function refuseStale(
  tx: Tx,
  actor: Actor,
  incident: Incident,
  warRoom: WarRoom,
  expected: number | undefined,
): Promise<void> {
  if (expected === undefined || incident.version <= expected) return;
  await authorize(tx, warRoom, actor, 'incident.write');
  throw new StaleView(
    'incident.staleCard',
    { ref: incident.number },
    await detail(tx, incident, warRoom),
  );
}

/** A change made from a view of another version than the stored one is a conflict. */
function assertVersion(current: Incident, expected: number | undefined): void {
  if (expected !== undefined && current.version !== expected) {
    throw conflict('incident.staleCard', { ref: current.number });
  }
}

function audit(
  tx: Tx,
  actor: Actor,
  at: string,
  what: AuditAction,
  before: Incident | null,
  after: Incident,
) {
  return auditChange(tx, actor, at, what, 'incident', before, after);
}
