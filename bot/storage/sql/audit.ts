import type { Insertable, Selectable } from 'kysely';
import type { AuditEntry, AuditPersonal } from '../../../shared/domain/audit';
import { StorageConflictError, type AuditRepo } from '../types';
import { chainHead, encodeJson, oneRow, type Exec } from './exec';
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

// The chain's head is kept with its war room (migration 28): read before an audited write
// the lock did not already read it for. Compiled once, see shape.ts.
export const headShape = shape(['tenantId', 'warRoomId'], (db, p) =>
  db
    .selectFrom('war_rooms')
    .select(['audit_seq', 'audit_hash'])
    .where('tenant_id', '=', p.tenantId)
    .where('id', '=', p.warRoomId),
);

/** A second entry with the same seq, or a head moved meanwhile, would fork the chain. */
const forked = () => oneRow(() => new StorageConflictError('audit_log.seq'));

/**
 * Writes the heads the transaction's appends moved to their war rooms' rows, once each,
 * before its commit: from the head the row held, so a head moved meanwhile changes no row
 * and the transaction fails rather than fork the chain.
 */
export async function writeMovedHeads(x: Exec): Promise<void> {
  for (const { tenantId, warRoomId, from, to } of x.movedHeads()) {
    const values = { tenantId, warRoomId, seq: to.seq, hash: to.hash, prevSeq: from };
    await x.write(moveHeadShape(x.db, values), forked());
  }
}

const moveHeadShape = shape(
  ['tenantId', 'warRoomId', 'seq', 'hash', 'prevSeq'],
  (db, p: { tenantId: string; warRoomId: string; seq: number; hash: string; prevSeq: number }) =>
    db
      .updateTable('war_rooms')
      .set({ audit_seq: p.seq, audit_hash: p.hash })
      .where('tenant_id', '=', p.tenantId)
      .where('id', '=', p.warRoomId)
      .where('audit_seq', '=', p.prevSeq),
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
      // The lock first: on PostgreSQL it reads the head with it, from the row as locked (the
      // war room's counters do too). Otherwise the head is read after it, in a statement of
      // its own: one that waited for the lock would read with the snapshot it started with.
      await x.lockWarRoom(tenantId, warRoomId);
      let head = x.knownHead(tenantId, warRoomId);
      if (head === undefined) {
        const [row] = await x.all(headShape(db, { tenantId, warRoomId }));
        if (!row) return undefined;
        head = chainHead(row);
        x.learnHead(tenantId, warRoomId, head);
      }
      return head ?? undefined;
    },
    async append(entry) {
      await x.write(appendShape(db, toRow(entry)), forked());
      // The war room's row follows at the commit (writeMovedHeads).
      x.moveHead(entry.tenantId, entry.warRoomId, { seq: entry.seq, hash: entry.hash });
    },
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
