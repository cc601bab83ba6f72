import type { Actor } from '../../shared/domain/actor';
import { notFound } from '../../shared/domain/errors';
import type { MigrationItem } from '../../shared/domain/migration';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { Storage } from '../storage/types';
import { authorize } from './access';
import { appendAudit } from './auditTrail';
import type { Clock, IdGenerator } from './clock';
import type { Effects } from './effects';
import { change } from './unitOfWork';

export interface TagDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
}

/** What a `tag` (or `untag`) did. */
export interface TagResult {
  warRoom: WarRoom;
  tag: string;
  remove: boolean;
  /** Items that gained (or lost) the tag. */
  changed: number;
  /** Items that already had it (or did not have it). */
  unchanged: number;
  /** Identities that are no item of this war room, as written. */
  unknown: string[];
}

/** Identities kept in the audit entry; the count says how many there were. */
const AUDITED_IDENTITIES = 100;

/**
 * Tags on migration items by hand (`tag lab-results anna@… bo@…`): what freeze windows
 * select besides batches, so tagging changes what a window holds. Whoever may import may
 * tag; one audit entry per command, with the counts.
 */
export class TagService {
  constructor(private readonly deps: TagDeps) {}

  apply(
    actor: Actor,
    origin: { channelId: string },
    input: { tag: string; identities: readonly string[]; remove: boolean },
    effects?: Effects<TagResult>,
  ): Promise<TagResult> {
    return change(this.deps, actor, effects, async (tx, now) => {
      const warRoom = await tx.warRooms.findByChannel(actor.tenantId, origin.channelId);
      if (!warRoom) throw notFound('warroom.notStarted');
      await authorize(tx, warRoom, actor, 'migration.import');
      const { tag, remove } = input;
      const changed: MigrationItem[] = [];
      const unknown: string[] = [];
      let unchanged = 0;
      for (const identity of input.identities) {
        const item = await tx.migrationItems.find(warRoom.tenantId, warRoom.id, identity);
        if (!item) unknown.push(identity);
        else if (item.tags.includes(tag) !== remove) unchanged++;
        else {
          const tags = remove ? item.tags.filter((t) => t !== tag) : [...item.tags, tag];
          changed.push({ ...item, tags, updatedAt: now });
        }
      }
      // Tags change neither batch nor status: the kept totals stay as they are.
      await tx.migrationItems.upsert(changed);
      if (changed.length > 0) {
        await appendAudit(tx, {
          tenantId: warRoom.tenantId,
          warRoomId: warRoom.id,
          at: now,
          actorId: actor.userId,
          actorName: actor.name,
          action: remove ? 'migration.untagged' : 'migration.tagged',
          subject: `tag:${tag}`,
          before: null,
          after: {
            tag,
            count: changed.length,
            identities: changed.slice(0, AUDITED_IDENTITIES).map((i) => i.identity),
          },
        });
      }
      return { warRoom, tag, remove, changed: changed.length, unchanged, unknown };
    });
  }
}
