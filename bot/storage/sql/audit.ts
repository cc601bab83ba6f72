import type { Insertable, Selectable } from 'kysely';
import type { AuditEntry, AuditPersonal } from '../../../shared/domain/audit';
import { StorageConflictError, type AuditRepo } from '../types';
import { encodeJson, oneRow, type Exec } from './exec';
import { toIso } from './instant';
import type { Database } from './schema';
import { rowShape, shape } from './shape';

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
  'personal',
] as const;

type AuditRow = Pick<Selectable<Database['audit_log']>, (typeof COLUMNS)[number]>;

function toRow(e: AuditEntry): Insertable<Database['audit_log']> {
  return {
    tenant_id: e.tenantId,
    war_room_id: e.warRoomId,
    seq: e.seq,
    at: toIso(e.at),
    actor_id: e.actorId,
    actor_name: e.actorName,
    action: e.action,
    subject: e.subject,
    before: encodeJson(e.before),
    after: encodeJson(e.after),
    prev_hash: e.prevHash,
    hash: e.hash,
    personal: e.personal ? encodeJson(e.personal) : null,
  };
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
    // Entries of the first hash scheme have none (decision 022).
    ...(r.personal === null ? {} : { personal: decodeJson(r.personal) as AuditPersonal }),
  };
}

// Read before every audited write: compiled once, see shape.ts (and its plan in tests).
export const headShape = shape(['tenantId', 'warRoomId'], (db, p) =>
  db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', p.tenantId)
    .where('war_room_id', '=', p.warRoomId)
    .orderBy('seq', 'desc')
    .limit(1),
);

// Written by every audited change: compiled once per set of columns, see shape.ts.
const appendShape = rowShape((db, row: Insertable<Database['audit_log']>) =>
  db
    .insertInto('audit_log')
    .values(row)
    .onConflict((oc) => oc.columns(['war_room_id', 'seq']).doNothing()),
);

export function auditRepo(x: Exec): AuditRepo {
  const { db } = x;
  const chain = (tenantId: string, warRoomId: string) =>
    db
      .selectFrom('audit_log')
      .where('tenant_id', '=', tenantId)
      .where('war_room_id', '=', warRoomId);
  return {
    async head(tenantId, warRoomId) {
      // Lock first, read after, in separate statements: in PostgreSQL a statement that waited
      // for the lock would still read with the snapshot it started with, i.e. a stale head.
      await x.lockWarRoom(tenantId, warRoomId);
      const [row] = await x.all(headShape(db, { tenantId, warRoomId }));
      return row && { seq: row.seq, hash: row.hash };
    },
    // A second entry with the same seq would fork the chain.
    append: (entry) =>
      x.write(
        appendShape(db, toRow(entry)),
        oneRow(() => new StorageConflictError('audit_log.seq')),
      ),
    async list(tenantId, warRoomId) {
      const rows = await x.all(chain(tenantId, warRoomId).select(COLUMNS).orderBy('seq'));
      return rows.map((r) => fromRow(r, x.decodeJson));
    },
    async page(tenantId, warRoomId, { afterSeq, limit, upToSeq }) {
      let query = chain(tenantId, warRoomId).select(COLUMNS).where('seq', '>', afterSeq);
      if (upToSeq !== undefined) query = query.where('seq', '<=', upToSeq);
      const rows = await x.all(query.orderBy('seq').limit(limit));
      return rows.map((r) => fromRow(r, x.decodeJson));
    },
    async listSince(tenantId, warRoomId, afterSeq, limit) {
      const rows = await x.all(
        chain(tenantId, warRoomId)
          .select(['seq', 'action', 'subject', 'at'])
          .where('seq', '>', afterSeq)
          .orderBy('seq')
          .limit(limit),
      );
      return rows.map((r) => ({
        seq: r.seq,
        action: r.action,
        subject: r.subject,
        at: toIso(r.at),
      }));
    },
    async lastSeq(tenantId, warRoomId) {
      const [row] = await x.all(
        chain(tenantId, warRoomId).select('seq').orderBy('seq', 'desc').limit(1),
      );
      return row?.seq ?? 0;
    },
    async search(tenantId, warRoomId, f) {
      let query = chain(tenantId, warRoomId).select(COLUMNS);
      if (f.actions?.length) query = query.where('action', 'in', [...f.actions]);
      if (f.actorId !== undefined) query = query.where('actor_id', '=', f.actorId);
      if (f.subject !== undefined) query = query.where('subject', '=', f.subject);
      if (f.from !== undefined) query = query.where('at', '>=', toIso(f.from));
      if (f.to !== undefined) query = query.where('at', '<=', toIso(f.to));
      if (f.beforeSeq !== undefined) query = query.where('seq', '<', f.beforeSeq);
      const rows = await x.all(query.orderBy('seq', 'desc').limit(f.limit));
      return rows.map((r) => fromRow(r, x.decodeJson));
    },
    async countActions(tenantId, warRoomId, { after, upTo }) {
      const rows = await x.all(
        chain(tenantId, warRoomId)
          .select(['action', (eb) => eb.fn.countAll<number | string>().as('n')])
          .where('at', '>', toIso(after))
          .where('at', '<=', toIso(upTo))
          .groupBy('action'),
      );
      return rows.map((r) => ({ action: r.action, count: Number(r.n) }));
    },
  };
}
