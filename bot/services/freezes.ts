import type { Actor } from '../../shared/domain/actor';
import { decisionRef, type Decision } from '../../shared/domain/decision';
import { conflict, invalid, notFound } from '../../shared/domain/errors';
import type { Person } from '../../shared/domain/person';
import {
  freezeRef,
  holds,
  inForce,
  movedWhileFrozen,
  type FreezeTarget,
  type FreezeWindow,
} from '../../shared/domain/freeze';
import { incidentRef } from '../../shared/domain/incident';
import type { WarRoom } from '../../shared/domain/warRoom';
import { t } from '../../shared/i18n';
import { formatInstant } from '../../shared/time/format';
import { incidentCard } from '../cards/incidentCard';
import { mention } from '../cards/mention';
import { cardMessage } from '../cards/message';
import type { Storage, Tx } from '../storage/types';
import { authorize } from './access';
import type { Clock, IdGenerator } from './clock';
import type { Effects } from './effects';
import { outboxMessage } from './effects';
import { detail, logIncidentIn } from './incidents';
import { memberByAadObjectId } from './members';
import type { ImportedEvent } from './migration';
import type { MigrationStatusService } from './migrationStatus';
import type { DecisionService, WithRoom } from './decisions';
import { incidentSubject } from './subjects';
import { auditChange, change } from './unitOfWork';

export interface FreezeDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
  status: MigrationStatusService;
  /** Writes the go/no-go of an early release in the caller's transaction. */
  decisions: Pick<DecisionService, 'requestIn'>;
}

export interface FreezeInput {
  target: FreezeTarget;
  /** Instants, read in the war room's zone by the caller. */
  from: string;
  to: string;
  reason: string;
}

/** Who the war room is when it acts by itself (a freeze violation's incident). */
const WAR_ROOM_ITSELF = { userId: 'war-room', name: 'War Room' };

/** Mailboxes named in the violation incident's note; the tab lists them all. */
const NAMED_IN_NOTE = 20;

/**
 * Freeze windows: times during which some mailboxes must not move. Created by the lead;
 * every import is checked against the windows in force, and a held mailbox that started
 * or progressed raises a sev1 incident by itself, mentioning the lead, in the import's
 * transaction.
 */
export class FreezeService {
  constructor(private readonly deps: FreezeDeps) {}

  create(
    actor: Actor,
    origin: { channelId: string },
    input: FreezeInput,
    effects?: Effects<{ window: FreezeWindow; warRoom: WarRoom }>,
  ) {
    return change(this.deps, actor, effects, async (tx, now) => {
      const warRoom = await tx.warRooms.findByChannel(actor.tenantId, origin.channelId);
      if (!warRoom) throw notFound('warroom.notStarted');
      await authorize(tx, warRoom, actor, 'migration.configure');
      if (Date.parse(input.to) <= Date.parse(input.from)) throw invalid('freeze.endBeforeStart');
      if (Date.parse(input.to) <= Date.parse(now)) throw invalid('freeze.over');
      await tx.warRooms.lock(actor.tenantId, warRoom.id); // the war room's lock: one number each
      const window: FreezeWindow = {
        id: this.deps.ids(),
        tenantId: actor.tenantId,
        warRoomId: warRoom.id,
        number: await tx.freezes.nextNumber(actor.tenantId, warRoom.id),
        target: input.target,
        from: input.from,
        to: input.to,
        reason: [...input.reason.trim()].slice(0, 500).join(''),
        status: 'active',
        createdById: actor.userId,
        createdByName: actor.name,
        createdAt: now,
        releasedAt: null,
        releaseDecisionId: null,
        version: 1,
      };
      await tx.freezes.insert(window);
      await auditChange(tx, actor, now, 'freeze.created', 'freeze', null, window);
      await this.deps.status.refreshCard(tx, warRoom, now);
      return { window, warRoom };
    });
  }

  /**
   * Asks to release a window early: a go/no-go decision naming who may say go. Go releases
   * the window, No-go keeps it (see `decided`). One request at a time per window.
   */
  requestRelease(
    actor: Actor,
    origin: { channelId: string },
    number: number,
    approvers: Person[],
    effects?: Effects<WithRoom & { window: FreezeWindow }>,
  ) {
    return change(this.deps, actor, effects, async (tx, now) => {
      const warRoom = await tx.warRooms.findByChannel(actor.tenantId, origin.channelId);
      if (!warRoom) throw notFound('warroom.notStarted');
      await authorize(tx, warRoom, actor, 'decision.request');
      await tx.warRooms.lock(actor.tenantId, warRoom.id);
      const window = await tx.freezes.findByNumber(actor.tenantId, warRoom.id, number);
      if (!window) throw notFound('freeze.notFound', { ref: freezeRef(number) });
      if (window.status !== 'active' || Date.parse(window.to) <= Date.parse(now)) {
        throw conflict('freeze.notInForce', { ref: freezeRef(number) });
      }
      if (window.releaseDecisionId) {
        const pending = await tx.decisions.findById(actor.tenantId, window.releaseDecisionId);
        if (pending?.status === 'pending') {
          throw conflict('freeze.releaseAsked', {
            ref: freezeRef(number),
            decision: decisionRef(pending.number),
          });
        }
      }
      const language = warRoom.language;
      const asked = await this.deps.decisions.requestIn(
        tx,
        actor,
        warRoom,
        {
          kind: 'goNoGo',
          question: t(language, 'freeze.releaseQuestion', {
            ref: freezeRef(number),
            until: formatInstant(window.to, { timeZone: warRoom.timeZone, locale: language }),
          }),
          approvers,
          rule: 'any',
          deadline: null,
          backup: null,
        },
        now,
      );
      const next = { ...window, releaseDecisionId: asked.decision.id, version: window.version + 1 };
      if (!(await tx.freezes.update(next, window.version)))
        throw new Error('freeze changed meanwhile');
      await auditChange(tx, actor, now, 'freeze.release_requested', 'freeze', window, next);
      return { ...asked, window: next };
    });
  }

