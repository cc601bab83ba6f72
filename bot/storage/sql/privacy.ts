import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../../shared/domain/audit';
import {
  mentions,
  personPointers,
  REDACTED,
  redactOthers,
  replacementFor,
  type Pseudonym,
} from '../../../shared/domain/privacy';
import { pointerValue, scrubJson, type NameMatcher } from '../../../shared/domain/privacyText';
import { scrubQueued } from './privacyQueued';
import type { PersonRows, PrivacyRepo, Tombstone } from '../types';
import { encodeJson, type Exec } from './exec';
import { toIso } from './instant';

/** Rows as plain records: the tables are named from the list below, not by the type system. */
type Loose = Kysely<Record<string, Record<string, unknown>>>;

/**
 * Where a war room's records name people (decision 022): columns that hold an identifier,
 * the name columns that go with them, and JSON columns with Person objects inside.
 */
interface TableSpec {
  table: string;
  /** Column holding the war room's id. */
  warRoom: string;
  key: readonly string[];
  ids: readonly string[];
  names: readonly string[];
  /** JSON kept as text in both dialects. */
  json: readonly string[];
  /** A second identifier without a name of its own (who gave a role). */
  alsoIds?: readonly string[];
  /** Free text people wrote, which may name anyone (decision 028). */
  text: readonly string[];
  instants: readonly string[];
}

const spec = (s: Partial<TableSpec> & Pick<TableSpec, 'table' | 'ids' | 'names'>): TableSpec => ({
  warRoom: 'war_room_id',
  key: ['id'],
  json: [],
  text: [],
  instants: [],
  ...s,
});

export const PERSON_TABLES: readonly TableSpec[] = [
  spec({
    table: 'war_rooms',
    warRoom: 'id',
    ids: ['created_by_id'],
    names: ['created_by_name'],
    text: ['title'],
    instants: ['created_at', 'updated_at', 'closed_at'],
  }),
  spec({
    table: 'incidents',
    ids: ['reporter_id'],
    names: ['reporter_name'],
    json: ['owner'],
    text: ['title'],
    instants: ['created_at', 'updated_at', 'acknowledged_at', 'mitigated_at', 'resolved_at'],
  }),
  spec({
    table: 'incident_notes',
    ids: ['author_id'],
    names: ['author_name'],
    text: ['text'],
    instants: ['at'],
  }),
  spec({
    table: 'war_room_roles',
    key: ['war_room_id', 'teams_user_id'],
    ids: ['user_id', 'teams_user_id'],
    names: ['name'],
    alsoIds: ['assigned_by_id'],
    instants: ['assigned_at'],
  }),
  spec({
    table: 'decisions',
    ids: ['requester_id'],
    names: ['requester_name'],
    json: ['approvers', 'backup', 'responses'],
    text: ['question'],
    instants: ['created_at', 'updated_at', 'decided_at', 'deadline'],
  }),
  spec({
    table: 'actions',
    ids: ['created_by_id'],
    names: ['created_by_name'],
    json: ['owner', 'origin'],
    text: ['title'],
    instants: ['created_at', 'updated_at', 'due', 'done_at', 'reminded_at'],
  }),
  spec({
    table: 'freeze_windows',
    ids: ['created_by_id'],
    names: ['created_by_name'],
    text: ['reason'],
    instants: ['created_at', 'from_at', 'to_at', 'released_at'],
  }),
  spec({ table: 'migration_imports', ids: ['actor_id'], names: ['actor_name'], instants: ['at'] }),
  spec({
    table: 'migration_settings',
    key: ['war_room_id'],
    ids: ['updated_by_id'],
    names: ['updated_by_name'],
    instants: ['updated_at'],
  }),
  spec({
    table: 'api_keys',
    ids: ['created_by_id'],
    names: ['created_by_name'],
    instants: ['created_at', 'last_used_at', 'revoked_at'],
  }),
  spec({
    table: 'report_lessons',
    key: ['war_room_id'],
    ids: ['by_id'],
    names: ['by_name'],
    text: ['text'],
    instants: ['at'],
  }),
  spec({ table: 'handovers', ids: ['by_id'], names: ['by_name'], instants: ['at'] }),
];

