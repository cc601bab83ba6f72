import type { AuditEntry } from '../../shared/domain/audit';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { AuditSearch, Storage } from '../storage/types';
import { authorize, recordingRefusals } from './access';
import { auditPages, verifyStoredChain, type ChainReport } from './auditChain';
import { appendAudit } from './auditTrail';
import type { Clock } from './clock';
import type { Viewer, WarRoomService } from './warRooms';

export interface AuditLogDeps {
  storage: Storage;
  clock: Clock;
  warRooms: Pick<WarRoomService, 'getVisible'>;
  /** Entries per read transaction (default auditChain's AUDIT_PAGE_SIZE). */
  pageSize?: number;
}

/** A war room's log, ready to stream: pages end at the entry that records this export. */
export interface AuditExport {
  warRoom: WarRoom;
  /** Seq of the `audit.exported` entry: the export's last line. */
  throughSeq: number;
  pages: AsyncIterable<AuditEntry[]>;
}

/** Use cases of a war room's audit log for the tab: prove it, take a copy of it. */
export class AuditLogService {
  constructor(private readonly deps: AuditLogDeps) {}

  /** Recomputes the chain; anyone who sees the war room may ask (it reveals no names). */
  async verify(viewer: Viewer, warRoomId: string): Promise<ChainReport> {
    const warRoom = await this.deps.warRooms.getVisible(viewer, warRoomId);
    return verifyStoredChain(this.deps.storage, warRoom.tenantId, warRoom.id, {
      pageSize: this.deps.pageSize,
    });
  }

  /**
   * A page of the log for the tab's timeline, newest first: anyone who sees the war room
   * may read it (the cards in the channel show the same names and changes).
   */
  async timeline(
    viewer: Viewer,
    warRoomId: string,
    filter: AuditSearch,
  ): Promise<{ entries: AuditEntry[]; hasMore: boolean }> {
    const warRoom = await this.deps.warRooms.getVisible(viewer, warRoomId);
    const found = await this.deps.storage.transaction((tx) =>
      tx.audit.search(warRoom.tenantId, warRoom.id, { ...filter, limit: filter.limit + 1 }),
    );
    return { entries: found.slice(0, filter.limit), hasMore: found.length > filter.limit };
  }

  /**
   * The whole log, for the lead only: it names everyone who did anything (decision 015).
   * Taking the copy is itself recorded in the chain, so the export ends with its own
   * record; a refusal is recorded too. The local development identity stands for whoever
   * runs the machine, as it does for what the tab shows.
   */
  async export(viewer: Viewer, warRoomId: string): Promise<AuditExport> {
    const { storage, clock, pageSize } = this.deps;
    const warRoom = await this.deps.warRooms.getVisible(viewer, warRoomId);
    const recorded = await recordingRefusals(this.deps, viewer, () =>
      storage.transaction(async (tx) => {
        if (!viewer.devIdentity) await authorize(tx, warRoom, viewer, 'audit.export');
        return appendAudit(tx, {
          tenantId: warRoom.tenantId,
          warRoomId: warRoom.id,
          at: clock.now().toISOString(),
          actorId: viewer.userId,
          actorName: viewer.name,
          action: 'audit.exported',
          subject: `warroom:${warRoom.id}`,
          before: null,
          after: { format: 'jsonl' },
        });
      }),
    );
    return {
      warRoom,
      throughSeq: recorded.seq,
      pages: auditPages(storage, warRoom.tenantId, warRoom.id, {
        pageSize,
        upToSeq: recorded.seq,
      }),
    };
  }
}
