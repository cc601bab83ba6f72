import { z } from 'zod';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { Logger } from '../logger';
import type { Storage, TeamMember, Tx } from '../storage/types';
import type { Clock } from './clock';
import type { JobKind, Scheduler } from './scheduler';

export type Member = TeamMember;

/** The port through which the roster is read from Teams (bot/teams/rosterSource.ts). */
export interface RosterSource {
  /**
   * Every member of the team, across all pages. Each call to Teams is bounded in time;
   * rejects when one does not answer, and when `signal` aborts.
   */
  teamMembers(serviceUrl: string, teamId: string, signal?: AbortSignal): Promise<Member[]>;
}

/** A team, and the service URL its activities came with (where its roster is asked for). */
export interface TeamRef {
  tenantId: string;
  teamId: string;
  serviceUrl: string;
}

export const ROSTER_REFRESH = 'roster.refresh';

export interface RosterOptions {
  /** A roster younger than this is not fetched again unless forced. */
  ttlMs: number;
  /** Bound of one refresh job (every page of a big team); shorter than the scheduler's lease. */
  jobTimeoutMs: number;
}

export const DEFAULT_ROSTER: RosterOptions = { ttlMs: 6 * 60 * 60_000, jobTimeoutMs: 120_000 };

export interface RosterDeps {
  storage: Storage;
  clock: Clock;
  logger: Logger;
  source: RosterSource;
  scheduler: Pick<Scheduler, 'schedule'>;
  options?: Partial<RosterOptions>;
}

const payloadSchema = z.object({
  tenantId: z.string().min(1),
  teamId: z.string().min(1),
  serviceUrl: z.string().min(1),
  force: z.boolean().optional(),
});

/**
 * Team rosters, cached from the Bot Connector (docs/decisions/010): fetched whole by a
 * scheduler job (when a war room starts, when the bot joins a team, when a membership
 * event finds the roster missing or stale), and kept current between fetches by Teams'
 * membership events.
 */
export class RosterService {
  private readonly options: RosterOptions;

  constructor(private readonly deps: RosterDeps) {
    this.options = { ...DEFAULT_ROSTER, ...deps.options };
  }

  /**
   * Fetches the team's members and makes them its roster, unless the roster is fresh and
   * the refresh not forced. The fetch happens outside any transaction; the replacement is
   * one transaction. Returns whether it fetched.
   */
  async refresh(
    team: TeamRef,
    opts: { force?: boolean; signal?: AbortSignal } = {},
  ): Promise<boolean> {
    const { storage, clock, source } = this.deps;
    const { tenantId, teamId } = team;
    if (!opts.force && (await storage.transaction((tx) => this.isFresh(tx, team)))) return false;
    const startedAt = clock.now().toISOString();
    const members = uniqueById(await source.teamMembers(team.serviceUrl, teamId, opts.signal));
    opts.signal?.throwIfAborted(); // the run was given up: whoever runs it next writes
    const fetched = new Set(members.map((m) => m.teamsUserId));
    await storage.transaction(async (tx) => {
      // Someone a membership event added while the fetch ran joined after Teams' snapshot.
      const joined = (await tx.roster.list(tenantId, teamId)).filter(
        (e) => e.refreshedAt > startedAt && !fetched.has(e.teamsUserId),
      );
      await tx.roster.replaceTeam(tenantId, teamId, members, startedAt);
      for (const entry of joined) await tx.roster.upsert(entry);
    });
    this.deps.logger.info('roster refreshed', { tenantId, teamId, members: members.length });
    return true;
  }

  /**
   * Schedules a refresh of the team's roster unless it is fresh (`force`: whatever its
   * age), in `tx` when given. Returns whether a job was added.
   */
  async scheduleRefresh(team: TeamRef, opts: { force?: boolean } = {}, tx?: Tx): Promise<boolean> {
    const force = opts.force ?? false;
    if (!force) {
      const fresh = tx
        ? await this.isFresh(tx, team)
        : await this.deps.storage.transaction((t) => this.isFresh(t, team));
      if (fresh) return false;
    }
    const now = this.deps.clock.now();
    return this.deps.scheduler.schedule(
      {
        kind: ROSTER_REFRESH,
        dueAt: now,
        tenantId: team.tenantId,
        payload: {
          tenantId: team.tenantId,
          teamId: team.teamId,
          serviceUrl: team.serviceUrl,
          force,
        },
        dedupeKey: rosterJobKey(team, now, this.options.ttlMs, force),
      },
      tx,
    );
  }

