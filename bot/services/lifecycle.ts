import type { Actor } from '../../shared/domain/actor';
import { conflict, invalid } from '../../shared/domain/errors';
import {
  DEFAULT_RETENTION_DAYS,
  RETENTION_MAX_DAYS,
  RETENTION_MIN_DAYS,
  purgeDue,
} from '../../shared/domain/retention';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { Language } from '../../shared/i18n';
import type { Logger } from '../logger';
import type { Storage, Tombstone, Tx } from '../storage/types';
import { authorize, recordingRefusals } from './access';
import { appendAudit } from './auditTrail';
import type { Clock, IdGenerator } from './clock';
import { withEffects, type Effects } from './effects';
import { warRoomOf, type Origin } from './records';
import type { JobKind } from './scheduler';

export interface LifecycleDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
}

/** A war room after a lifecycle change, with when it will be purged (once closed). */
export interface LifecycleResult {
  warRoom: WarRoom;
  retentionDays: number;
  /** Null while the war room is open. */
  purgeOn: string | null;
}

export const RETENTION_PURGE = 'retention.purge';
const EVERY_MS = 60 * 60 * 1000;

/**
 * The end of a war room (decision 022): the lead closes it, after which it accepts no
 * more changes; it is kept for its retention period, then the scheduler purges it,
 * leaving a tombstone with counts and no personal data.
 */
export class LifecycleService {
  constructor(private readonly deps: LifecycleDeps) {}

  close(actor: Actor, origin: Origin, effects?: Effects<LifecycleResult>) {
    return this.change(actor, origin, 'warroom.close', effects, async (tx, warRoom, now) => {
      const { retentionDays } = await this.state(tx, warRoom);
      await tx.lifecycle.close(warRoom.tenantId, warRoom.id, now);
      const purgeOn = purgeDue(now, retentionDays).toISOString();
      await this.audit(
        tx,
        actor,
        warRoom,
        now,
        'warroom.closed',
        { phase: warRoom.phase },
        {
          phase: 'closed',
          closedAt: now,
          retentionDays,
          purgeOn,
        },
      );
      return { warRoom: { ...warRoom, phase: 'closed' }, retentionDays, purgeOn };
    });
  }

  setRetention(
    actor: Actor,
    origin: Origin,
    days: number | undefined,
    effects?: Effects<LifecycleResult>,
  ) {
    if (days === undefined || days < RETENTION_MIN_DAYS || days > RETENTION_MAX_DAYS) {
      throw invalid('warroom.retentionUsage', { min: RETENTION_MIN_DAYS, max: RETENTION_MAX_DAYS });
    }
    return this.change(actor, origin, 'warroom.configure', effects, async (tx, warRoom, now) => {
      const { closedAt, retentionDays } = await this.state(tx, warRoom);
      await tx.lifecycle.setRetention(warRoom.tenantId, warRoom.id, days, now);
      await this.audit(
        tx,
        actor,
        warRoom,
        now,
        'warroom.retention_set',
        { retentionDays },
        {
          retentionDays: days,
        },
      );
      return {
        warRoom,
        retentionDays: days,
        purgeOn: closedAt && purgeDue(closedAt, days).toISOString(),
      };
    });
  }

  setLanguage(
    actor: Actor,
    origin: Origin,
    language: Language | undefined,
    effects?: Effects<LifecycleResult>,
  ) {
    if (!language) throw invalid('warroom.languageUsage');
    return this.change(actor, origin, 'warroom.configure', effects, async (tx, warRoom, now) => {
      const { closedAt, retentionDays } = await this.state(tx, warRoom);
      await tx.lifecycle.setLanguage(warRoom.tenantId, warRoom.id, language, now);
      await this.audit(
        tx,
        actor,
        warRoom,
        now,
        'warroom.language_set',
        { language: warRoom.language },
        {
          language,
        },
      );
      return {
        warRoom: { ...warRoom, language },
        retentionDays,
        purgeOn: closedAt && purgeDue(closedAt, retentionDays).toISOString(),
      };
    });
  }

  /**
   * Purges every war room whose retention ran out, one transaction each: the tombstone,
   * then every row of it. Returns the tombstones written. Running twice purges nothing more.
   */
  async purgeExpired(): Promise<Tombstone[]> {
    const { storage, clock, logger } = this.deps;
    const now = clock.now();
    const closed = await storage.transaction((tx) => tx.lifecycle.listClosed());
    const done: Tombstone[] = [];
    for (const room of closed.filter((r) => purgeDue(r.closedAt, r.retentionDays) <= now)) {
      const tombstone = await storage.transaction(async (tx) => {
        const head = await tx.audit.head(room.tenantId, room.warRoomId);
        // Read again under the lock: the lead may have lengthened the retention meanwhile.
        const state = await tx.lifecycle.get(room.tenantId, room.warRoomId);
        if (!state?.closedAt || purgeDue(state.closedAt, state.retentionDays) > now)
          return undefined;
        const t: Tombstone = {
          tenantId: room.tenantId,
          warRoomId: room.warRoomId,
          closedAt: state.closedAt,
          purgedAt: now.toISOString(),
          counts: {},
          lastSeq: head?.seq ?? 0,
          lastHash: head?.hash ?? null,
        };
        t.counts = await tx.privacy.purgeWarRoom(t);
        return t;
      });
      if (tombstone) {
        logger.info('war room purged after its retention', { ...tombstone });
        done.push(tombstone);
      }
    }
    return done;
  }

  /** The hourly purge, a recurring job of the scheduler. */
  job(): JobKind {
    return {
      kind: RETENTION_PURGE,
      everyMs: EVERY_MS,
      handler: async () => void (await this.purgeExpired()),
    };
  }

  private async state(tx: Tx, warRoom: WarRoom) {
    return (
      (await tx.lifecycle.get(warRoom.tenantId, warRoom.id)) ?? {
        closedAt: null,
        retentionDays: DEFAULT_RETENTION_DAYS,
      }
    );
  }

  private change(
    actor: Actor,
    origin: Origin,
    permission: 'warroom.close' | 'warroom.configure',
    effects: Effects<LifecycleResult> | undefined,
    work: (tx: Tx, warRoom: WarRoom, now: string) => Promise<LifecycleResult>,
  ): Promise<LifecycleResult> {
    const { storage, clock, ids } = this.deps;
    const now = clock.now().toISOString();
    return recordingRefusals(this.deps, actor, () =>
      storage.transaction((tx) =>
        withEffects(tx, effects, now, ids, async () => {
          const warRoom = await warRoomOf(tx, actor, origin);
          await tx.warRooms.lock(warRoom.tenantId, warRoom.id);
          const current = (await tx.warRooms.findById(warRoom.tenantId, warRoom.id)) ?? warRoom;
          if (permission === 'warroom.close' && current.phase === 'closed') {
            throw conflict('warroom.isClosed', { title: current.title });
          }
          await authorize(tx, current, actor, permission);
          return work(tx, current, now);
        }),
      ),
    );
  }

  private audit(
    tx: Tx,
    actor: Actor,
    warRoom: WarRoom,
    at: string,
    action: 'warroom.closed' | 'warroom.retention_set' | 'warroom.language_set',
    before: unknown,
    after: unknown,
  ) {
    return appendAudit(tx, {
      tenantId: warRoom.tenantId,
      warRoomId: warRoom.id,
      at,
      actorId: actor.userId,
      actorName: actor.name,
      action,
      subject: `warroom:${warRoom.id}`,
      before,
      after,
    });
  }
}