/** Tells a name pointer from an identifier's (`replacementFor` gives this name for names). */
const NAME_PROBE: Pseudonym = { id: 'id', name: 'name' };

/** Tenant-wide caches about people: forgotten outright rather than pseudonymised. */
const TENANT_TABLES = [
  { table: 'team_members', ids: ['aad_object_id', 'teams_user_id'], instants: ['refreshed_at'] },
  { table: 'personal_chats', ids: ['teams_user_id'], instants: ['opened_at'] },
] as const;

/** Every table that belongs to a war room, children first: what a purge deletes. */
export const WAR_ROOM_TABLES = [
  'report_lessons',
  'handovers',
  'freeze_violations',
  'freeze_windows',
  'migration_items',
  'migration_imports',
  'migration_settings',
  'api_keys',
  'incident_notes',
  'incidents',
  'decisions',
  'actions',
  'war_room_roles',
  'audit_log',
] as const;

function theirs(
  s: TableSpec,
  row: Record<string, unknown>,
  ids: ReadonlySet<string>,
  names: NameMatcher | undefined,
): boolean {
  const idCols = [...s.ids, ...(s.alsoIds ?? [])];
  if (idCols.some((c) => typeof row[c] === 'string' && ids.has(row[c]))) return true;
  if (s.json.some((c) => typeof row[c] === 'string' && mentions(JSON.parse(row[c]), ids)))
    return true;
  // Named in text: a title, a note, or a comment inside a JSON column.
  return (
    !!names && [...s.text, ...s.json].some((c) => typeof row[c] === 'string' && names.test(row[c]))
  );
}

/** A row as the export shows it: instants in ISO 8601, JSON columns parsed. */
function readable(
  s: { instants: readonly string[]; json?: readonly string[] },
  row: Record<string, unknown>,
) {
  const out: Record<string, unknown> = { ...row };
  for (const c of s.instants)
    if (out[c] instanceof Date || typeof out[c] === 'string') out[c] = toIso(out[c] as string);
  for (const c of s.json ?? []) if (typeof out[c] === 'string') out[c] = JSON.parse(out[c]);
  return out;
}

