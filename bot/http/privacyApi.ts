import type { Request, RequestHandler, Server } from 'restify';
import { z } from 'zod';
import { notFound } from '../../shared/domain/errors';
import type { PrivacyService } from '../services/privacy';
import type { Identity } from './identity';

export interface PrivacyApiDeps {
  privacy: PrivacyService;
}

/** api.ts's JSON route wrapper: identify, run, send 200 or the mapped error. */
type JsonRoute = (handler: (req: Request, actor: Identity) => Promise<unknown>) => RequestHandler;

/** An Entra object id (a GUID; the local development identity's is GUID-shaped too). */
const aadObjectIdSchema = z.string().regex(/^[0-9A-Za-z-]{1,64}$/);

/**
 * A person's data in the caller's tenant (`me`: the tenant of the token), for tenant
 * administrators only (decision 022): export everything stored about them, or erase them.
 */
export function mountPrivacyApi(server: Server, deps: PrivacyApiDeps, route: JsonRoute): void {
  server.get(
    '/api/v1/tenants/me/people/:aadObjectId/export',
    route(async (req, actor) => deps.privacy.exportPerson(actor, personParam(req))),
  );
  server.post(
    '/api/v1/tenants/me/people/:aadObjectId/erase',
    route(async (req, actor) => deps.privacy.erasePerson(actor, personParam(req))),
  );
}

function personParam(req: Request): string {
  const parsed = aadObjectIdSchema.safeParse(req.params?.aadObjectId);
  if (!parsed.success) throw notFound('privacy.notFound');
  return parsed.data;
}
