import type { Server } from 'restify';
import { warRoomAccessSchema, type WarRoomAccessDto } from '../../shared/api/access';
import {
  actionListQuerySchema,
  actionOwnerSchema,
  actionStatusSchema,
  createActionSchema,
} from '../../shared/api/actions';
import {
  answerDecisionSchema,
  createDecisionSchema,
  decisionListQuerySchema,
} from '../../shared/api/decisions';
import { timelineQuerySchema } from '../../shared/api/timeline';
import { instantInZone } from '../../shared/time/zoned';
import { PERMISSIONS, may } from '../../shared/domain/roles';
import type { WarRoom } from '../../shared/domain/warRoom';
import { mountIncidentRecords } from './incidentRecordsApi';
import { importContent, UPLOAD_ROUTE } from './migrationApi';
import { importSummaryDto } from './migrationDtos';
import { actionRecordDto, decisionRecordDto, historyEntryDto } from './recordsDtos';
import { BASE, origin, param, parse, recordsRoute, type RecordsApiDeps } from './recordsRoute';

export type { RecordServices, RecordsApiDeps } from './recordsRoute';

/**
 * The tab's records panels: incidents, decisions, actions, the timeline, and uploads of a
 * status export. Every route first finds the war room the caller may see (else 404), then
 * calls one service, which decides whether the caller's role allows it (else 403).
 */
export function mountRecordsApi(server: Server, deps: RecordsApiDeps): void {
  const { incidents, audit, migration } = deps;
  const { decisions, actions, roles } = deps.records;
  const route = recordsRoute(deps);
  const base = BASE;
  const channel = (w: WarRoom) => ({ channelId: w.channelId });

  server.get(
    `${base}/access`,
    route(200, async (_req, actor, w): Promise<WarRoomAccessDto> => {
      const { role, members } = await roles.access(actor, w);
      const permissions = PERMISSIONS.filter((p) => may(role, p));
      return warRoomAccessSchema.parse({ role, permissions, members });
    }),
  );

  mountIncidentRecords(server, incidents, route);

  // Decisions
  server.get(
    `${base}/decisions`,
    route(200, async (req, actor, w) => {
      const { show } = parse(decisionListQuerySchema, req.query);
      const found = await decisions.list(actor, w.id, show);
      return { decisions: found.map((d) => decisionRecordDto(d, actor)) };
    }),
  );
  server.post(
    `${base}/decisions`,
    route(201, async (req, actor, w) => {
      const { approverAadObjectIds, ...rest } = parse(createDecisionSchema, req.body);
      const approvers = approverAadObjectIds.map((aadObjectId) => ({ aadObjectId }));
      const input = { ...rest, approvers, backup: null };
      return decisionRecordDto((await decisions.request(actor, origin(w), input)).decision, actor);
    }),
  );
  server.get(
    `${base}/decisions/:decisionId`,
    route(200, async (req, actor, w) => {
      const h = await decisions.history(actor, origin(w), param(req, 'decisionId'));
      return {
        decision: decisionRecordDto(h.decision, actor),
        history: h.entries.map(historyEntryDto),
      };
    }),
  );
  server.post(
    `${base}/decisions/:decisionId/answer`,
    route(200, async (req, actor, w) => {
      const { verdict, comment } = parse(answerDecisionSchema, req.body);
      const input = { decisionId: param(req, 'decisionId'), verdict, comment };
      return decisionRecordDto((await decisions.answer(actor, origin(w), input)).decision, actor);
    }),
  );

  // Actions
  const now = () => new Date().toISOString();
  server.get(
    `${base}/actions`,
    route(200, async (req, actor, w) => {
      const { show } = parse(actionListQuerySchema, req.query);
      const at = now();
      return {
        actions: (await actions.list(actor, w.id, show)).map((a) => actionRecordDto(a, at)),
      };
    }),
  );
  server.post(
    `${base}/actions`,
    route(201, async (req, actor, w) => {
      const { title, ownerAadObjectId, due } = parse(createActionSchema, req.body);
      const input = {
        title,
        due: due && instantInZone(due, w.timeZone),
        owner: { pickedAadObjectId: ownerAadObjectId },
        origin: { kind: 'meeting' as const },
      };
      return actionRecordDto((await actions.create(actor, channel(w), input)).action, now());
    }),
  );
  server.post(
    `${base}/actions/:actionId/status`,
    route(200, async (req, actor, w) => {
      const input = { ...parse(actionStatusSchema, req.body), actionId: param(req, 'actionId') };
      return actionRecordDto((await actions.setStatus(actor, channel(w), input)).action, now());
    }),
  );
  server.post(
    `${base}/actions/:actionId/owner`,
    route(200, async (req, actor, w) => {
      const input = { ...parse(actionOwnerSchema, req.body), actionId: param(req, 'actionId') };
      return actionRecordDto((await actions.reassign(actor, channel(w), input)).action, now());
    }),
  );

  // The timeline: the audit log, newest first, filtered
  server.get(
    `${base}/audit`,
    route(200, async (req, actor, w) => {
      const q = parse(timelineQuerySchema, req.query);
      const page = await audit.timeline(actor, w.id, {
        actions: q.action,
        actorId: q.actor,
        from: q.from && instantInZone(q.from, w.timeZone),
        to: q.to && instantInZone(q.to, w.timeZone),
        beforeSeq: q.before,
        limit: q.limit,
      });
      return {
        entries: page.entries.map((e) => ({ ...historyEntryDto(e), actorId: e.actorId })),
        hasMore: page.hasMore,
      };
    }),
  );

  // A status export uploaded from the tab by a person (their role decides, not an API key)
  server.post(
    UPLOAD_ROUTE,
    route(200, async (req, actor, w) => {
      await migration.admitImport(actor, w.id); // again in import(); first, before the body
      const content = { ...(await importContent(req)), source: 'tab' as const };
      return importSummaryDto(await migration.import(actor, w.id, content));
    }),
  );
}
