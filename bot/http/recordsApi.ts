import type { Request, Response, Server } from 'restify';
import type { z } from 'zod';
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
import {
  createIncidentSchema,
  incidentNoteBodySchema,
  incidentOwnerSchema,
  incidentPageQuerySchema,
  incidentSeveritySchema,
  incidentStatusSchema,
} from '../../shared/api/incidents';
import { idParamSchema } from '../../shared/api/schemas';
import { timelineQuerySchema } from '../../shared/api/timeline';
import { invalid, notFound } from '../../shared/domain/errors';
import { PERMISSIONS, may } from '../../shared/domain/roles';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { Logger } from '../logger';
import type { ActionService } from '../services/actions';
import type { AuditLogService } from '../services/auditLog';
import type { DecisionService } from '../services/decisions';
import type { IncidentService } from '../services/incidents';
import type { MigrationService } from '../services/migration';
import type { RoleService } from '../services/roles';
import type { WarRoomService } from '../services/warRooms';
import type { Identity, IdentityResolver } from './identity';
import { importContent, sendMigrationError, UPLOAD_ROUTE } from './migrationApi';
import { importSummaryDto } from './migrationDtos';
import {
  actionRecordDto,
  decisionRecordDto,
  historyEntryDto,
  incidentRecordDto,
} from './recordsDtos';

/** The services behind the records panels that api.ts's own routes do not use. */
export interface RecordServices {
  decisions: DecisionService;
  actions: ActionService;
  roles: RoleService;
}

export interface RecordsApiDeps {
  logger: Logger;
  identify: IdentityResolver;
  warRooms: WarRoomService;
  incidents: IncidentService;
  audit: AuditLogService;
  migration: MigrationService;
  records: RecordServices;
}

/** A route's work once the caller and the war room they may see are known. */
type Handler = (req: Request, actor: Identity, warRoom: WarRoom) => Promise<unknown>;

const localeOf = (req: Request) => req.header('accept-language')?.split(',')[0] ?? 'en';

/**
 * The tab's records panels: incidents, decisions, actions, the timeline, and uploads of a
 * status export. Every route first finds the war room the caller may see (else 404), then
 * calls one service, which decides whether the caller's role allows it (else 403).
 */
export function mountRecordsApi(server: Server, deps: RecordsApiDeps): void {
  const { incidents, audit, migration } = deps;
  const { decisions, actions, roles } = deps.records;
  const route = (status: 200 | 201, handler: Handler) => async (req: Request, res: Response) => {
    try {
      const actor = await deps.identify(req.header('authorization'));
      const warRoom = await deps.warRooms.getVisible(actor, param(req, 'id'));
      const body = await handler(req, actor, warRoom);
      res.header('cache-control', 'no-store');
      res.send(status, body);
    } catch (error) {
      // The import's refusals (422 with the rejected rows, 413, 415), then every API error.
      sendMigrationError(res, localeOf(req), error, deps.logger);
    }
  };
  const base = '/api/v1/war-rooms/:id';
  const origin = (w: WarRoom) => ({ warRoomId: w.id });
  const channel = (w: WarRoom) => ({ channelId: w.channelId });
  const incident = (req: Request) => param(req, 'incidentId');

  server.get(
    `${base}/access`,
    route(200, async (_req, actor, w): Promise<WarRoomAccessDto> => {
      const { role, members } = await roles.access(actor, w);
      const permissions = PERMISSIONS.filter((p) => may(role, p));
      return warRoomAccessSchema.parse({ role, permissions, members });
    }),
  );

  // Incidents
  server.get(
    `${base}/incidents/page`,
    route(200, async (req, actor, w) => {
      const q = parse(incidentPageQuerySchema, req.query);
      const found = await incidents.page(actor, w.id, {
        statuses: q.status,
        severities: q.severity,
        offset: q.offset,
        limit: q.limit,
      });
      return { ...found, incidents: found.incidents.map(incidentRecordDto), ...q };
    }),
  );
  server.get(
    `${base}/incidents/:incidentId`,
    route(200, async (req, actor, w) => {
      const h = await incidents.history(actor, origin(w), incident(req));
      return {
        incident: incidentRecordDto(h.incident),
        notes: h.notes.map(({ id, authorName, text, at }) => ({ id, authorName, text, at })),
        history: h.entries.map(historyEntryDto),
      };
    }),
  );
  server.post(
    `${base}/incidents`,
    route(201, async (req, actor, w) => {
      const input = parse(createIncidentSchema, req.body);
      return incidentRecordDto((await incidents.log(actor, origin(w), input)).incident);
    }),
  );
  const incidentChange = (path: string, run: Handler) =>
    server.post(`${base}/incidents/:incidentId/${path}`, route(200, run));
  incidentChange('status', async (req, actor, w) => {
    const input = { ...parse(incidentStatusSchema, req.body), incidentId: incident(req) };
    return incidentRecordDto((await incidents.changeStatus(actor, origin(w), input)).incident);
  });
  incidentChange('severity', async (req, actor, w) => {
    const input = { ...parse(incidentSeveritySchema, req.body), incidentId: incident(req) };
    return incidentRecordDto((await incidents.setSeverity(actor, origin(w), input)).incident);
  });
  incidentChange('owner', async (req, actor, w) => {
    const { ownerAadObjectId, expectedVersion } = parse(incidentOwnerSchema, req.body);
    const key = { incidentId: incident(req), expectedVersion };
    const owner = { aadObjectId: ownerAadObjectId };
    return incidentRecordDto((await incidents.setOwner(actor, origin(w), key, owner)).incident);
  });
  incidentChange('notes', async (req, actor, w) => {
    const { text, expectedVersion } = parse(incidentNoteBodySchema, req.body);
    const key = { incidentId: incident(req), expectedVersion };
    return incidentRecordDto((await incidents.addNote(actor, origin(w), key, text)).incident);
  });

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
        due,
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
        from: q.from,
        to: q.to,
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

const PARAM_NOT_FOUND = {
  id: 'warroom.notFound',
  incidentId: 'incident.notFound',
  decisionId: 'decision.notFound',
  actionId: 'action.notFound',
} as const;

/** A path id we issued (a UUID); anything else names nothing here. */
function param(req: Request, name: keyof typeof PARAM_NOT_FOUND): string {
  const parsed = idParamSchema.safeParse(
    (req.params as Record<string, unknown> | undefined)?.[name],
  );
  if (!parsed.success) throw notFound(PARAM_NOT_FOUND[name]);
  return parsed.data;
}

/** Parses a body or query with its schema; a bad one is a 400 naming the field. */
function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.map(String).join('.') || 'body';
    throw invalid('error.invalidRequest', { detail: path });
  }
  return parsed.data;
}
