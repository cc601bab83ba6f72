import { randomBytes } from 'node:crypto';
import type { AuditEntry, SealedField } from '../../shared/domain/audit';
import { forbidden, notFound } from '../../shared/domain/errors';
import {
  personPointers,
  pseudonymise,
  redactOthers,
  type Pseudonym,
} from '../../shared/domain/privacy';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { PersonRows, Storage, Tx } from '../storage/types';
import { commitment, getAt } from './auditSeal';
import { appendAudit } from './auditTrail';
import type { Clock } from './clock';
import type { Viewer } from './warRooms';

export interface PrivacyDeps {
  storage: Storage;
  clock: Clock;
  /** True for a tenant administrator (config WARROOM_TENANT_ADMINS, decision 022). */
  isTenantAdmin: (viewer: Viewer) => boolean;
}

/** Everything stored about one person in a tenant, other people's names left out. */
export interface PersonExport {
  tenantId: string;
  aadObjectId: string;
  /** The Teams user ids found for them (roster, roles). */
  identifiers: string[];
  exportedAt: string;
  /** Roster and personal chats of the tenant. */
  tenant: PersonRows;
  warRooms: { warRoomId: string; records: PersonRows; audit: Partial<AuditEntry>[] }[];
}

/** What an erasure changed. */
export interface ErasureReport {
  pseudonym: Pseudonym;
  warRooms: { warRoomId: string; records: Record<string, number>; auditEntries: number }[];
  tenant: Record<string, number>;
}

/** A person's data on request (GDPR articles 15, 17, 20): for tenant administrators only. */
export class PrivacyService {
  constructor(private readonly deps: PrivacyDeps) {}

  async exportPerson(viewer: Viewer, aadObjectId: string): Promise<PersonExport> {
    const { storage, clock } = this.deps;
    this.authorize(viewer);
    const { tenantId } = viewer;
    const ids = new Set(
      await storage.transaction((tx) => tx.privacy.identifiersOf(tenantId, aadObjectId)),
    );
    const at = clock.now().toISOString();
    const rooms: PersonExport['warRooms'] = [];
    for (const warRoom of await this.warRoomsOf(tenantId)) {
      const found = await storage.transaction(async (tx) => {
        const records = await tx.privacy.findRows(tenantId, warRoom.id, ids);
        const audit = (await auditOf(tx, warRoom, ids)).map((e) => redactEntry(e, ids));
        if (Object.keys(records).length === 0 && audit.length === 0) return undefined;
        // Recorded where the data was: the person's id is a committed field, erasable later.
        await appendAudit(tx, {
          ...this.header(viewer, warRoom, at),
          action: 'privacy.exported',
          after: { aadObjectId, records: count(records), auditEntries: audit.length },
        });
        return { warRoomId: warRoom.id, records, audit };
      });
      if (found) rooms.push(found);
    }
    const tenant = await storage.transaction((tx) => tx.privacy.findTenantRows(tenantId, ids));
    if (rooms.length === 0 && Object.keys(tenant).length === 0) {
      throw notFound('privacy.notFound');
    }
    return {
      tenantId,
      aadObjectId,
      identifiers: [...ids],
      exportedAt: at,
      tenant,
      warRooms: rooms,
    };
  }

