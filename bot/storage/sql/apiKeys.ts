import type { Insertable, Selectable } from 'kysely';
import type { ApiKey } from '../../../shared/domain/apiKey';
import { StorageConflictError, type ApiKeyRepo } from '../types';
import type { Exec } from './exec';
import { toIso, toIsoOrNull } from './instant';
import type { Database } from './schema';
import { shape } from './shape';

type KeyRow = Selectable<Database['api_keys']>;

function toRow(k: ApiKey): Insertable<Database['api_keys']> {
  return {
    id: k.id,
    tenant_id: k.tenantId,
    war_room_id: k.warRoomId,
    name: k.name,
    key_hash: k.keyHash,
    created_by_id: k.createdById,
    created_by_name: k.createdByName,
    created_at: toIso(k.createdAt),
    last_used_at: toIsoOrNull(k.lastUsedAt),
    revoked_at: toIsoOrNull(k.revokedAt),
  };
}

function fromRow(r: KeyRow): ApiKey {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    warRoomId: r.war_room_id,
    name: r.name,
    keyHash: r.key_hash,
    createdById: r.created_by_id,
    createdByName: r.created_by_name,
    createdAt: toIso(r.created_at),
    lastUsedAt: toIsoOrNull(r.last_used_at),
    revokedAt: toIsoOrNull(r.revoked_at),
  };
}

// Every request of a script looks its key up: compiled once (and prepared), see shape.ts.
const byHash = shape(['keyHash'], (db, p) =>
  db
    .selectFrom('api_keys')
    .select([
      'id',
      'tenant_id',
      'war_room_id',
      'name',
      'key_hash',
      'created_by_id',
      'created_by_name',
      'created_at',
      'last_used_at',
      'revoked_at',
    ])
    .where('key_hash', '=', p.keyHash),
);

export function apiKeyRepo(x: Exec): ApiKeyRepo {
  const { db } = x;
  const select = () => db.selectFrom('api_keys').selectAll();
  return {
    async insert(key) {
      // DO NOTHING (not an error) keeps a pg transaction usable after the conflict.
      const changed = await x.run(
        db
          .insertInto('api_keys')
          .values(toRow(key))
          .onConflict((oc) => oc.column('key_hash').doNothing()),
      );
      if (changed === 0) throw new StorageConflictError('api_keys.key_hash');
    },
    async findByHash(keyHash) {
      const [row] = await x.all(byHash(db, { keyHash }));
      return row && fromRow(row);
    },
    async findById(tenantId, id) {
      const [row] = await x.all(select().where('tenant_id', '=', tenantId).where('id', '=', id));
      return row && fromRow(row);
    },
    async list(tenantId, warRoomId) {
      const rows = await x.all(
        select()
          .where('tenant_id', '=', tenantId)
          .where('war_room_id', '=', warRoomId)
          .orderBy('created_at')
          .orderBy('id'),
      );
      return rows.map(fromRow);
    },
    async revoke(tenantId, id, at) {
      const changed = await x.run(
        db
          .updateTable('api_keys')
          .set({ revoked_at: toIso(at) })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where('revoked_at', 'is', null),
      );
      return changed > 0;
    },
    async markUsed(tenantId, id, at, notBefore) {
      const changed = await x.run(
        db
          .updateTable('api_keys')
          .set({ last_used_at: toIso(at) })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where((eb) =>
            eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', toIso(notBefore))]),
          ),
      );
      return changed > 0;
    },
  };
}
