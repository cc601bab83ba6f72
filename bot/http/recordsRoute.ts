import type { Request, Response } from 'restify';
import type { z } from 'zod';
import { idParamSchema } from '../../shared/api/schemas';
import { invalid, notFound } from '../../shared/domain/errors';
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
import { sendMigrationError } from './migrationApi';

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
export type Handler = (req: Request, actor: Identity, warRoom: WarRoom) => Promise<unknown>;
export type RecordsRoute = (
  status: 200 | 201,
  handler: Handler,
) => (req: Request, res: Response) => Promise<void>;

/** The war room path every records route starts with. */
export const BASE = '/api/v1/war-rooms/:id';

const localeOf = (req: Request) => req.header('accept-language')?.split(',')[0] ?? 'en';

/**
 * The records routes' wrapper: identify the caller, find the war room they may see (else
 * 404), run the handler, send its answer; any failure as the API sends it.
 */
export function recordsRoute(deps: RecordsApiDeps): RecordsRoute {
  return (status, handler) => async (req, res) => {
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
}

/** A service origin naming the war room of the path (a record elsewhere is refused). */
export const origin = (w: WarRoom) => ({ warRoomId: w.id });

const PARAM_NOT_FOUND = {
  id: 'warroom.notFound',
  incidentId: 'incident.notFound',
  decisionId: 'decision.notFound',
  actionId: 'action.notFound',
} as const;

/** A path id we issued (a UUID); anything else names nothing here. */
export function param(req: Request, name: keyof typeof PARAM_NOT_FOUND): string {
  const parsed = idParamSchema.safeParse(
    (req.params as Record<string, unknown> | undefined)?.[name],
  );
  if (!parsed.success) throw notFound(PARAM_NOT_FOUND[name]);
  return parsed.data;
}

/** Parses a body or query with its schema; a bad one is a 400 naming the field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.map(String).join('.') || 'body';
    throw invalid('error.invalidRequest', { detail: path });
  }
  return parsed.data;
}
