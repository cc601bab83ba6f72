import type { FreezeWindow } from '../../shared/domain/freeze';
import { incidentRef } from '../../shared/domain/incident';
import type { MigrationItem } from '../../shared/domain/migration';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { Lessons, ReportModel } from '../../shared/report/model';
import type { Storage, Tx } from '../storage/types';
import { ChainVerifier, auditPages } from './auditChain';
import type { Clock } from './clock';
import { totalsOf } from './migrationTotals';
import {
  actionRow,
  decisionRow,
  failureRow,
  freezeRow,
  incidentRow,
  violationRow,
} from './reportRecords';
import { TimelineFold } from './reportTimeline';
import type { Viewer, WarRoomService } from './warRooms';

export interface ReportDeps {
  storage: Storage;
  clock: Clock;
  warRooms: Pick<WarRoomService, 'getVisible'>;
  /** The lead's lessons learned, when stored (services/reportNotes.ts). */
  lessons?: (tx: Tx, warRoom: WarRoom) => Promise<Lessons | null>;
  /** Entries per audit read transaction (default auditChain's AUDIT_PAGE_SIZE). */
  pageSize?: number;
}

/** Failed mailboxes read from the items table per report, at most. */
const FAILED_READ = 5000;

/**
 * The evaluation report of a war room: who may see the war room may read it (the same
 * visibility as the tab's other routes; it names who decided what, as the channel did).
 * The records are read in one transaction; the audit log after it, page by page, verified
 * and folded into the timeline in the same pass.
 */
export class ReportService {
  constructor(private readonly deps: ReportDeps) {}

  async build(viewer: Viewer, warRoomId: string): Promise<ReportModel> {
    const { storage, clock } = this.deps;
    const warRoom = await this.deps.warRooms.getVisible(viewer, warRoomId);
    const { tenantId, id } = warRoom;
    const generatedAt = clock.now().toISOString();
    const records = await storage.transaction(async (tx) => {
      const incidents = await tx.incidents.listByWarRoom(tenantId, id);
      const notes = await Promise.all(incidents.map((i) => tx.incidents.listNotes(tenantId, i.id)));
      return {
        incidents,
        notes: notes.flat(),
        decisions: await tx.decisions.listByWarRoom(tenantId, id),
        actions: await tx.actions.listByWarRoom(tenantId, id),
        freezes: await tx.freezes.listByWarRoom(tenantId, id),
        violations: await tx.freezes.listViolations(tenantId, id),
        counts: await tx.migrationTotals.counts(tenantId, id),
        failedNow: await tx.migrationItems.list(tenantId, id, {
          status: 'failed',
          limit: FAILED_READ,
        }),
        lastSeq: await tx.audit.lastSeq(tenantId, id),
        lessons: (await this.deps.lessons?.(tx, warRoom)) ?? null,
      };
    });

    const refs = new Map<string, string>([[`warroom:${id}`, '']]);
    for (const i of records.incidents) refs.set(`incident:${i.id}`, incidentRef(i.number));
    const decisions = records.decisions.map(decisionRow);
    records.decisions.forEach((d, k) => refs.set(`decision:${d.id}`, decisions[k]!.ref));
    const actions = records.actions.map(actionRow);
    records.actions.forEach((a, k) => refs.set(`action:${a.id}`, actions[k]!.ref));
    const windows = new Map<string, FreezeWindow>(records.freezes.map((w) => [w.id, w]));
    const freezes = records.freezes.map((w) => freezeRow(w, records.violations));
    records.freezes.forEach((w, k) => refs.set(`freeze:${w.id}`, freezes[k]!.ref));

    // The log up to the head seen with the records: what was appended since is not in them.
    const verifier = new ChainVerifier();
    const fold = new TimelineFold((subject) => refs.get(subject) ?? '');
    for await (const page of auditPages(storage, tenantId, id, {
      pageSize: this.deps.pageSize,
      upToSeq: records.lastSeq,
    })) {
      for (const entry of page) {
        verifier.add(entry);
        fold.add(entry);
      }
    }
    const chain = verifier.report();

    const incidentRefOf = (incidentId: string | null) => {
      const found = incidentId && records.incidents.find((i) => i.id === incidentId);
      return found ? incidentRef(found.number) : null;
    };
    // A mailbox's incident: a violation's, else the first whose notes name it.
    const incidentNaming = (identity: string): string | null => {
      const violation = records.violations.find((v) => v.identity === identity && v.incidentId);
      if (violation) return incidentRefOf(violation.incidentId);
      const note = records.notes.find((n) => n.text.toLowerCase().includes(identity));
      return note ? incidentRefOf(note.incidentId) : null;
    };
    const failedItems = await this.failedItems(tenantId, id, records.failedNow, fold.failedSeen);

    return {
      warRoom: {
        id,
        title: warRoom.title,
        timeZone: warRoom.timeZone,
        phase: warRoom.phase,
        createdAt: warRoom.createdAt,
      },
      generatedAt,
      timeline: fold.timeline(),
      decisions,
      incidents: records.incidents.map(incidentRow),
      actions,
      batches: totalsOf(records.counts, null).batches,
      failures: failedItems.map((item) => failureRow(item, incidentNaming(item.identity))),
      freezes,
      violations: records.violations.map((v) => violationRow(v, windows, incidentRefOf)),
      progress: fold.progress(),
      lessons: records.lessons,
      chain: {
        verified: chain.verified,
        entries: chain.entries,
        firstSeq: chain.firstSeq,
        lastSeq: chain.lastSeq,
        lastHash: chain.lastHash,
        brokenAtSeq: chain.brokenAt?.seq ?? null,
      },
    };
  }

  /**
   * Mailboxes that failed: those failed now, and those the imports' status moves name as
   * failed earlier (each import names up to five per move), as they stand now; by identity.
   */
  private async failedItems(
    tenantId: string,
    warRoomId: string,
    failedNow: MigrationItem[],
    seen: ReadonlyMap<string, string>,
  ): Promise<MigrationItem[]> {
    const byIdentity = new Map(failedNow.map((i) => [i.identity, i]));
    const earlier = [...seen.keys()].filter((identity) => !byIdentity.has(identity));
    if (earlier.length > 0) {
      await this.deps.storage.transaction(async (tx) => {
        for (const identity of earlier) {
          const item = await tx.migrationItems.find(tenantId, warRoomId, identity);
          if (item) byIdentity.set(identity, item);
        }
      });
    }
    return [...byIdentity.values()].sort((a, b) => a.identity.localeCompare(b.identity));
  }
}
