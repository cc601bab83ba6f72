import { once } from 'node:events';
import type { Request, RequestHandler, Response, Server } from 'restify';
import { AUDIT_EXPORT_TYPE, type AuditVerificationDto } from '../../shared/api/audit';
import { idParamSchema } from '../../shared/api/schemas';
import type { AuditEntry } from '../../shared/domain/audit';
import { notFound } from '../../shared/domain/errors';
import type { Logger } from '../logger';
import type { AuditLogService } from '../services/auditLog';
import { sendError } from './errors';
import type { Identity, IdentityResolver } from './identity';

export interface AuditApiDeps {
  logger: Logger;
  identify: IdentityResolver;
  audit: AuditLogService;
}

/** api.ts's JSON route wrapper: identify, run, send 200 or the mapped error. */
type JsonRoute = (handler: (req: Request, actor: Identity) => Promise<unknown>) => RequestHandler;

/** Audit routes of the tab API: verify a war room's chain (any role), export it (the lead). */
export function mountAuditApi(server: Server, deps: AuditApiDeps, route: JsonRoute): void {
  server.get(
    '/api/v1/war-rooms/:id/audit/verify',
    route(async (req, actor): Promise<AuditVerificationDto> => {
      return deps.audit.verify(actor, idParam(req));
    }),
  );

  server.get('/api/v1/war-rooms/:id/audit/export', async (req: Request, res: Response) => {
    const locale = req.header('accept-language')?.split(',')[0] ?? 'en';
    let streaming = false;
    try {
      const actor = await deps.identify(req.header('authorization'));
      const id = idParam(req);
      const { pages } = await deps.audit.export(actor, id);
      res.writeHead(200, {
        'content-type': `${AUDIT_EXPORT_TYPE}; charset=utf-8`,
        'content-disposition': `attachment; filename="war-room-${id}-audit.jsonl"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      streaming = true;
      for await (const page of pages) {
        if (!(await write(res, page.map(exportLine).join('')))) return; // the caller left
      }
      res.end();
    } catch (error) {
      if (!streaming) {
        sendError(res, locale, error, deps.logger);
        return;
      }
      // The status is sent: cut the connection so the download is visibly incomplete,
      // rather than ending it cleanly and passing off a partial log as the whole one.
      deps.logger.error('audit export failed while streaming', { error });
      res.destroy();
    }
  });
}

/**
 * One export line: every field the hash covers, then the hash, then how personal fields
 * are committed. Field order is for people;
 * the hash is over canonical JSON (sorted keys), so a verifier does not depend on it.
 */
export function exportLine(e: AuditEntry): string {
  const line = {
    seq: e.seq,
    at: e.at,
    tenantId: e.tenantId,
    warRoomId: e.warRoomId,
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    subject: e.subject,
    before: e.before,
    after: e.after,
    prevHash: e.prevHash,
    hash: e.hash,
    // Salts or commitments of the personal fields (decision 022); absent on older entries.
    ...(e.personal ? { personal: e.personal } : {}),
  } satisfies AuditEntry;
  return `${JSON.stringify(line)}\n`;
}

/** Writes with backpressure; false when the connection closed before it drained. */
async function write(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (res.write(chunk)) return true;
  await Promise.race([once(res, 'drain'), once(res, 'close')]);
  return !res.destroyed;
}

function idParam(req: Request): string {
  const parsed = idParamSchema.safeParse(req.params?.id);
  if (!parsed.success) throw notFound('warroom.notFound');
  return parsed.data;
}
