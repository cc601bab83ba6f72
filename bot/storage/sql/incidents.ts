import { INCIDENT_STATUSES, SEVERITIES, type Incident } from '../../../shared/domain/incident';
import { StorageConflictError, type IncidentRepo } from '../types';
import { oneOf, placeholders, type Exec, type SqlValue } from './exec';
import { toIso, toIsoOrNull } from './instant';

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
] as const;
const SELECT = `SELECT ${COLUMNS.join(', ')} FROM incidents`;

type Instant = string | Date;
interface IncidentRow {
  id: string;
  tenant_id: string;
  war_room_id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  reporter_id: string;
  reporter_name: string;
  created_at: Instant;
  updated_at: Instant;
  acknowledged_at: Instant | null;
  mitigated_at: Instant | null;
  resolved_at: Instant | null;
  version: number;
  card_activity_id: string | null;
}

function toValues(i: Incident): SqlValue[] {
  return [
    i.id,
    i.tenantId,
    i.warRoomId,
    i.number,
    i.title,
    i.severity,
    i.status,
    i.reporterId,
    i.reporterName,
    toIso(i.createdAt),
    toIso(i.updatedAt),
    toIsoOrNull(i.acknowledgedAt),
    toIsoOrNull(i.mitigatedAt),
    toIsoOrNull(i.resolvedAt),
    i.version,
    i.cardActivityId,
  ];
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
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
    acknowledgedAt: toIsoOrNull(r.acknowledged_at),
    mitigatedAt: toIsoOrNull(r.mitigated_at),
    resolvedAt: toIsoOrNull(r.resolved_at),
    version: r.version,
    cardActivityId: r.card_activity_id,
  };
}

export function incidentRepo(x: Exec): IncidentRepo {
  const one = async (where: string, params: SqlValue[]) => {
    const [row] = await x.all<IncidentRow>(`${SELECT} WHERE ${where}`, params);
    return row && fromRow(row);
  };
  return {
    async insert(incident) {
      const changed = await x.run(
        `INSERT INTO incidents (${COLUMNS.join(', ')}) VALUES (${placeholders(COLUMNS.length)})
         ON CONFLICT (war_room_id, number) DO NOTHING`,
        toValues(incident),
      );
      if (changed === 0) throw new StorageConflictError('incidents.number');
    },
    findById: (tenantId, id) => one('tenant_id = ? AND id = ?', [tenantId, id]),
    findByNumber: (tenantId, warRoomId, number) =>
      one('tenant_id = ? AND war_room_id = ? AND number = ?', [tenantId, warRoomId, number]),
    async update(i, expectedVersion) {
      // Identity, war room, number, reporter and creation time never change.
      const changed = await x.run(
        `UPDATE incidents SET title = ?, severity = ?, status = ?, updated_at = ?,
           acknowledged_at = ?, mitigated_at = ?, resolved_at = ?, version = ?
         WHERE tenant_id = ? AND id = ? AND version = ?`,
        [
          i.title,
          i.severity,
          i.status,
          toIso(i.updatedAt),
          toIsoOrNull(i.acknowledgedAt),
          toIsoOrNull(i.mitigatedAt),
          toIsoOrNull(i.resolvedAt),
          i.version,
          i.tenantId,
          i.id,
          expectedVersion,
        ],
      );
      return changed === 1;
    },
    async setCardActivityId(tenantId, id, activityId) {
      const changed = await x.run(
        'UPDATE incidents SET card_activity_id = ? WHERE tenant_id = ? AND id = ?',
        [activityId, tenantId, id],
      );
      return changed === 1;
    },
    async listByWarRoom(tenantId, warRoomId) {
      const rows = await x.all<IncidentRow>(
        `${SELECT} WHERE tenant_id = ? AND war_room_id = ? ORDER BY number`,
        [tenantId, warRoomId],
      );
      return rows.map(fromRow);
    },
  };
}
