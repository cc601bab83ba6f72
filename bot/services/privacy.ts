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
import { freeTextPointers, nameMatcher, type NameMatcher } from '../../shared/domain/privacyText';
import { commitment, getAt, setAt } from './auditSeal';
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
  warRooms: {
    warRoomId: string;
    records: Record<string, number>;
    auditEntries: number;
    /**
     * Audit entries whose free text still names the person: written before free text was
     * sealed (decision 028), so rewriting it would break the chain. Absent when none.
     */
    auditTextKept?: number;
  }[];
  /** Roster and personal chats forgotten; queued messages and job payloads scrubbed. */
  tenant: Record<string, number>;
}

/** A person's data on request (GDPR articles 15, 17, 20): for tenant administrators only. */
export class PrivacyService {
  constructor(private readonly deps: PrivacyDeps) {}

  async exportPerson(viewer: Viewer, aadObjectId: string): Promise<PersonExport> {
    const { storage, clock } = this.deps;
    this.authorize(viewer);
    const { tenantId } = viewer;
    const { ids, names } = await this.person(tenantId, aadObjectId);
    const at = clock.now().toISOString();
    const rooms: PersonExport['warRooms'] = [];
    for (const warRoom of await this.warRoomsOf(tenantId)) {
      const found = await storage.transaction(async (tx) => {
        const records = await tx.privacy.findRows(tenantId, warRoom.id, ids, names);
        const audit = (await auditOf(tx, warRoom, ids, names)).map((e) => redactEntry(e, ids));
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
    // Their names are read before any war room loses them.
    const { ids, names } = await this.person(tenantId, aadObjectId);
    const tag = randomBytes(6).toString('hex');
    const pseudonym: Pseudonym = { id: `erased-${tag}`, name: `[erased ${tag}]` };
    const at = clock.now().toISOString();
    const report: ErasureReport = { pseudonym, warRooms: [], tenant: {} };
    for (const warRoom of await this.warRoomsOf(tenantId)) {
      const done = await storage.transaction(async (tx) => {
        await tx.warRooms.lock(tenantId, warRoom.id); // the war room's lock, before any change
        const records = await tx.privacy.pseudonymiseRows(
          tenantId,
          warRoom.id,
          ids,
          pseudonym,
          names,
        );
        const entries = await auditOf(tx, warRoom, ids, names);
        let kept = 0;
        if (entries.length > 0) {
          await tx.privacy.beginErasure(warRoom.id, at);
          for (const e of entries) {
            const erased = eraseEntry(e, ids, pseudonym, at, names);
            if (erased !== e) await tx.privacy.rewriteAudit(erased);
            if (names && namedInText(erased, names)) kept++;
          }
          await tx.privacy.endErasure(warRoom.id);
        }
        if (Object.keys(records).length === 0 && entries.length === 0) return undefined;
        const counts = {
          records,
          auditEntries: entries.length,
          ...(kept > 0 ? { auditTextKept: kept } : {}),
        };
        await appendAudit(tx, {
          ...this.header(viewer, warRoom, at),
          action: 'privacy.erased',
          after: { pseudonym: pseudonym.id, ...counts },
        });
        return { warRoomId: warRoom.id, ...counts };
      });
      if (done) report.warRooms.push(done);
    }
    report.tenant = await storage.transaction(async (tx) => ({
      ...(await tx.privacy.scrubQueued(tenantId, ids, pseudonym, names)),
      ...(await tx.privacy.forgetTenantRows(tenantId, ids)),
    }));
    if (report.warRooms.length === 0 && Object.keys(report.tenant).length === 0) {
      throw notFound('privacy.notFound');
    }
    return report;
  }

  /** The person's identifiers, and a matcher for the names the tenant stores for them. */
  private async person(tenantId: string, aadObjectId: string) {
    return this.deps.storage.transaction(async (tx) => {
      const ids = new Set(await tx.privacy.identifiersOf(tenantId, aadObjectId));
      return { ids, names: nameMatcher(await tx.privacy.namesOf(tenantId, ids)) };
    });
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
async function auditOf(
  tx: Tx,
  warRoom: WarRoom,
  ids: ReadonlySet<string>,
  names: NameMatcher | undefined,
): Promise<AuditEntry[]> {
  const found: AuditEntry[] = [];
  for (let afterSeq = 0; ;) {
    const page = await tx.audit.page(warRoom.tenantId, warRoom.id, { afterSeq, limit: 1000 });
    found.push(
      ...page.filter(
        (e) => personPointers(body(e), ids).length > 0 || (!!names && namedInText(e, names)),
      ),
    );
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

/** Whether a free-text field of the entry (a title, a note, a comment) holds one of the names. */
function namedInText(e: AuditEntry, names: NameMatcher): boolean {
  const b = body(e);
  return freeTextPointers(b).some((ptr) => names.test(getAt(b, ptr) as string));
}

/**
 * The entry with the person's fields replaced, and their names in its free text (decision
 * 028); the same entry when nothing changes. Under scheme 2 only sealed fields change, and
 * each one's salt becomes the commitment it gave, so the hash still checks and the old
 * value cannot be tried against it; free text of an entry written before it was sealed
 * stays as it is. An entry of the first scheme is marked erased (its content can no
 * longer be checked, only its place in the chain).
 */
export function eraseEntry(
  e: AuditEntry,
  ids: ReadonlySet<string>,
  p: Pseudonym,
  at: string,
  names?: NameMatcher,
): AuditEntry {
  const original = body(e);
  const fields = e.personal?.scheme === 2 ? e.personal.fields : undefined;
  const may = (ptr: string) => !fields || (fields[ptr] !== undefined && 'salt' in fields[ptr]);
  const { value, changed } = pseudonymise(original, ids, p, may);
  const named = freeTextPointers(value).filter(
    (ptr) => !!names && may(ptr) && names.test(getAt(value, ptr) as string),
  );
  for (const ptr of named) setAt(value, ptr, names!.replace(getAt(value, ptr) as string, p.name));
  if (changed.length === 0 && named.length === 0) return e;
  if (!fields) {
    return { ...value, hash: e.hash, personal: e.personal ?? { scheme: 1, erasedAt: at } };
  }
  const sealed: Record<string, SealedField> = { ...fields };
  for (const ptr of [...changed, ...named]) {
    const f = fields[ptr] as { salt: string };
    sealed[ptr] = { commitment: commitment(f.salt, ptr, getAt(original, ptr)) };
  }
  return { ...value, hash: e.hash, personal: { scheme: 2, fields: sealed } };
}

/** An entry as the export shows it: the person's fields, everyone else's redacted. */
function redactEntry(e: AuditEntry, ids: ReadonlySet<string>): Partial<AuditEntry> {
  const { prevHash: _p, ...shown } = body(e);
  return redactOthers(shown, ids);
}

function count(rows: PersonRows): Record<string, number> {
  return Object.fromEntries(Object.entries(rows).map(([t, list]) => [t, list.length]));
}
