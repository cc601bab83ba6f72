import type { Compilable, Insertable, Selectable } from 'kysely';
import {
  INCIDENT_STATUSES,
  SEVERITIES,
  type Incident,
  type IncidentListing,
  type IncidentNote,
} from '../../../shared/domain/incident';
import type { Person } from '../../../shared/domain/person';
import { RowMissingError, StorageConflictError, type IncidentRepo } from '../types';
import { oneOf, oneRow, type Exec } from './exec';
import { toIso, toIsoOrNull } from './instant';
import type { Database } from './schema';
import { rowShape, shape } from './shape';

const COLUMNS = [
  'id',
  'tenant_id',
  'war_room_id',
  'number',
  'title',
  'severity',
  'status',
  'reporter_id',
  'reporter_name',
  'created_at',
  'updated_at',
  'acknowledged_at',
  'mitigated_at',
  'resolved_at',
  'version',
  'card_activity_id',
  'owner',
] as const;

type IncidentRow = Pick<Selectable<Database['incidents']>, (typeof COLUMNS)[number]>;

function toRow(i: Incident): Insertable<Database['incidents']> {
  return {
    id: i.id,
    tenant_id: i.tenantId,
    war_room_id: i.warRoomId,
    number: i.number,
    title: i.title,
    severity: i.severity,
    status: i.status,
    reporter_id: i.reporterId,
    reporter_name: i.reporterName,
    created_at: toIso(i.createdAt),
    updated_at: toIso(i.updatedAt),
    acknowledged_at: toIsoOrNull(i.acknowledgedAt),
    mitigated_at: toIsoOrNull(i.mitigatedAt),
    resolved_at: toIsoOrNull(i.resolvedAt),
    version: i.version,
    card_activity_id: i.cardActivityId,
    owner: i.owner && JSON.stringify(i.owner),
  };
}

type InstantColumns =
  'created_at' | 'updated_at' | 'acknowledged_at' | 'mitigated_at' | 'resolved_at';

/** An incident's instants, read alike by the full incident and the list. */
function instantsOf(r: Pick<IncidentRow, InstantColumns>) {
  return {
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
    acknowledgedAt: toIsoOrNull(r.acknowledged_at),
    mitigatedAt: toIsoOrNull(r.mitigated_at),
    resolvedAt: toIsoOrNull(r.resolved_at),
  };
}

function fromRow(r: IncidentRow): Incident {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    warRoomId: r.war_room_id,
    number: r.number,
    title: r.title,
    severity: oneOf(SEVERITIES, r.severity, 'incidents.severity'),
    status: oneOf(INCIDENT_STATUSES, r.status, 'incidents.status'),
    reporterId: r.reporter_id,
    reporterName: r.reporter_name,
    ...instantsOf(r),
    version: r.version,
    cardActivityId: r.card_activity_id,
    owner: r.owner === null ? null : (JSON.parse(r.owner) as Person),
  };
}

/** What `listAfter` reads: the list's columns only (a page of 200 decodes 12 of 17). */
const LISTING_COLUMNS = [
  'id',
  'number',
  'title',
  'severity',
  'status',
  'reporter_name',
  'created_at',
  'updated_at',
  'acknowledged_at',
  'mitigated_at',
  'resolved_at',
  'version',
] as const;

function listingFromRow(
  r: Pick<Selectable<Database['incidents']>, (typeof LISTING_COLUMNS)[number]>,
): IncidentListing {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    severity: oneOf(SEVERITIES, r.severity, 'incidents.severity'),
    status: oneOf(INCIDENT_STATUSES, r.status, 'incidents.status'),
    reporterName: r.reporter_name,
    ...instantsOf(r),
    version: r.version,
  };
}

const NOTE_COLUMNS = [
  'id',
  'tenant_id',
  'war_room_id',
  'incident_id',
  'author_id',
  'author_name',
  'text',
  'at',
] as const;

function noteFromRow(
  r: Pick<Selectable<Database['incident_notes']>, (typeof NOTE_COLUMNS)[number]>,
): IncidentNote {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    warRoomId: r.war_room_id,
    incidentId: r.incident_id,
    authorId: r.author_id,
    authorName: r.author_name,
    text: r.text,
    at: toIso(r.at),
  };
}

// Read on every card click and card refresh: compiled once, see shape.ts.
// Written by every incident logged: compiled once per set of columns, see shape.ts.
// Recorded with every card sent: compiled once, see shape.ts.
const cardIdShape = shape(['tenantId', 'id', 'activityId'], (db, p) =>
  db
    .updateTable('incidents')
    .set({ card_activity_id: p.activityId })
    .where('tenant_id', '=', p.tenantId)
    .where('id', '=', p.id),
);

