import { LESSONS_MAX } from '../../shared/api/report';
import { invalid } from '../../shared/domain/errors';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { Lessons } from '../../shared/report/model';
import type { Storage, Tx } from '../storage/types';
import { authorize } from './access';
import { appendAudit } from './auditTrail';
import type { Clock, IdGenerator } from './clock';
import type { Effects } from './effects';
import { warRoomOf, type Origin } from './records';
import { change } from './unitOfWork';
import type { Viewer } from './warRooms';

export interface LessonsDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
}

/** The lessons learned of the evaluation report: written by the lead, read by everyone. */
export class LessonsService {
  constructor(private readonly deps: LessonsDeps) {}

  /** The war room's lessons as the report shows them (ReportService's hook). */
  static async of(tx: Tx, warRoom: WarRoom): Promise<Lessons | null> {
    const stored = await tx.lessons.find(warRoom.tenantId, warRoom.id);
    return stored ? { text: stored.text, byName: stored.byName, at: stored.at } : null;
  }

  /** The war room of `origin` and its lessons, for whoever may read it (the report card). */
  view(actor: Viewer, origin: Origin): Promise<{ warRoom: WarRoom; lessons: Lessons | null }> {
    return this.deps.storage.transaction(async (tx) => {
      const warRoom = await warRoomOf(tx, actor, origin);
      await authorize(tx, warRoom, actor, 'warroom.read');
      return { warRoom, lessons: await LessonsService.of(tx, warRoom) };
    });
  }

  /**
   * Replaces the lessons (the lead only; the local development identity stands for whoever
   * runs the machine, as for the audit export). Audited with the text before and after.
   * The HTTP route checks visibility first (`origin` by id); a card's origin is its channel.
   */
  save(
    viewer: Viewer,
    origin: Origin,
    rawText: string,
    effects?: Effects<{ warRoom: WarRoom; lessons: Lessons }>,
  ): Promise<{ warRoom: WarRoom; lessons: Lessons }> {
    // Line breaks kept as \n; other control characters dropped (they are no one's words).
    const text = rawText
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .trim();
    if (text.length > LESSONS_MAX) throw invalid('report.lessonsTooLong', { max: LESSONS_MAX });
    return change(this.deps, viewer, effects, async (tx, now) => {
      const warRoom = await warRoomOf(tx, viewer, origin);
      if (!viewer.devIdentity) await authorize(tx, warRoom, viewer, 'report.lessons');
      // The war room's lock first serialises two saves of the same war room.
      await tx.warRooms.lock(warRoom.tenantId, warRoom.id);
      const before = await tx.lessons.find(warRoom.tenantId, warRoom.id);
      const stored = {
        tenantId: warRoom.tenantId,
        warRoomId: warRoom.id,
        text,
        byId: viewer.userId,
        byName: viewer.name,
        at: now,
        version: (before?.version ?? 0) + 1,
      };
      await tx.lessons.put(stored);
      await appendAudit(tx, {
        tenantId: warRoom.tenantId,
        warRoomId: warRoom.id,
        at: now,
        actorId: viewer.userId,
        actorName: viewer.name,
        action: 'report.lessons_saved',
        subject: `warroom:${warRoom.id}`,
        before: before ? { text: before.text } : null,
        after: { text },
      });
      return { warRoom, lessons: { text, byName: viewer.name, at: now } };
    });
  }
}
