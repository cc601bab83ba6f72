import type { Compilable, Insertable, Selectable } from 'kysely';
import { PHASES, type WarRoom } from '../../../shared/domain/warRoom';
import { LANGUAGES } from '../../../shared/i18n';
import { StorageConflictError, type WarRoomRepo } from '../types';
import { chainHead, oneOf, type Exec } from './exec';
import { toIso } from './instant';
import type { TxServiceUrls } from './knownServiceUrls';
import type { Database } from './schema';
import { shape } from './shape';

const COLUMNS = [
  'id',
  'tenant_id',
  'team_id',
  'channel_id',
  'conversation_id',
  'service_url',
  'title',
  'time_zone',
  'language',
  'phase',
  'created_by_id',
  'created_by_name',
  'created_at',
  'updated_at',
  'version',
] as const;

type WarRoomRow = Pick<Selectable<Database['war_rooms']>, (typeof COLUMNS)[number]>;

/** Per-war-room counters, by the name the port uses. */
const SEQUENCE_COLUMN = {
  incident: 'incident_seq',
  decision: 'decision_seq',
  action: 'action_seq',
} as const;

function toRow(w: WarRoom): Insertable<Database['war_rooms']> {
  return {
    id: w.id,
    tenant_id: w.tenantId,
    team_id: w.teamId,
    channel_id: w.channelId,
    conversation_id: w.conversationId,
    service_url: w.serviceUrl,
    title: w.title,
    time_zone: w.timeZone,
    language: w.language,
    phase: w.phase,
    created_by_id: w.createdById,
    created_by_name: w.createdByName,
    created_at: toIso(w.createdAt),
    updated_at: toIso(w.updatedAt),
    version: w.version,
  };
}

function fromRow(r: WarRoomRow): WarRoom {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    teamId: r.team_id,
    channelId: r.channel_id,
    conversationId: r.conversation_id,
    serviceUrl: r.service_url,
    title: r.title,
    timeZone: r.time_zone,
    language: oneOf(LANGUAGES, r.language, 'war_rooms.language'),
    phase: oneOf(PHASES, r.phase, 'war_rooms.phase'),
    createdById: r.created_by_id,
    createdByName: r.created_by_name,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
    version: r.version,
  };
}

// Read on every turn (and twice on a card click): compiled once, see shape.ts.
const byId = shape(['tenantId', 'id'], (db, p) =>
  db
    .selectFrom('war_rooms')
    .select(COLUMNS)
    .where('tenant_id', '=', p.tenantId)
    .where('id', '=', p.id),
);
// The tab's incident list reads its war room and open count together: one round trip.
const withOpenIncidents = shape(['tenantId', 'id'], (db, p) =>
  db
    .selectFrom('war_rooms')
    .select(COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('incidents')
        .select((c) => c.fn.countAll<number | string>().as('n'))
        .whereRef('incidents.tenant_id', '=', 'war_rooms.tenant_id')
        .whereRef('incidents.war_room_id', '=', 'war_rooms.id')
        .where('incidents.status', '!=', 'resolved')
        .as('open_incidents'),
    )
    .where('tenant_id', '=', p.tenantId)
    .where('id', '=', p.id),
);
const byChannel = shape(['tenantId', 'channelId'], (db, p) =>
  db
    .selectFrom('war_rooms')
    .select(COLUMNS)
    .where('tenant_id', '=', p.tenantId)
    .where('channel_id', '=', p.channelId),
);
// Taken by every incident, decision and action created: compiled once, see shape.ts.
const numberShape = (column: (typeof SEQUENCE_COLUMN)[keyof typeof SEQUENCE_COLUMN]) =>
  shape(['tenantId', 'warRoomId'], (db, p) =>
    db
      .updateTable('war_rooms')
      .set((eb) => ({ [column]: eb(column, '+', 1) }))
      .where('tenant_id', '=', p.tenantId)
      .where('id', '=', p.warRoomId)
      // The row as locked: its chain's head is current too (sql/audit.ts reads it from here).
      .returning([`${column} as n`, 'audit_seq', 'audit_hash']),
  );
const takeNumber = {
  incident: numberShape(SEQUENCE_COLUMN.incident),
  decision: numberShape(SEQUENCE_COLUMN.decision),
  action: numberShape(SEQUENCE_COLUMN.action),
};
const refreshUrl = shape(['tenantId', 'channelId', 'serviceUrl'], (db, p) =>
  db
    .updateTable('war_rooms')
    .set({ service_url: p.serviceUrl })
    .where('tenant_id', '=', p.tenantId)
    .where('channel_id', '=', p.channelId)
    .where('service_url', '<>', p.serviceUrl),
);

/** `serviceUrls`: what the transaction knows of stored service URLs (none: always write). */
export function warRoomRepo(x: Exec, serviceUrls?: TxServiceUrls): WarRoomRepo {
  const { db } = x;
  const select = (tenantId: string) =>
    db.selectFrom('war_rooms').select(COLUMNS).where('tenant_id', '=', tenantId);
  const one = async (query: Compilable<WarRoomRow>) => {
    const [row] = await x.all(query);
    return row && fromRow(row);
  };
  return {
    async insert(warRoom) {
      // DO NOTHING (not an error) keeps a pg transaction usable after the conflict, as in SQLite.
      const changed = await x.run(
        db
          .insertInto('war_rooms')
          .values(toRow(warRoom))
          .onConflict((oc) => oc.columns(['tenant_id', 'channel_id']).doNothing()),
      );
      if (changed === 0) throw new StorageConflictError('war_rooms.channel');
      serviceUrls?.stored(warRoom.tenantId, warRoom.channelId, warRoom.serviceUrl);
    },
    findById: (tenantId, id) => one(byId(db, { tenantId, id })),
    findByChannel: (tenantId, channelId) => one(byChannel(db, { tenantId, channelId })),
    async findWithOpenIncidents(tenantId, id) {
      const [row] = await x.all(withOpenIncidents(db, { tenantId, id }));
      return row && { warRoom: fromRow(row), openIncidents: Number(row.open_incidents ?? 0) };
    },
    async refreshServiceUrl(tenantId, channelId, serviceUrl) {
      if (serviceUrls?.isStored(tenantId, channelId, serviceUrl)) return false;
      const changed = await x.run(refreshUrl(db, { tenantId, channelId, serviceUrl }));
      serviceUrls?.stored(tenantId, channelId, serviceUrl);
      return changed > 0;
    },
    async listByTenant(tenantId) {
      const rows = await x.all(
        select(tenantId).orderBy('created_at', 'desc').orderBy('id', 'desc'),
      );
      return rows.map(fromRow);
    },
    async listAcrossTenants() {
      const rows = await x.all(
        db.selectFrom('war_rooms').select(COLUMNS).orderBy('created_at').orderBy('id'),
      );
      return rows.map(fromRow);
    },
    async lock(tenantId, warRoomId) {
      await x.lockWarRoom(tenantId, warRoomId);
      return { earlierReadsCurrent: x.serialised };
    },
    async nextNumber(tenantId, warRoomId, sequence) {
      // The UPDATE's row lock is what serialises concurrent takers in PostgreSQL.
      const [row] = await x.all(takeNumber[sequence](db, { tenantId, warRoomId }));
      if (!row) throw new Error(`no war room ${warRoomId} in this tenant`);
      x.warRoomLocked(tenantId, warRoomId);
      x.learnHead(tenantId, warRoomId, chainHead(row));
      return row.n;
    },
  };
}
