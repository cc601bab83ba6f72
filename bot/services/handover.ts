import { actionRef, isOverdue } from '../../shared/domain/action';
import { decisionRef } from '../../shared/domain/decision';
import { incidentRef, SEVERITIES } from '../../shared/domain/incident';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { HandoverView } from '../../shared/report/handover';
import type { Storage } from '../storage/types';
import { authorize } from './access';
import { appendAudit } from './auditTrail';
import type { Clock, IdGenerator } from './clock';
import type { Effects } from './effects';
import { warRoomOf, type Origin } from './records';
import { change } from './unitOfWork';
import type { Actor } from '../../shared/domain/actor';

export interface HandoverDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
}

/**
 * The shift handover: a summary of the last `hours` for the next shift, from the audit log
 * and the records as they stand. Anyone who may read the war room asks for one. The only
 * thing it writes is its own mark (and audit entry), so the next handover can report the
 * migration's progress since this one.
 */
export class HandoverService {
  constructor(private readonly deps: HandoverDeps) {}

  async post(
    actor: Actor,
    origin: Origin,
    hours: number,
    effects?: Effects<{ view: HandoverView; warRoom: WarRoom }>,
  ): Promise<{ view: HandoverView; warRoom: WarRoom }> {
    const { storage } = this.deps;
    const to = this.deps.clock.now();
    const from = new Date(to.getTime() - hours * 3_600_000).toISOString();
    // The window's changes, counted by the database through its index on time: a long log
    // outside the window is not read.
    const counted = await storage.transaction(async (tx) => {
      const w = await warRoomOf(tx, actor, origin);
      await authorize(tx, w, actor, 'warroom.read');
      return tx.audit.countActions(w.tenantId, w.id, { after: from, upTo: to.toISOString() });
    });
    return change(this.deps, actor, effects, async (tx, now) => {
      const warRoom = await warRoomOf(tx, actor, origin);
      const { tenantId, id } = warRoom;
      await tx.warRooms.lock(tenantId, id); // one handover at a time per war room
      const incidents = (await tx.incidents.listByWarRoom(tenantId, id)).filter(
        (i) => i.status !== 'resolved',
      );
      const decisions = (await tx.decisions.listByWarRoom(tenantId, id))
        .filter((d) => d.status === 'pending')
        .sort(
          (a, b) =>
            (a.deadline ?? '\uffff').localeCompare(b.deadline ?? '\uffff') || a.number - b.number,
        );
      const overdue = (await tx.actions.listByWarRoom(tenantId, id, true))
        .filter((a) => isOverdue(a, now))
        .sort((a, b) => (a.due ?? '').localeCompare(b.due ?? '') || a.number - b.number);
      const counts = await tx.migrationTotals.counts(tenantId, id);
      const sum = (status?: string) =>
        counts.filter((c) => !status || c.status === status).reduce((n, c) => n + c.count, 0);
      const last = await tx.handovers.lastBefore(tenantId, id, now);
      const view: HandoverView = {
        warRoomTitle: warRoom.title,
        from,
        to: now,
        hours,
        changes: counted.sort((a, b) => b.count - a.count || a.action.localeCompare(b.action)),
        openIncidents: SEVERITIES.map((severity) => ({
          severity,
          refs: incidents
            .filter((i) => i.severity === severity)
            .map((i) => ({ ref: incidentRef(i.number), title: i.title })),
        })).filter((s) => s.refs.length > 0),
        pendingDecisions: decisions.map((d) => ({
          ref: decisionRef(d.number),
          question: d.question,
          deadline: d.deadline,
        })),
        overdueActions: overdue.map((a) => ({
          ref: actionRef(a.number),
          title: a.title,
          ownerName: a.owner.name,
          due: a.due ?? now,
        })),
        migration: {
          items: sum(),
          completed: sum('completed'),
          failed: sum('failed'),
          since: last ? { at: last.at, completed: last.completed, failed: last.failed } : null,
        },
      };
      const mark = {
        id: this.deps.ids(),
        tenantId,
        warRoomId: id,
        at: now,
        byId: actor.userId,
        byName: actor.name,
        completed: view.migration.completed,
        failed: view.migration.failed,
      };
      await tx.handovers.insert(mark);
      await appendAudit(tx, {
        tenantId,
        warRoomId: id,
        at: now,
        actorId: actor.userId,
        actorName: actor.name,
        action: 'handover.posted',
        subject: `warroom:${id}`,
        before: null,
        after: { hours, completed: mark.completed, failed: mark.failed },
      });
      return { view, warRoom };
    });
  }
}
