import type { Actor } from '../../shared/domain/actor';
import { conflict, notFound } from '../../shared/domain/errors';
import { validTitle } from '../../shared/domain/title';
import type { ChannelBinding, WarRoom } from '../../shared/domain/warRoom';
import type { Language } from '../../shared/i18n';
import { StorageConflictError, type Storage } from '../storage/types';
import { appendAudit } from './auditTrail';
import type { Clock, IdGenerator } from './clock';
import { withEffects, type Effects } from './effects';

export interface WarRoomDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
  defaultTimeZone: string;
}

/** Use cases of war rooms: open one in a channel, find it again, list a tenant's. */
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

  async get(actor: Actor, id: string): Promise<WarRoom> {
    const found = await this.deps.storage.transaction((tx) =>
      tx.warRooms.findById(actor.tenantId, id),
    );
    if (!found) throw notFound('warroom.notFound');
    return found;
  }

  list(actor: Actor): Promise<WarRoom[]> {
    return this.deps.storage.transaction((tx) => tx.warRooms.listByTenant(actor.tenantId));
  }
}