  /**
   * Replaces the person with one pseudonym in every record of the tenant, audit entries
   * included (their chains still verify: decision 022), one war room per transaction; each
   * war room's log gets a `privacy.erased` entry saying what changed, without the person.
   * Asking again finds nothing more to change.
   */
  async erasePerson(viewer: Viewer, aadObjectId: string): Promise<ErasureReport> {
    const { storage, clock } = this.deps;
    this.authorize(viewer);
    const { tenantId } = viewer;
    const ids = new Set(
      await storage.transaction((tx) => tx.privacy.identifiersOf(tenantId, aadObjectId)),
    );
    const tag = randomBytes(6).toString('hex');
    const pseudonym: Pseudonym = { id: `erased-${tag}`, name: `[erased ${tag}]` };
    const at = clock.now().toISOString();
    const report: ErasureReport = { pseudonym, warRooms: [], tenant: {} };
    for (const warRoom of await this.warRoomsOf(tenantId)) {
      const done = await storage.transaction(async (tx) => {
        await tx.audit.head(tenantId, warRoom.id); // the war room's lock, before any change
        const records = await tx.privacy.pseudonymiseRows(tenantId, warRoom.id, ids, pseudonym);
        const entries = await auditOf(tx, warRoom, ids);
        if (entries.length > 0) {
          await tx.privacy.beginErasure(warRoom.id, at);
          for (const e of entries) await tx.privacy.rewriteAudit(eraseEntry(e, ids, pseudonym, at));
          await tx.privacy.endErasure(warRoom.id);
        }
        if (Object.keys(records).length === 0 && entries.length === 0) return undefined;
        await appendAudit(tx, {
          ...this.header(viewer, warRoom, at),
          action: 'privacy.erased',
          after: { pseudonym: pseudonym.id, records, auditEntries: entries.length },
        });
        return { warRoomId: warRoom.id, records, auditEntries: entries.length };
      });
      if (done) report.warRooms.push(done);
    }
    report.tenant = await storage.transaction((tx) => tx.privacy.forgetTenantRows(tenantId, ids));
    if (report.warRooms.length === 0 && Object.keys(report.tenant).length === 0) {
      throw notFound('privacy.notFound');
    }
    return report;
  }

  private authorize(viewer: Viewer): void {
    if (!this.deps.isTenantAdmin(viewer)) throw forbidden('privacy.forbidden');
  }

  private warRoomsOf(tenantId: string): Promise<WarRoom[]> {
    return this.deps.storage.transaction((tx) => tx.warRooms.listByTenant(tenantId));
  }

  private header(viewer: Viewer, warRoom: WarRoom, at: string) {
    return {
      tenantId: warRoom.tenantId,
      warRoomId: warRoom.id,
      at,
      actorId: viewer.userId,
      actorName: viewer.name,
      subject: 'privacy:person',
      before: null,
    };
  }
}

/** The war room's audit entries that identify or name the person, in chain order. */
async function auditOf(tx: Tx, warRoom: WarRoom, ids: ReadonlySet<string>): Promise<AuditEntry[]> {
  const found: AuditEntry[] = [];
  for (let afterSeq = 0; ;) {
    const page = await tx.audit.page(warRoom.tenantId, warRoom.id, { afterSeq, limit: 1000 });
    found.push(...page.filter((e) => personPointers(body(e), ids).length > 0));
    const last = page.at(-1);
    if (!last || page.length < 1000) return found;
    afterSeq = last.seq;
  }
}

/** An entry without its hash and seal: what pointers are relative to. */
function body(e: AuditEntry): Omit<AuditEntry, 'hash' | 'personal'> {
  const { hash: _hash, personal: _personal, ...rest } = e;
  return rest;
}

/**
 * The entry with the person's fields replaced. Under scheme 2 each replaced field's salt
 * becomes the commitment it gave, so the hash still checks and the old value cannot be
 * tried against it; an entry of the first scheme is marked erased (its content can no
 * longer be checked, only its place in the chain).
 */
export function eraseEntry(
  e: AuditEntry,
  ids: ReadonlySet<string>,
  p: Pseudonym,
  at: string,
): AuditEntry {
  const original = body(e);
  if (e.personal?.scheme === 2) {
    const fields = e.personal.fields;
    const { value, changed } = pseudonymise(original, ids, p, (ptr) => {
      const f = fields[ptr];
      return !!f && 'salt' in f;
    });
    const sealed: Record<string, SealedField> = { ...fields };
    for (const ptr of changed) {
      const f = fields[ptr] as { salt: string };
      sealed[ptr] = { commitment: commitment(f.salt, ptr, getAt(original, ptr)) };
    }
    return { ...value, hash: e.hash, personal: { scheme: 2, fields: sealed } };
  }
  const { value } = pseudonymise(original, ids, p);
  return { ...value, hash: e.hash, personal: e.personal ?? { scheme: 1, erasedAt: at } };
}

/** An entry as the export shows it: the person's fields, everyone else's redacted. */
function redactEntry(e: AuditEntry, ids: ReadonlySet<string>): Partial<AuditEntry> {
  const { prevHash: _p, ...shown } = body(e);
  return redactOthers(shown, ids);
}

function count(rows: PersonRows): Record<string, number> {
  return Object.fromEntries(Object.entries(rows).map(([t, list]) => [t, list.length]));
}
