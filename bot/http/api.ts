import type { Request, Response, Server } from 'restify';
import type { IncidentDto, WarRoomSummaryDto } from '../../shared/api/schemas';
import {
  channelIdQuerySchema,
  idParamSchema,
  incidentListQuerySchema,
} from '../../shared/api/schemas';
import { invalid, notFound } from '../../shared/domain/errors';
import { incidentRef, type IncidentListing } from '../../shared/domain/incident';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { Logger } from '../logger';
import type { AuditLogService } from '../services/auditLog';
import type { DashboardService } from '../services/dashboard';
import type { ApiKeyService } from '../services/apiKeys';
import type { IncidentService } from '../services/incidents';
import type { MigrationService } from '../services/migration';
import type { ReportService } from '../services/report';
import type { HandoverService } from '../services/handover';
import type { LessonsService } from '../services/lessons';
import type { WarRoomService } from '../services/warRooms';
import { mountAuditApi } from './auditApi';
import { mountDashboardApi } from './dashboardApi';
import { sendError } from './errors';
import type { Identity, IdentityResolver } from './identity';
import { mountMigrationApi } from './migrationApi';
import { mountReportApi } from './reportApi';
import { mountRecordsApi, type RecordServices } from './recordsApi';
import { mountPrivacyApi } from './privacyApi';
import type { PrivacyService } from '../services/privacy';

export interface ApiDeps {
  logger: Logger;
  identify: IdentityResolver;
  warRooms: WarRoomService;
  incidents: IncidentService;
  audit: AuditLogService;
  /** Migration status and API keys (migrationApi.ts). */
  migration: MigrationService;
  apiKeys: ApiKeyService;
  /** The evaluation report and its lessons learned (reportApi.ts). */
  report: ReportService;
  lessons: LessonsService;
  handovers: HandoverService;
  /** Decisions, actions and roles for the tab's records panels (recordsApi.ts). */
  records: RecordServices;
  /** The tab's overview (dashboardApi.ts) and the list's open-incident counts. */
  dashboard: DashboardService;
  allowedTenants: '*' | readonly string[];
  /** A person's data: export and erasure (privacyApi.ts). */
  privacy: PrivacyService;
}

type Handler = (req: Request, actor: Identity) => Promise<unknown>;

/** The JSON API under /api/v1 for the tab and for automation scripts. */
export function mountApi(server: Server, deps: ApiDeps): void {
  const route = (handler: Handler) => async (req: Request, res: Response) => {
    const locale = req.header('accept-language')?.split(',')[0] ?? 'en';
    try {
      const actor = await deps.identify(req.header('authorization'));
      res.header('cache-control', 'no-store');
      res.send(200, await handler(req, actor));
    } catch (error) {
      sendError(res, locale, error, deps.logger);
    }
  };

  server.get(
    '/api/v1/me',
    route(async (_req, me) => me),
  );

  server.get(
    '/api/v1/war-rooms',
    route(async (req, actor) => {
      // A channel tab asks for its own channel's war room; elsewhere, all the caller may see
      // (their teams', theirs, their roles'; everything for the local development identity).
      const rooms = await deps.warRooms.listWithOpenCounts(actor, channelQuery(req));
      return { warRooms: rooms.map((r) => summary(r.warRoom, r.openIncidents)) };
    }),
  );

  server.get(
    '/api/v1/war-rooms/:id/incidents',
    route(async (req, actor) => {
      const id = idParam(req);
      const { after, limit } = listQuery(req);
      // One page by number and an indexed count, not every incident of the war room.
      const page = await deps.incidents.listAfter(actor, id, after, limit + 1);
      const shown = page.incidents.slice(0, limit);
      const next = page.incidents.length > limit ? (shown[shown.length - 1]?.number ?? null) : null;
      return {
        warRoom: summary(page.warRoom, page.openIncidents),
        incidents: shown.map(incidentDto),
        next,
      };
    }),
  );

  mountAuditApi(server, deps, route);
  mountMigrationApi(server, deps);
  mountReportApi(server, deps);
  mountRecordsApi(server, deps);
  mountDashboardApi(server, deps, route);
  mountPrivacyApi(server, deps, route);
}

function channelQuery(req: Request): string | undefined {
  const raw: unknown = (req.query as Record<string, unknown> | undefined)?.channelId;
  if (raw === undefined) return undefined;
  const parsed = channelIdQuerySchema.safeParse(raw);
  if (!parsed.success) throw invalid('error.invalidRequest', { detail: 'channelId' });
  return parsed.data;
}

function listQuery(req: Request): { after: number; limit: number } {
  const parsed = incidentListQuerySchema.safeParse(req.query ?? {});
  if (!parsed.success) throw invalid('error.invalidRequest', { detail: 'after, limit' });
  return parsed.data;
}

function idParam(req: Request): string {
  const parsed = idParamSchema.safeParse(req.params?.id);
  if (!parsed.success) throw notFound('warroom.notFound');
  return parsed.data;
}

function summary(w: WarRoom, openIncidents: number): WarRoomSummaryDto {
  return {
    id: w.id,
    title: w.title,
    phase: w.phase,
    timeZone: w.timeZone,
    createdAt: w.createdAt,
    openIncidents,
  };
}

function incidentDto(i: IncidentListing): IncidentDto {
  return {
    id: i.id,
    ref: incidentRef(i.number),
    number: i.number,
    title: i.title,
    severity: i.severity,
    status: i.status,
    reporterName: i.reporterName,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    acknowledgedAt: i.acknowledgedAt,
    mitigatedAt: i.mitigatedAt,
    resolvedAt: i.resolvedAt,
    version: i.version,
  };
}
