import type { Insertable, Selectable } from 'kysely';
import {
  IMPORT_FORMATS,
  IMPORT_SOURCES,
  type MigrationImport,
  type MigrationSettings,
} from '../../../shared/domain/migration';
import { columnMappingSchema } from '../../../shared/migration/columns';
import { statusValuesSchema } from '../../../shared/migration/status';
import type { MigrationImportRepo, MigrationSettingsRepo } from '../types';
import { oneOf, type Exec } from './exec';
import { toIso } from './instant';
import type { Database } from './schema';
import { shape } from './shape';

type ImportRow = Selectable<Database['migration_imports']>;

function toRow(i: MigrationImport): Insertable<Database['migration_imports']> {
  return {
    id: i.id,
    tenant_id: i.tenantId,
    war_room_id: i.warRoomId,
    at: toIso(i.at),
    actor_id: i.actorId,
    actor_name: i.actorName,
    source: i.source,
    format: i.format,
    rows_read: i.rowsRead,
    created: i.created,
    updated: i.updated,
    unchanged: i.unchanged,
    content_hash: i.contentHash,
  };
}

function fromRow(r: ImportRow): MigrationImport {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    warRoomId: r.war_room_id,
    at: toIso(r.at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    source: oneOf(IMPORT_SOURCES, r.source, 'migration_imports.source'),
    format: oneOf(IMPORT_FORMATS, r.format, 'migration_imports.format'),
    rowsRead: r.rows_read,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    contentHash: r.content_hash,
  };
}

// The last import, read by every GET …/migration: compiled once, see shape.ts.
const recent = shape(
  ['tenantId', 'warRoomId', 'limit'],
  (db, p: { tenantId: string; warRoomId: string; limit: number }) =>
    db
      .selectFrom('migration_imports')
      .select([
        'id',
        'tenant_id',
        'war_room_id',
        'at',
        'actor_id',
        'actor_name',
        'source',
        'format',
        'rows_read',
        'created',
        'updated',
        'unchanged',
        'content_hash',
      ])
      .where('tenant_id', '=', p.tenantId)
      .where('war_room_id', '=', p.warRoomId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(p.limit),
);

export function migrationImportRepo(x: Exec): MigrationImportRepo {
  const { db } = x;
  return {
    async insert(record) {
      await x.run(db.insertInto('migration_imports').values(toRow(record)));
    },
    async findById(tenantId, id) {
      const [row] = await x.all(
        db
          .selectFrom('migration_imports')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id),
      );
      return row && fromRow(row);
    },
    async listRecent(tenantId, warRoomId, limit) {
      const rows = await x.all(recent(db, { tenantId, warRoomId, limit }));
      return rows.map(fromRow);
    },
  };
}

export function migrationSettingsRepo(x: Exec): MigrationSettingsRepo {
  const { db } = x;
  return {
    async find(tenantId, warRoomId) {
      const [r] = await x.all(
        db
          .selectFrom('migration_settings')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('war_room_id', '=', warRoomId),
      );
      if (!r) return undefined;
      // Parsed with the schemas that admitted them, so a corrupt row fails loudly.
      return {
        tenantId: r.tenant_id,
        warRoomId: r.war_room_id,
        mapping: r.mapping === null ? null : columnMappingSchema.parse(JSON.parse(r.mapping)),
        statusValues: statusValuesSchema.parse(JSON.parse(r.status_values)),
        updatedById: r.updated_by_id,
        updatedByName: r.updated_by_name,
        updatedAt: toIso(r.updated_at),
      } satisfies MigrationSettings;
    },
    async put(s) {
      const row = {
        tenant_id: s.tenantId,
        war_room_id: s.warRoomId,
        mapping: s.mapping === null ? null : JSON.stringify(s.mapping),
        status_values: JSON.stringify(s.statusValues),
        updated_by_id: s.updatedById,
        updated_by_name: s.updatedByName,
        updated_at: toIso(s.updatedAt),
      };
      await x.run(
        db
          .insertInto('migration_settings')
          .values(row)
          .onConflict((oc) =>
            oc.column('war_room_id').doUpdateSet({
              mapping: row.mapping,
              status_values: row.status_values,
              updated_by_id: row.updated_by_id,
              updated_by_name: row.updated_by_name,
              updated_at: row.updated_at,
            }),
          ),
      );
    },
  };
}
