import type { Insertable, Selectable } from 'kysely';
import type { RosterEntry, RosterRepo } from '../types';
import type { Exec } from './exec';
import { toIso } from './instant';
import type { Database } from './schema';

type MemberRow = Selectable<Database['team_members']>;

/**
 * Rows per INSERT when a whole roster is written: 8 parameters a row stays far below
 * SQLite's 32,766 and PostgreSQL's 65,535 bound parameters for a 25,000-member team.
 */
const CHUNK = 500;

function toRow(e: RosterEntry): Insertable<Database['team_members']> {
  return {
    tenant_id: e.tenantId,
    team_id: e.teamId,
    teams_user_id: e.teamsUserId,
    aad_object_id: e.aadObjectId,
    name: e.name,
    user_principal_name: e.userPrincipalName,
    email: e.email,
    refreshed_at: toIso(e.refreshedAt),
  };
}

function fromRow(r: MemberRow): RosterEntry {
  return {
    tenantId: r.tenant_id,
    teamId: r.team_id,
    teamsUserId: r.teams_user_id,
    aadObjectId: r.aad_object_id,
    name: r.name,
    userPrincipalName: r.user_principal_name,
    email: r.email,
    refreshedAt: toIso(r.refreshed_at),
  };
}

export function rosterRepo(x: Exec): RosterRepo {
  const { db } = x;
  const ofTeam = (tenantId: string, teamId: string) =>
    db.selectFrom('team_members').where('tenant_id', '=', tenantId).where('team_id', '=', teamId);
  return {
    async replaceTeam(tenantId, teamId, members, at) {
      await x.run(
        db
          .deleteFrom('team_members')
          .where('tenant_id', '=', tenantId)
          .where('team_id', '=', teamId),
      );
      const rows = members.map((m) => toRow({ ...m, tenantId, teamId, refreshedAt: at }));
      for (let i = 0; i < rows.length; i += CHUNK) {
        await x.run(db.insertInto('team_members').values(rows.slice(i, i + CHUNK)));
      }
    },
    async upsert(entry) {
      await x.run(
        db
          .insertInto('team_members')
          .values(toRow(entry))
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'team_id', 'teams_user_id']).doUpdateSet((eb) => ({
              aad_object_id: eb.fn.coalesce('excluded.aad_object_id', 'team_members.aad_object_id'),
              name: eb.fn.coalesce(
                eb.fn<string | null>('nullif', [eb.ref('excluded.name'), eb.val('')]),
                'team_members.name',
              ),
              user_principal_name: eb.fn.coalesce(
                'excluded.user_principal_name',
                'team_members.user_principal_name',
              ),
              email: eb.fn.coalesce('excluded.email', 'team_members.email'),
              refreshed_at: eb.ref('excluded.refreshed_at'),
            })),
          ),
      );
    },
    async remove(tenantId, teamId, teamsUserId) {
      const removed = await x.run(
        db
          .deleteFrom('team_members')
          .where('tenant_id', '=', tenantId)
          .where('team_id', '=', teamId)
          .where('teams_user_id', '=', teamsUserId),
      );
      return removed > 0;
    },
    async teamsOf(tenantId, aadObjectId) {
      const rows = await x.all(
        db
          .selectFrom('team_members')
          .select('team_id')
          .distinct()
          .where('tenant_id', '=', tenantId)
          .where('aad_object_id', '=', aadObjectId),
      );
      return rows.map((r) => r.team_id).sort();
    },
    async list(tenantId, teamId) {
      const rows = await x.all(ofTeam(tenantId, teamId).selectAll());
      // Sorted here: the engines' collations order text differently.
      return rows
        .map(fromRow)
        .sort((a, b) =>
          a.teamsUserId < b.teamsUserId ? -1 : a.teamsUserId > b.teamsUserId ? 1 : 0,
        );
    },
    async findPeople(tenantId, teamId, teamsUserIds, aadObjectIds) {
      if (teamsUserIds.length === 0 && aadObjectIds.length === 0) return [];
      const rows = await x.all(
        ofTeam(tenantId, teamId)
          .selectAll()
          .where((eb) =>
            eb.or([
              ...(teamsUserIds.length > 0 ? [eb('teams_user_id', 'in', teamsUserIds)] : []),
              ...(aadObjectIds.length > 0 ? [eb('aad_object_id', 'in', aadObjectIds)] : []),
            ]),
          ),
      );
      return rows.map(fromRow);
    },
    async findByAadObjectId(tenantId, teamId, aadObjectId) {
      const [row] = await x.all(
        ofTeam(tenantId, teamId).selectAll().where('aad_object_id', '=', aadObjectId).limit(1),
      );
      return row && fromRow(row);
    },
    async lastRefreshed(tenantId, teamId) {
      const [row] = await x.all(
        ofTeam(tenantId, teamId).select((eb) => eb.fn.min('refreshed_at').as('oldest')),
      );
      return row?.oldest == null ? undefined : toIso(row.oldest);
    },
  };
}
