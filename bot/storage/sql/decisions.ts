import type { Insertable, Selectable } from 'kysely';
import {
  DECISION_KINDS,
  DECISION_RULES,
  DECISION_STATUSES,
  type Decision,
  type DecisionResponse,
} from '../../../shared/domain/decision';
import type { Person } from '../../../shared/domain/person';
import type { DecisionRepo } from '../types';
import { oneOf, type Exec } from './exec';
import { toIso, toIsoOrNull } from './instant';
import type { Database } from './schema';

type DecisionRow = Selectable<Database['decisions']>;

function toRow(d: Decision): Insertable<Database['decisions']> {
  return {
    id: d.id,
    tenant_id: d.tenantId,
    war_room_id: d.warRoomId,
    number: d.number,
    kind: d.kind,
    question: d.question,
    rule: d.rule,
    approvers: JSON.stringify(d.approvers),
    backup: d.backup ? JSON.stringify(d.backup) : null,
    deadline: toIsoOrNull(d.deadline),
    status: d.status,
    responses: JSON.stringify(d.responses),
    requester_id: d.requesterId,
    requester_name: d.requesterName,
    created_at: toIso(d.createdAt),
    updated_at: toIso(d.updatedAt),
    decided_at: toIsoOrNull(d.decidedAt),
    version: d.version,
  };
}

function fromRow(r: DecisionRow): Decision {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    warRoomId: r.war_room_id,
    number: r.number,
    kind: oneOf(DECISION_KINDS, r.kind, 'decisions.kind'),
    question: r.question,
    rule: oneOf(DECISION_RULES, r.rule, 'decisions.rule'),
    approvers: JSON.parse(r.approvers) as Person[],
    backup: r.backup ? (JSON.parse(r.backup) as Person) : null,
    deadline: toIsoOrNull(r.deadline),
    status: oneOf(DECISION_STATUSES, r.status, 'decisions.status'),
    responses: JSON.parse(r.responses) as DecisionResponse[],
    requesterId: r.requester_id,
    requesterName: r.requester_name,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
    decidedAt: toIsoOrNull(r.decided_at),
    version: r.version,
  };
}

export function decisionRepo(x: Exec): DecisionRepo {
  const { db } = x;
  return {
    async insert(d) {
      await x.run(db.insertInto('decisions').values(toRow(d)));
    },
    async findById(tenantId, id) {
      const [row] = await x.all(
        db
          .selectFrom('decisions')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id),
      );
      return row && fromRow(row);
    },
    async findByNumber(tenantId, warRoomId, number) {
      const [row] = await x.all(
        db
          .selectFrom('decisions')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('war_room_id', '=', warRoomId)
          .where('number', '=', number),
      );
      return row && fromRow(row);
    },
    async update(d, expectedVersion) {
      // The question and who asked never change; answers, status and (on escalation to
      // the backup) the approvers do.
      const changed = await x.run(
        db
          .updateTable('decisions')
          .set({
            status: d.status,
            approvers: JSON.stringify(d.approvers),
            responses: JSON.stringify(d.responses),
            deadline: toIsoOrNull(d.deadline),
            backup: d.backup ? JSON.stringify(d.backup) : null,
            updated_at: toIso(d.updatedAt),
            decided_at: toIsoOrNull(d.decidedAt),
            version: d.version,
          })
          .where('tenant_id', '=', d.tenantId)
          .where('id', '=', d.id)
          .where('version', '=', expectedVersion),
      );
      return changed === 1;
    },
    async listByWarRoom(tenantId, warRoomId) {
      const rows = await x.all(
        db
          .selectFrom('decisions')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('war_room_id', '=', warRoomId)
          .orderBy('number'),
      );
      return rows.map(fromRow);
    },
  };
}
