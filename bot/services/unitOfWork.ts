import type { AuditAction } from '../../shared/domain/audit';
import type { Actor } from '../../shared/domain/actor';
import type { Storage, Tx } from '../storage/types';
import { recordingRefusals } from './access';
import { appendAudit } from './auditTrail';
import type { Clock, IdGenerator } from './clock';
import { withEffects, type Effects } from './effects';

/**
 * One change by `actor`: a transaction with its effects (redelivery claim, owed messages),
 * refusals audited after the rollback. `work` gets the transaction and the moment.
 */
export function change<R>(
  deps: { storage: Storage; clock: Clock; ids: IdGenerator },
  actor: Actor,
  effects: Effects<R> | undefined,
  work: (tx: Tx, now: string) => Promise<R>,
): Promise<R> {
  const now = deps.clock.now().toISOString();
  return recordingRefusals(deps, actor, () =>
    deps.storage.transaction((tx) => withEffects(tx, effects, now, deps.ids, () => work(tx, now))),
  );
}

/** The audit entry of a change to a record of a war room (`subject` is `kind:id`). */
export function auditChange<T extends { id: string; warRoomId: string }>(
  tx: Tx,
  actor: Actor,
  at: string,
  action: AuditAction,
  kind: string,
  before: T | null,
  after: T,
) {
  return appendAudit(tx, {
    tenantId: actor.tenantId,
    warRoomId: after.warRoomId,
    at,
    actorId: actor.userId,
    actorName: actor.name,
    action,
    subject: `${kind}:${after.id}`,
    before,
    after,
  });
}
