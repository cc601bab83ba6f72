import type { Actor } from '../../shared/domain/actor';
import { invalid, notFound } from '../../shared/domain/errors';
import { inForce } from '../../shared/domain/freeze';
import type { WarRoom } from '../../shared/domain/warRoom';
import { MIGRATION_STATUSES, type MigrationStatus } from '../../shared/migration/status';
import { cardMessage } from '../cards/message';
import {
  ON_STATUS_CARD,
  statusCard,
  type MigrationStatusView,
  type StatusCounts,
} from '../cards/statusCard';
import type { Storage, Tx } from '../storage/types';
import { clip } from '../cards/literal';
import { authorize } from './access';
import type { Effects } from './effects';
import { detail, logIncidentIn, type IncidentDetail } from './incidents';
import { change } from './unitOfWork';
import { warRoomOf, type Origin } from './records';
import { t } from '../../shared/i18n';
import { refreshCard } from './cardRefresh';
import type { Clock, IdGenerator } from './clock';
import { statusSubject } from './subjects';

export interface MigrationStatusDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
}

/** Failed mailboxes named in the failures' incident note; the tab lists them all. */
const NAMED_IN_NOTE = 20;

const zero = (): StatusCounts =>
  Object.fromEntries(MIGRATION_STATUSES.map((s) => [s, 0])) as StatusCounts;

/**
 * Where a war room's migration stands, from the database's counts and a few failed items —
 * never from loading every item — and the one live status card per war room that shows it.
 */
export class MigrationStatusService {
  constructor(private readonly deps: MigrationStatusDeps) {}

  /** The status of the war room of `origin`, for a reader of it. */
  get(actor: Actor, origin: Origin): Promise<{ view: MigrationStatusView; warRoom: WarRoom }> {
    return this.deps.storage.transaction(async (tx) => {
      const warRoom = await warRoomOf(tx, actor, origin);
      await authorize(tx, warRoom, actor, 'warroom.read');
      return { view: await statusView(tx, warRoom, this.deps.clock.now().toISOString()), warRoom };
    });
  }

  /**
   * "Log an incident for the failures" on the status card: one sev2 incident naming the
   * failed mailboxes (the first ones in its note, all of them in the tab), in the war
   * room's language. Refused when nothing failed.
   */
  incidentForFailures(
    actor: Actor,
    origin: { channelId: string },
    effects?: Effects<IncidentDetail>,
  ): Promise<IncidentDetail> {
    return change(this.deps, actor, effects, async (tx, now) => {
      const warRoom = await tx.warRooms.findByChannel(actor.tenantId, origin.channelId);
      if (!warRoom) throw notFound('warroom.notStarted');
      await authorize(tx, warRoom, actor, 'incident.write');
      const failed = await tx.migrationItems.list(actor.tenantId, warRoom.id, {
        status: 'failed',
        limit: NAMED_IN_NOTE + 1,
      });
      if (failed.length === 0) throw invalid('migration.noFailures');
      const count = (await tx.migrationTotals.counts(actor.tenantId, warRoom.id))
        .filter((c) => c.status === 'failed')
        .reduce((n, c) => n + c.count, 0);
      const language = warRoom.language;
      const incident = await logIncidentIn(
        tx,
        actor,
        warRoom,
        { title: t(language, 'migration.failuresIncidentTitle', { count }), severity: 'sev2' },
        now,
        this.deps.ids,
      );
      const named = failed.slice(0, NAMED_IN_NOTE);
      await tx.incidents.addNote({
        id: this.deps.ids(),
        tenantId: actor.tenantId,
        warRoomId: warRoom.id,
        incidentId: incident.id,
        authorId: actor.userId,
        authorName: actor.name,
        text: t(language, 'migration.failuresIncidentNote', {
          identities: named
            .map((f) => (f.error ? `${f.identity} (${clip(f.error, 120)})` : f.identity))
            .join(', '),
          more: count > named.length ? ` (+${count - named.length})` : '',
        }),
        at: now,
      });
      return detail(tx, incident, warRoom);
    });
  }

  /**
   * Edits the war room's status card in place (after an import, a freeze), in `tx`. Edits
   * waiting in the outbox take the newest content, so a burst of imports is one edit.
   * Nothing is owed while no status card was posted.
   */
  async refreshCard(tx: Tx, warRoom: WarRoom, now: string): Promise<void> {
    const view = await statusView(tx, warRoom, now);
    await refreshCard(
      tx,
      {
        tenantId: warRoom.tenantId,
        subject: statusSubject(warRoom.id),
        activity: cardMessage(
          statusCard(view, { timeZone: warRoom.timeZone, locale: warRoom.language }),
        ),
      },
      now,
      this.deps.ids,
    );
  }
}

/** The status card's view of a war room at `now`. */
export async function statusView(
  tx: Tx,
  warRoom: WarRoom,
  now: string,
): Promise<MigrationStatusView> {
  const { tenantId, id } = warRoom;
  const totals = zero();
  const byBatch = new Map<string | null, StatusCounts>();
  for (const { batch, status, count } of await tx.migrationTotals.counts(tenantId, id)) {
    totals[status] += count;
    const counts = byBatch.get(batch) ?? zero();
    counts[status] += count;
    byBatch.set(batch, counts);
  }
  const size = (c: StatusCounts) => MIGRATION_STATUSES.reduce((n, s) => n + c[s], 0);
  const batches = [...byBatch.entries()]
    .map(([batch, counts]) => ({ batch, counts }))
    // Named batches in their own order (Batch 01, Batch 02…), items without one last.
    .sort((a, b) =>
      a.batch === null
        ? 1
        : b.batch === null
          ? -1
          : a.batch.localeCompare(b.batch, undefined, { numeric: true }),
    );
  const failures = await tx.migrationItems.list(tenantId, id, {
    status: 'failed' satisfies MigrationStatus,
    limit: ON_STATUS_CARD.failures,
  });
  const [lastImport] = await tx.migrationImports.listRecent(tenantId, id, 1);
  const windows = (await tx.freezes.listByWarRoom(tenantId, id)).filter((w) => inForce(w, now));
  return {
    warRoomId: id,
    totals,
    batches: batches.filter((b) => size(b.counts) > 0),
    failures: failures.map((f) => ({ identity: f.identity, batch: f.batch, error: f.error })),
    failureCount: totals.failed,
    frozen: await tx.dashboard.countHeld(
      tenantId,
      id,
      windows.map((w) => w.target),
    ),
    violations: await tx.freezes.countViolations(tenantId, id),
    lastImportAt: lastImport?.at ?? null,
  };
}
