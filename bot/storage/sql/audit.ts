import type { AuditEntry } from '../../../shared/domain/audit';
import { StorageConflictError, type AuditRepo } from '../types';
import { encodeJson, placeholders, type Exec, type SqlValue } from './exec';
import { toIso } from './instant';

const COLUMNS = [
  'tenant_id',
  'war_room_id',
  'seq',
  'at',
  'actor_id',
  'actor_name',
  'action',
  'subject',
  'before',
  'after',
  'prev_hash',
  'hash',
] as const;

interface AuditRow {
  tenant_id: string;
  war_room_id: string;
  seq: number;
  at: string | Date;
  actor_id: string;
  actor_name: string;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

function toValues(e: AuditEntry): SqlValue[] {
  return [
    e.tenantId,
    e.warRoomId,
    e.seq,
    toIso(e.at),
    e.actorId,
    e.actorName,
    e.action,
    e.subject,
    encodeJson(e.before),
    encodeJson(e.after),
    e.prevHash,
    e.hash,
  ];
}

function fromRow(r: AuditRow, decodeJson: (raw: unknown) => unknown): AuditEntry {
  return {
    tenantId: r.tenant_id,
    warRoomId: r.war_room_id,
    seq: r.seq,
    at: toIso(r.at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    subject: r.subject,
    before: decodeJson(r.before),
    after: decodeJson(r.after),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export function auditRepo(x: Exec): AuditRepo {
  return {
    async head(tenantId, warRoomId) {
      // Lock first, read after, in separate statements: in PostgreSQL a statement that waited
      // for the lock would still read with the snapshot it started with, i.e. a stale head.
      await x.lockWarRoom(tenantId, warRoomId);
      const [row] = await x.all<{ seq: number; hash: string }>(
        `SELECT seq, hash FROM audit_log WHERE tenant_id = ? AND war_room_id = ?
         ORDER BY seq DESC LIMIT 1`,
        [tenantId, warRoomId],
      );
      return row && { seq: row.seq, hash: row.hash };
    },
    async append(entry) {
      // A second entry with the same seq would fork the chain.
      const changed = await x.run(
        `INSERT INTO audit_log (${COLUMNS.join(', ')}) VALUES (${placeholders(COLUMNS.length)})
         ON CONFLICT (war_room_id, seq) DO NOTHING`,
        toValues(entry),
      );
      if (changed === 0) throw new StorageConflictError('audit_log.seq');
    },
    async list(tenantId, warRoomId) {
      const rows = await x.all<AuditRow>(
        `SELECT ${COLUMNS.join(', ')} FROM audit_log WHERE tenant_id = ? AND war_room_id = ?
         ORDER BY seq`,
        [tenantId, warRoomId],
      );
      return rows.map((r) => fromRow(r, x.decodeJson));
    },
  };
}
