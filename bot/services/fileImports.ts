import type { Actor } from '../../shared/domain/actor';
import { notFound } from '../../shared/domain/errors';
import { may } from '../../shared/domain/roles';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { Storage } from '../storage/types';
import { authorize, recordingRefusals, roleIn } from './access';
import type { Clock, IdGenerator } from './clock';
import type { Effects } from './effects';
import type { ImportSummary, MigrationService } from './migration';
import { visibleTo } from './warRooms';

/** A file someone sent the bot, waiting for them to pick its war room. */
export interface PendingUpload {
  id: string;
  tenantId: string;
  userId: string;
  name: string;
  downloadUrl: string;
  expiresAt: number;
}

export interface FileImportDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
  migration: MigrationService;
  /** How long a pick may wait; Teams' download URLs are short-lived anyway. */
  uploadTtlMs?: number;
  /** Most uploads waiting at once (the oldest give way). */
  maxPending?: number;
}

const TTL_MS = 10 * 60 * 1000;
const MAX_PENDING = 1000;

/**
 * Status exports sent to the bot as files in a personal chat: which war rooms the sender
 * may import into, the uploads waiting for a pick, and the import itself (the same
 * all-or-nothing import as the API's, source `file`, the person as actor).
 *
 * A waiting upload's download URL carries SharePoint's short-lived token: it stays in this
 * process's memory, never in the database, and a card click brings back only its id
 * (docs/decisions/023).
 */
export class FileImportService {
  private readonly pending = new Map<string, PendingUpload>();

  constructor(private readonly deps: FileImportDeps) {}

  /**
   * The war rooms the actor sees (team member, starter, a role) and may import into, newest
   * first. When they see some but may import into none, the refusal is audited and thrown.
   */
  async targets(actor: Actor): Promise<WarRoom[]> {
    return recordingRefusals(this.deps, actor, () =>
      this.deps.storage.transaction(async (tx) => {
        const visible = await visibleTo(tx, actor, await tx.warRooms.listByTenant(actor.tenantId));
        const allowed: WarRoom[] = [];
        for (const warRoom of visible) {
          if (may(await roleIn(tx, warRoom, actor), 'migration.import')) allowed.push(warRoom);
        }
        const [first] = visible;
        if (allowed.length === 0 && first) await authorize(tx, first, actor, 'migration.import');
        return allowed;
      }),
    );
  }

  /**
   * Imports a file into one of the actor's war rooms: that it is theirs to see and their
   * role lets them import are checked before `content` is fetched (a refusal is audited),
   * and the role again by the import.
   */
  async importInto(
    actor: Actor,
    warRoomId: string,
    content: () => Promise<Uint8Array>,
    effects?: Effects<ImportSummary>,
  ): Promise<{ summary: ImportSummary; warRoom: WarRoom }> {
    const warRoom = await recordingRefusals(this.deps, actor, () =>
      this.deps.storage.transaction(async (tx) => {
        const found = await tx.warRooms.findById(actor.tenantId, warRoomId);
        const visible = found && (await visibleTo(tx, actor, [found]))[0];
        // Someone else's war room is not named, nor is its existence confirmed.
        if (!visible) throw notFound('warroom.notFound');
        await authorize(tx, visible, actor, 'migration.import');
        return visible;
      }),
    );
    const summary = await this.deps.migration.import(
      actor,
      warRoom.id,
      { kind: 'csv', content: await content(), source: 'file' },
      effects,
    );
    return { summary, warRoom };
  }

  /** Keeps a file until its sender picks a war room; returns the id the card carries. */
  hold(actor: Actor, file: { name: string; downloadUrl: string }): string {
    const now = this.deps.clock.now().getTime();
    for (const [id, upload] of this.pending) if (upload.expiresAt <= now) this.pending.delete(id);
    const max = this.deps.maxPending ?? MAX_PENDING;
    // A Map iterates in insertion order: the first keys are the oldest.
    for (const id of this.pending.keys()) {
      if (this.pending.size < max) break;
      this.pending.delete(id);
    }
    const id = this.deps.ids();
    this.pending.set(id, {
      id,
      tenantId: actor.tenantId,
      userId: actor.userId,
      ...file,
      expiresAt: now + (this.deps.uploadTtlMs ?? TTL_MS),
    });
    return id;
  }

  /** The waiting upload, if it is the actor's own and still fresh. */
  waiting(actor: Actor, id: string): PendingUpload | undefined {
    const upload = this.pending.get(id);
    if (!upload || upload.expiresAt <= this.deps.clock.now().getTime()) return undefined;
    return upload.tenantId === actor.tenantId && upload.userId === actor.userId
      ? upload
      : undefined;
  }

  /** An upload that was imported: its link is not kept a moment longer. */
  done(id: string): void {
    this.pending.delete(id);
  }
}