export function privacyRepo(x: Exec): PrivacyRepo {
  const db = x.db as unknown as Loose;
  const rowsOf = (s: TableSpec, tenantId: string, warRoomId: string) =>
    x.all(
      db
        .selectFrom(s.table)
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where(s.warRoom, '=', warRoomId),
    );
  return {
    async identifiersOf(tenantId, aadObjectId) {
      const roster = await x.all(
        db
          .selectFrom('team_members')
          .select('teams_user_id')
          .where('tenant_id', '=', tenantId)
          .where('aad_object_id', '=', aadObjectId),
      );
      const roles = await x.all(
        db
          .selectFrom('war_room_roles')
          .select('teams_user_id')
          .where('tenant_id', '=', tenantId)
          .where('user_id', '=', aadObjectId),
      );
      const teamsIds = [...roster, ...roles].map((r) => String(r.teams_user_id));
      return [...new Set([aadObjectId, ...teamsIds])];
    },

    async findRows(tenantId, warRoomId, ids, names) {
      const found: PersonRows = {};
      for (const s of PERSON_TABLES) {
        const rows = (await rowsOf(s, tenantId, warRoomId)).filter((r) => theirs(s, r, ids, names));
        if (rows.length > 0) found[s.table] = rows.map((r) => redacted(s, readable(s, r), ids));
      }
      return found;
    },

    async findTenantRows(tenantId, ids) {
      const found: PersonRows = {};
      for (const s of TENANT_TABLES) {
        const rows = (
          await x.all(db.selectFrom(s.table).selectAll().where('tenant_id', '=', tenantId))
        ).filter((r) => s.ids.some((c) => typeof r[c] === 'string' && ids.has(r[c])));
        if (rows.length > 0) found[s.table] = rows.map((r) => readable(s, r));
      }
      return found;
    },

    async pseudonymiseRows(tenantId, warRoomId, ids, p, names) {
      const counts: Record<string, number> = {};
      for (const s of PERSON_TABLES) {
        for (const row of await rowsOf(s, tenantId, warRoomId)) {
          const set = replacement(s, row, ids, p, names);
          if (Object.keys(set).length === 0) continue;
          let update = db.updateTable(s.table).set(set).where('tenant_id', '=', tenantId);
          for (const k of s.key) update = update.where(k, '=', row[k]);
          await x.run(update);
          counts[s.table] = (counts[s.table] ?? 0) + 1;
        }
      }
      return counts;
    },

    async namesOf(tenantId, ids) {
      const list = [...ids];
      const names = new Set<string>();
      const add = (v: unknown) => typeof v === 'string' && v !== '' && names.add(v);
      for (const s of TENANT_TABLES) {
        const rows = await x.all(
          db
            .selectFrom(s.table)
            .selectAll()
            .where('tenant_id', '=', tenantId)
            .where((eb) => eb.or(s.ids.map((c) => eb(c, 'in', list)))),
        );
        for (const r of rows) for (const c of ['name', 'user_principal_name', 'email']) add(r[c]);
      }
      for (const s of PERSON_TABLES) {
        const rows = await x.all(
          db
            .selectFrom(s.table)
            .selectAll()
            .where('tenant_id', '=', tenantId)
            .where((eb) => eb.or([...s.ids, ...s.json].map((c) => eb(c, 'is not', null)))),
        );
        for (const r of rows) {
          if (s.ids.some((c) => typeof r[c] === 'string' && ids.has(r[c])))
            for (const c of s.names) add(r[c]);
          for (const c of s.json) {
            if (typeof r[c] !== 'string') continue;
            const value = JSON.parse(r[c]) as unknown;
            for (const ptr of personPointers(value, ids))
              if (replacementFor(ptr, NAME_PROBE) === NAME_PROBE.name)
                add(pointerValue(value, ptr));
          }
        }
      }
      const actors = await x.all(
        db
          .selectFrom('audit_log')
          .select('actor_name')
          .distinct()
          .where('tenant_id', '=', tenantId)
          .where('actor_id', 'in', list),
      );
      for (const r of actors) add(r.actor_name);
      return [...names];
    },

    scrubQueued: (tenantId, ids, p, names) => scrubQueued(x, tenantId, ids, p, names),

    async forgetTenantRows(tenantId, ids) {
      const counts: Record<string, number> = {};
      const list = [...ids];
      for (const s of TENANT_TABLES) {
        let n = 0;
        for (const c of s.ids) {
          n += await x.run(
            db.deleteFrom(s.table).where('tenant_id', '=', tenantId).where(c, 'in', list),
          );
        }
        if (n > 0) counts[s.table] = n;
      }
      return counts;
    },

    async beginErasure(warRoomId, at) {
      await x.run(
        db.insertInto('audit_erasures').values({ war_room_id: warRoomId, started_at: at }),
      );
    },

    async endErasure(warRoomId) {
      await x.run(db.deleteFrom('audit_erasures').where('war_room_id', '=', warRoomId));
    },

    async rewriteAudit(entry: AuditEntry) {
      await x.run(
        db
          .updateTable('audit_log')
          .set({
            actor_id: entry.actorId,
            actor_name: entry.actorName,
            before: encodeJson(entry.before),
            after: encodeJson(entry.after),
            personal: entry.personal ? encodeJson(entry.personal) : null,
          })
          .where('tenant_id', '=', entry.tenantId)
          .where('war_room_id', '=', entry.warRoomId)
          .where('seq', '=', entry.seq),
      );
    },

    async purgeWarRoom(tombstone: Tombstone) {
      // The tombstone first: the audit log's trigger lets rows go only once it exists.
      await x.run(
        db.insertInto('war_room_tombstones').values({
          tenant_id: tombstone.tenantId,
          war_room_id: tombstone.warRoomId,
          closed_at: tombstone.closedAt,
          purged_at: tombstone.purgedAt,
          counts: encodeJson(tombstone.counts),
          last_seq: tombstone.lastSeq,
          last_hash: tombstone.lastHash,
        }),
      );
      const counts: Record<string, number> = {};
      for (const table of WAR_ROOM_TABLES) {
        counts[table] = await x.run(
          db
            .deleteFrom(table)
            .where('tenant_id', '=', tombstone.tenantId)
            .where('war_room_id', '=', tombstone.warRoomId),
        );
      }
      // Its timers; outbox rows name no war room and are pruned by age (PRIVACY.md).
      counts.jobs = await x.run(
        db
          .deleteFrom('jobs')
          .where('tenant_id', '=', tombstone.tenantId)
          .where('war_room_id', '=', tombstone.warRoomId),
      );
      counts.war_rooms = await x.run(
        db
          .deleteFrom('war_rooms')
          .where('tenant_id', '=', tombstone.tenantId)
          .where('id', '=', tombstone.warRoomId),
      );
      // What was actually deleted, jobs and the war room's own row included.
      await x.run(
        db
          .updateTable('war_room_tombstones')
          .set({ counts: encodeJson(counts) })
          .where('war_room_id', '=', tombstone.warRoomId),
      );
      return counts;
    },

    async tombstones(tenantId) {
      const rows = await x.all(
        db
          .selectFrom('war_room_tombstones')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .orderBy('purged_at'),
      );
      return rows.map((r) => ({
        tenantId: String(r.tenant_id),
        warRoomId: String(r.war_room_id),
        closedAt: r.closed_at === null ? null : toIso(r.closed_at as string),
        purgedAt: toIso(r.purged_at as string),
        counts: x.decodeJson(r.counts) as Record<string, number>,
        lastSeq: Number(r.last_seq),
        lastHash: (r.last_hash as string | null) ?? null,
      }));
    },
  };
}