  /** A war room was started (in `tx`): its team's roster is fetched unless it is fresh. */
  async warRoomStarted(warRoom: WarRoom, tx: Tx): Promise<void> {
    if (!warRoom.teamId) return; // not in a team: no roster to fetch
    const { tenantId, teamId, serviceUrl } = warRoom;
    await this.scheduleRefresh({ tenantId, teamId, serviceUrl }, {}, tx);
  }

  /**
   * People joined the team (a membership event): they are in the roster at once. A roster
   * that is missing (the event came first) or stale is fetched whole as well.
   */
  async membersAdded(team: TeamRef, members: Member[]): Promise<void> {
    const { tenantId, teamId } = team;
    const now = this.deps.clock.now().toISOString();
    await this.deps.storage.transaction(async (tx) => {
      // Before the upserts: a roster of only the people just added would look fresh.
      const last = await tx.roster.lastRefreshed(tenantId, teamId);
      if (!last || this.isStale(last)) await this.scheduleRefresh(team, { force: !last }, tx);
      for (const m of uniqueById(members)) {
        await tx.roster.upsert({ ...m, tenantId, teamId, refreshedAt: now });
      }
    });
  }

  /** People left the team (a membership event). */
  async membersRemoved(team: TeamRef, teamsUserIds: string[]): Promise<void> {
    await this.deps.storage.transaction(async (tx) => {
      for (const id of new Set(teamsUserIds))
        await tx.roster.remove(team.tenantId, team.teamId, id);
    });
  }

  /** The bot was added to the team: fetch the whole roster, whatever its age. */
  async botAdded(team: TeamRef): Promise<void> {
    await this.scheduleRefresh(team, { force: true });
  }

  /**
   * The bot was removed from the team: no membership event will reach it any more, so the
   * roster would go stale unnoticed. It is forgotten (and its names and e-mail addresses
   * with it); the team's war rooms stay visible to their starters and role holders.
   */
  async botRemoved(team: TeamRef): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    await this.deps.storage.transaction((tx) =>
      tx.roster.replaceTeam(team.tenantId, team.teamId, [], now),
    );
  }

  /** The scheduler's job kind that runs refreshes (registered by the composition root). */
  job(): JobKind {
    return {
      kind: ROSTER_REFRESH,
      timeoutMs: this.options.jobTimeoutMs,
      handler: async (job, ctx) => {
        const { force, ...team } = payloadSchema.parse(job.payload);
        await this.refresh(team, { force: force ?? false, signal: ctx.signal });
      },
    };
  }

  private async isFresh(tx: Tx, team: TeamRef): Promise<boolean> {
    const last = await tx.roster.lastRefreshed(team.tenantId, team.teamId);
    return last !== undefined && !this.isStale(last);
  }

  private isStale(lastRefreshed: string): boolean {
    return this.deps.clock.now().getTime() - Date.parse(lastRefreshed) >= this.options.ttlMs;
  }
}

/**
 * The dedupe key of a refresh: `roster:<tenant>:<team>` and the TTL window it falls in. A
 * done or failed job keeps its key (decision 009), so a key without the window would
 * block every later refresh of the team; with it, one refresh per team per window, and
 * one forced one.
 */
export function rosterJobKey(team: TeamRef, at: Date, ttlMs: number, force = false): string {
  const window = Math.floor(at.getTime() / ttlMs);
  return `roster:${team.tenantId}:${team.teamId}:${window}${force ? ':forced' : ''}`;
}

/** Teams lists each member once; pages of a team that changes meanwhile may not. Last wins. */
function uniqueById(members: Member[]): Member[] {
  return [...new Map(members.map((m) => [m.teamsUserId, m])).values()];
}