const insertShape = rowShape((db, row: Insertable<Database['incidents']>) =>
  db
    .insertInto('incidents')
    .values(row)
    .onConflict((oc) => oc.columns(['war_room_id', 'number']).doNothing()),
);

const byId = shape(['tenantId', 'id'], (db, p) =>
  db
    .selectFrom('incidents')
    .select(COLUMNS)
    .where('tenant_id', '=', p.tenantId)
    .where('id', '=', p.id),
);
const notesOf = shape(['tenantId', 'incidentId'], (db, p) =>
  db
    .selectFrom('incident_notes')
    .select(NOTE_COLUMNS)
    .where('tenant_id', '=', p.tenantId)
    .where('incident_id', '=', p.incidentId)
    .orderBy('at')
    .orderBy('id'),
);
// The tab's incident list, a page at a time.
const after = shape(
  ['tenantId', 'warRoomId', 'after', 'limit'],
  (db, p: { tenantId: string; warRoomId: string; after: number; limit: number }) =>
    db
      .selectFrom('incidents')
      .select(LISTING_COLUMNS)
      .where('tenant_id', '=', p.tenantId)
      .where('war_room_id', '=', p.warRoomId)
      .where('number', '>', p.after)
      .orderBy('number')
      .limit(p.limit),
);

export function incidentRepo(x: Exec): IncidentRepo {
  const { db } = x;
  const select = (tenantId: string) =>
    db.selectFrom('incidents').select(COLUMNS).where('tenant_id', '=', tenantId);
  const one = async (query: Compilable<IncidentRow>) => {
    const [row] = await x.all(query);
    return row && fromRow(row);
  };
  return {
    insert: (incident) =>
      x.write(
        insertShape(db, toRow(incident)),
        oneRow(() => new StorageConflictError('incidents.number')),
      ),
    findById: (tenantId, id) => one(byId(db, { tenantId, id })),
    findByNumber: (tenantId, warRoomId, number) =>
      one(select(tenantId).where('war_room_id', '=', warRoomId).where('number', '=', number)),
    async update(i, expectedVersion) {
      // Identity, war room, number, reporter and creation time never change.
      const changed = await x.run(
        db
          .updateTable('incidents')
          .set({
            title: i.title,
            severity: i.severity,
            status: i.status,
            updated_at: toIso(i.updatedAt),
            acknowledged_at: toIsoOrNull(i.acknowledgedAt),
            mitigated_at: toIsoOrNull(i.mitigatedAt),
            resolved_at: toIsoOrNull(i.resolvedAt),
            owner: i.owner && JSON.stringify(i.owner),
            version: i.version,
          })
          .where('tenant_id', '=', i.tenantId)
          .where('id', '=', i.id)
          .where('version', '=', expectedVersion),
      );
      return changed === 1;
    },
    setCardActivityId: (tenantId, id, activityId) =>
      x.write(
        cardIdShape(db, { tenantId, id, activityId }),
        oneRow(() => new RowMissingError('incidents')),
      ),
    async listByWarRoom(tenantId, warRoomId) {
      const rows = await x.all(
        select(tenantId).where('war_room_id', '=', warRoomId).orderBy('number'),
      );
      return rows.map(fromRow);
    },
    async addNote(n) {
      await x.run(
        db.insertInto('incident_notes').values({
          id: n.id,
          tenant_id: n.tenantId,
          war_room_id: n.warRoomId,
          incident_id: n.incidentId,
          author_id: n.authorId,
          author_name: n.authorName,
          text: n.text,
          at: toIso(n.at),
        }),
      );
    },
    async listNotes(tenantId, incidentId) {
      const rows = await x.all(notesOf(db, { tenantId, incidentId }));
      return rows.map(noteFromRow);
    },
    async listAfter(tenantId, warRoomId, afterNumber, limit) {
      const rows = await x.all(after(db, { tenantId, warRoomId, after: afterNumber, limit }));
      return rows.map(listingFromRow);
    },
    async page(tenantId, warRoomId, { statuses, severities, offset, limit }) {
      let matching = db
        .selectFrom('incidents')
        .where('tenant_id', '=', tenantId)
        .where('war_room_id', '=', warRoomId);
      if (statuses?.length) matching = matching.where('status', 'in', statuses);
      if (severities?.length) matching = matching.where('severity', 'in', severities);
      const [counted] = await x.all(
        matching.select((eb) => eb.fn.countAll<number | string>().as('n')),
      );
      const rows = await x.all(
        matching.select(COLUMNS).orderBy('number', 'desc').limit(limit).offset(offset),
      );
      return { incidents: rows.map(fromRow), total: Number(counted?.n ?? 0) };
    },
  };
}