/** The row as the person's export shows it: everyone else's ids and names redacted. */
function redacted(
  s: TableSpec,
  row: Record<string, unknown>,
  ids: ReadonlySet<string>,
): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...row };
  const mine = s.ids.some((c) => typeof row[c] === 'string' && ids.has(row[c]));
  if (!mine) for (const c of [...s.ids, ...s.names]) if (copy[c] !== null) copy[c] = REDACTED;
  for (const c of s.alsoIds ?? []) {
    if (typeof row[c] === 'string' && !ids.has(row[c])) copy[c] = REDACTED;
  }
  for (const c of s.json) if (copy[c] !== null) copy[c] = redactOthers(copy[c], ids);
  return copy;
}

/** The columns to change so the row no longer names the person; empty when it did not. */
function replacement(
  s: TableSpec,
  row: Record<string, unknown>,
  ids: ReadonlySet<string>,
  p: Pseudonym,
  names: NameMatcher | undefined,
): Record<string, string> {
  const set: Record<string, string> = {};
  if (s.ids.some((c) => typeof row[c] === 'string' && ids.has(row[c]))) {
    for (const c of s.ids) if (row[c] !== null) set[c] = p.id;
    for (const c of s.names) set[c] = p.name;
  }
  for (const c of s.alsoIds ?? []) if (typeof row[c] === 'string' && ids.has(row[c])) set[c] = p.id;
  for (const c of s.json) {
    if (typeof row[c] !== 'string') continue;
    const { value, changed } = scrubJson(JSON.parse(row[c]) as unknown, ids, p, names);
    if (changed) set[c] = JSON.stringify(value);
  }
  for (const c of s.text) {
    if (!names || typeof row[c] !== 'string' || !names.test(row[c])) continue;
    set[c] = names.replace(row[c], p.name);
  }
  return set;
}
