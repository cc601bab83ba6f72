import { PHASES, type WarRoom } from '../../../shared/domain/warRoom';
import { LANGUAGES } from '../../../shared/i18n';
import { StorageConflictError, type WarRoomRepo } from '../types';
import { oneOf, placeholders, type Exec, type SqlValue } from './exec';
import { toIso } from './instant';

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
const SELECT = `SELECT ${COLUMNS.join(', ')} FROM war_rooms`;

interface WarRoomRow {
  id: string;
  tenant_id: string;
  team_id: string | null;
  channel_id: string;
  conversation_id: string;
  service_url: string;
  title: string;
  time_zone: string;
  language: string;
  phase: string;
  created_by_id: string;
  created_by_name: string;
  created_at: string | Date;
  updated_at: string | Date;
  version: number;
}

/** Per-war-room counters, by the name the port uses. */
const SEQUENCE_COLUMN = { incident: 'incident_seq' } as const;

function toValues(w: WarRoom): SqlValue[] {
  return [
    w.id,
    w.tenantId,
    w.teamId,
    w.channelId,
    w.conversationId,
    w.serviceUrl,
    w.title,
    w.timeZone,
    w.language,
    w.phase,
    w.createdById,
    w.createdByName,
    toIso(w.createdAt),
    toIso(w.updatedAt),
    w.version,
  ];
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

export function warRoomRepo(x: Exec): WarRoomRepo {
  const one = async (where: string, params: SqlValue[]) => {
    const [row] = await x.all<WarRoomRow>(`${SELECT} WHERE ${where}`, params);
    return row && fromRow(row);
  };
  return {
    async insert(warRoom) {
      // DO NOTHING (not an error) keeps a pg transaction usable after the conflict, as in SQLite.
      const changed = await x.run(
        `INSERT INTO war_rooms (${COLUMNS.join(', ')}) VALUES (${placeholders(COLUMNS.length)})
         ON CONFLICT (tenant_id, channel_id) DO NOTHING`,
        toValues(warRoom),
      );
      if (changed === 0) throw new StorageConflictError('war_rooms.channel');
    },
    findById: (tenantId, id) => one('tenant_id = ? AND id = ?', [tenantId, id]),
    findByChannel: (tenantId, channelId) =>
      one('tenant_id = ? AND channel_id = ?', [tenantId, channelId]),
    async refreshServiceUrl(tenantId, channelId, serviceUrl) {
      const changed = await x.run(
        `UPDATE war_rooms SET service_url = ?
         WHERE tenant_id = ? AND channel_id = ? AND service_url <> ?`,
        [serviceUrl, tenantId, channelId, serviceUrl],
      );
      return changed > 0;
    },
    async listByTenant(tenantId) {
      const rows = await x.all<WarRoomRow>(
        `${SELECT} WHERE tenant_id = ? ORDER BY created_at DESC, id DESC`,
        [tenantId],
      );
      return rows.map(fromRow);
    },
    async nextNumber(tenantId, warRoomId, sequence) {
      const column = SEQUENCE_COLUMN[sequence];
      // The UPDATE's row lock is what serialises concurrent takers in PostgreSQL.
      const [row] = await x.all<{ n: number }>(
        `UPDATE war_rooms SET ${column} = ${column} + 1 WHERE tenant_id = ? AND id = ?
         RETURNING ${column} AS n`,
        [tenantId, warRoomId],
      );
      if (!row) throw new Error(`no war room ${warRoomId} in this tenant`);
      return row.n;
    },
  };
}