  /**
   * The decisions hook: when the go/no-go of an early release closes, Go releases the
   * window (and the status card says so), No-go keeps it; the channel is told either way.
   */
  async decided(tx: Tx, decision: Decision, warRoom: WarRoom, now: string): Promise<void> {
    const window = await tx.freezes.findByReleaseDecision(decision.tenantId, decision.id);
    if (!window || window.status !== 'active') return;
    const language = warRoom.language;
    const by = decision.responses.at(-1)?.approver.name ?? '';
    let text: string;
    if (decision.status === 'approved') {
      const next: FreezeWindow = {
        ...window,
        status: 'released',
        releasedAt: now,
        version: window.version + 1,
      };
      if (!(await tx.freezes.update(next, window.version)))
        throw new Error('freeze changed meanwhile');
      await auditChange(
        tx,
        WAR_ROOM_ITSELF_OF(warRoom),
        now,
        'freeze.released',
        'freeze',
        window,
        next,
      );
      await this.deps.status.refreshCard(tx, warRoom, now);
      text = t(language, 'freeze.released', { ref: freezeRef(window.number), by });
    } else if (decision.status === 'rejected') {
      text = t(language, 'freeze.kept', { ref: freezeRef(window.number), by });
    } else {
      return;
    }
    await tx.outbox.enqueue(
      outboxMessage(
        {
          target: { serviceUrl: warRoom.serviceUrl, conversationId: warRoom.channelId },
          activity: { type: 'message', text, textFormat: 'plain' },
        },
        warRoom.tenantId,
        now,
        this.deps.ids,
      ),
    );
  }

  /**
   * The import hook: held mailboxes that an import shows started or progressing inside a
   * window in force become violations and one sev1 incident per import, posted in the
   * channel with a mention of the lead. Runs in the import's transaction.
   */
  async checkImport(tx: Tx, { warRoom, changes, importRecord }: ImportedEvent): Promise<void> {
    const now = importRecord.at;
    const windows = (await tx.freezes.listByWarRoom(warRoom.tenantId, warRoom.id)).filter((w) =>
      inForce(w, now),
    );
    const moved = windows.flatMap((w) =>
      changes
        .filter(
          (c) =>
            holds(w.target, c.after) &&
            movedWhileFrozen({ before: c.before ?? undefined, after: c.after }),
        )
        .map((c) => ({ window: w, identity: c.after.identity })),
    );
    if (moved.length === 0) return;
    const language = warRoom.language;
    const refs = [...new Set(moved.map((m) => freezeRef(m.window.number)))].join(', ');
    const identities = [...new Set(moved.map((m) => m.identity))];
    const incident = await logIncidentIn(
      tx,
      WAR_ROOM_ITSELF_OF(warRoom),
      warRoom,
      {
        title: t(language, 'freeze.violationTitle', { refs, count: identities.length }),
        severity: 'sev1',
      },
      now,
      this.deps.ids,
    );
    await tx.incidents.addNote({
      id: this.deps.ids(),
      tenantId: warRoom.tenantId,
      warRoomId: warRoom.id,
      incidentId: incident.id,
      authorId: WAR_ROOM_ITSELF.userId,
      authorName: WAR_ROOM_ITSELF.name,
      text: t(language, 'freeze.violationNote', {
        identities: identities.slice(0, NAMED_IN_NOTE).join(', '),
        more: identities.length > NAMED_IN_NOTE ? ` (+${identities.length - NAMED_IN_NOTE})` : '',
        by: importRecord.actorName,
        at: formatInstant(now, { timeZone: warRoom.timeZone, locale: language }),
      }),
      at: now,
    });
    await tx.freezes.addViolations(
      moved.map((m) => ({
        tenantId: warRoom.tenantId,
        warRoomId: warRoom.id,
        freezeId: m.window.id,
        identity: m.identity,
        importId: importRecord.id,
        incidentId: incident.id,
        at: now,
      })),
    );
    const lead = await memberByAadObjectId(tx, warRoom, warRoom.createdById);
    const named = lead && mention(lead);
    const shown = await detail(tx, incident, warRoom);
    await tx.outbox.enqueue(
      outboxMessage(
        {
          target: { serviceUrl: warRoom.serviceUrl, conversationId: warRoom.channelId },
          activity: {
            ...cardMessage(
              incidentCard({ ...shown, timeZone: warRoom.timeZone, locale: language }),
              incident.title,
            ),
            text: t(language, 'freeze.violated', {
              ref: incidentRef(incident.number),
              refs,
              who: named?.text ?? t(language, 'freeze.theLead'),
            }),
            ...(named ? { entities: [named.entity] } : {}),
          },
          subject: incidentSubject(incident.id),
        },
        warRoom.tenantId,
        now,
        this.deps.ids,
      ),
    );
  }
}

/** The war room as the reporter of what it found itself. */
const WAR_ROOM_ITSELF_OF = (warRoom: WarRoom): Actor => ({
  tenantId: warRoom.tenantId,
  ...WAR_ROOM_ITSELF,
});
