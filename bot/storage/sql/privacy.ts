import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../../shared/domain/audit';
import { mentions, REDACTED, redactOthers, type Pseudonym } from '../../../shared/domain/privacy';
import { scrubJson, type NameMatcher } from '../../../shared/domain/privacyText';
import { PERSON_TABLES, TENANT_TABLES, WAR_ROOM_TABLES, type TableSpec } from './personTables';
import { namesOf } from './privacyNames';
import { scrubQueued } from './privacyQueued';
import type { PersonRows, PrivacyRepo, Tombstone } from '../types';
import { encodeJson, type Exec } from './exec';
import { toIso } from './instant';

export { PERSON_TABLES, WAR_ROOM_TABLES } from './personTables';

/** Rows as plain records: the tables are named from personTables.ts, not by the type system. */
type Loose = Kysely<Record<string, Record<string, unknown>>>;

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

    namesOf: (tenantId, ids) => namesOf(x, tenantId, ids),

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
