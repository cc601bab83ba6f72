import type { Actor } from '../../shared/domain/actor';
import { conflict, notFound } from '../../shared/domain/errors';
import { validTitle } from '../../shared/domain/title';
import type { ChannelBinding, WarRoom } from '../../shared/domain/warRoom';
import type { Language } from '../../shared/i18n';
import { StorageConflictError, type Storage, type Tx } from '../storage/types';
import { appendAudit } from './auditTrail';
import type { Clock, IdGenerator } from './clock';
import { withEffects, type Effects } from './effects';

export interface WarRoomDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
  defaultTimeZone: string;
  /** Runs in the transaction that starts a war room (the composition root asks for its roster). */
  onStarted?: (warRoom: WarRoom, tx: Tx) => Promise<void>;
}

/**
 * Who looks at war rooms through the tab. The local development identity is in no team's
 * roster: in local development mode it sees every war room of its tenant.
 */
export type Viewer = Actor & { devIdentity?: boolean };

/** Use cases of war rooms: open one in a channel; show the tab the ones its caller may see. */
export class WarRoomService {
  constructor(private readonly deps: WarRoomDeps) {}

  async start(
    actor: Actor,
    binding: ChannelBinding,
    rawTitle: string,
    language: Language,
    effects?: Effects<WarRoom>,
  ): Promise<WarRoom> {
    const title = validTitle(rawTitle, 'warroom');
    const { storage, clock, ids, defaultTimeZone } = this.deps;
    const now = clock.now().toISOString();
    const warRoom: WarRoom = {
      ...binding,
      tenantId: actor.tenantId,
      id: ids(),
      title,
      timeZone: defaultTimeZone,
      language,
      phase: 'planning',
      createdById: actor.userId,
      createdByName: actor.name,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    try {
      return await storage.transaction((tx) =>
        withEffects(tx, effects, now, ids, async () => {
          const existing = await tx.warRooms.findByChannel(actor.tenantId, binding.channelId);
          if (existing) throw conflict('warroom.alreadyExists', { title: existing.title });
          await tx.warRooms.insert(warRoom);
          await appendAudit(tx, {
            tenantId: actor.tenantId,
            warRoomId: warRoom.id,
            at: now,
            actorId: actor.userId,
            actorName: actor.name,
            action: 'warroom.started',
            subject: `warroom:${warRoom.id}`,
            before: null,
            after: warRoom,
          });
          await this.deps.onStarted?.(warRoom, tx);
          return warRoom;
        }),
      );
    } catch (e) {
      // Two starts racing in one channel: the store's unique rule decides.
      if (e instanceof StorageConflictError) {
        const winner = await this.findByChannel(actor.tenantId, binding.channelId);
        throw conflict('warroom.alreadyExists', { title: winner?.title ?? title });
      }
      throw e;
    }
  }

  findByChannel(tenantId: string, channelId: string): Promise<WarRoom | undefined> {
    return this.deps.storage.transaction((tx) => tx.warRooms.findByChannel(tenantId, channelId));
  }

  /** A war room the viewer may see; not found otherwise, so its existence does not leak. */
  async getVisible(viewer: Viewer, id: string): Promise<WarRoom> {
    return this.deps.storage.read((tx) => getVisibleIn(tx, viewer, id));
  }

  /**
   * The tab's war-room list: the war rooms the viewer may see (only the channel's when
   * `channelId` is given), each with its open incidents, read in one transaction.
   */
  listWithOpenCounts(
    viewer: Viewer,
    channelId: string | undefined,
  ): Promise<{ warRoom: WarRoom; openIncidents: number }[]> {
    return this.deps.storage.read(async (tx) => {
      const found =
        channelId === undefined
          ? await tx.warRooms.listByTenant(viewer.tenantId)
          : [await tx.warRooms.findByChannel(viewer.tenantId, channelId)].filter(
              (w): w is WarRoom => !!w,
            );
      const list: { warRoom: WarRoom; openIncidents: number }[] = [];
      // One COUNT per war room over an index, not every incident of every war room.
      for (const warRoom of await visibleTo(tx, viewer, found)) {
        const openIncidents = await tx.dashboard.openIncidentCount(warRoom.tenantId, warRoom.id);
        list.push({ warRoom, openIncidents });
      }
      return list;
    });
  }
}

/** `getVisible` within a transaction the caller already holds. */
export async function getVisibleIn(tx: Tx, viewer: Viewer, id: string): Promise<WarRoom> {
  const warRoom = await tx.warRooms.findById(viewer.tenantId, id);
  const found = warRoom && (await visibleTo(tx, viewer, [warRoom]))[0];
  if (!found) throw notFound('warroom.notFound');
  return found;
}

/** `getVisibleIn` and the war room's open incident count, read in one statement. */
export async function getVisibleWithOpenIncidents(
  tx: Tx,
  viewer: Viewer,
  id: string,
): Promise<{ warRoom: WarRoom; openIncidents: number }> {
  const found = await tx.warRooms.findWithOpenIncidents(viewer.tenantId, id);
  if (!found || !(await visibleTo(tx, viewer, [found.warRoom])).length) {
    throw notFound('warroom.notFound');
  }
  return found;
}

/**
 * Who sees a war room in the tab: the members of its team (per the roster, services/
 * roster.ts), its starter, and whoever holds a role in it. Before its team's roster is
 * first fetched, only the latter two do.
 */
export async function visibleTo(tx: Tx, viewer: Viewer, warRooms: WarRoom[]): Promise<WarRoom[]> {
  // Local development: the development identity is in no roster; it sees everything.
  if (viewer.devIdentity) return warRooms;
  const { tenantId, userId } = viewer;
  const teams = new Set(await tx.roster.teamsOf(tenantId, userId));
  const visible: WarRoom[] = [];
  for (const w of warRooms) {
    if (
      w.createdById === userId ||
      (w.teamId !== null && teams.has(w.teamId)) ||
      (await tx.roles.find(tenantId, w.id, { userId }))
    ) {
      visible.push(w);
    }
  }
  return visible;
}
