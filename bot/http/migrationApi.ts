import type { Request, Response, Server } from 'restify';
import type { z } from 'zod';
import { createApiKeySchema, migrationMappingSchema } from '../../shared/api/migration';
import { idParamSchema } from '../../shared/api/schemas';
import type { Actor } from '../../shared/domain/actor';
import { forbidden, invalid, isDomainError, notFound } from '../../shared/domain/errors';
import { messageFor, t } from '../../shared/i18n';
import { migrationItemsBodySchema } from '../../shared/migration/json';
import { LIMITS } from '../../shared/migration/types';
import type { Logger } from '../logger';
import { API_KEY_PREFIX, type ApiKeyService, type KeyCaller } from '../services/apiKeys';
import { ImportRejected, type ImportContent, type MigrationService } from '../services/migration';
import type { WarRoomService } from '../services/warRooms';
import { sendError } from './errors';
import { AuthError, type IdentityResolver } from './identity';
import { PayloadTooLarge, readRawBody } from './rawBody';
import { importSummaryDto, keyDto, totalsDto } from './migrationDtos';

export interface MigrationApiDeps {
  logger: Logger;
  identify: IdentityResolver;
  /** API keys of a tenant taken off the allow-list stop working too. */
  allowedTenants: '*' | readonly string[];
  warRooms: WarRoomService;
  migration: MigrationService;
  apiKeys: ApiKeyService;
}

/** The route that reads its own body: up to LIMITS.bytes of CSV or JSON. */
export const IMPORT_ROUTE = '/api/v1/war-rooms/:id/migration/imports';

/** The same for a person uploading an export from the tab (recordsApi.ts). */
export const UPLOAD_ROUTE = '/api/v1/war-rooms/:id/migration/uploads';

/**
 * For the composition root: requests the global body parser must leave alone. An import
 * reads its own body; a DELETE has none, and without a Content-Length restify's parser
 * would refuse it as an unknown media type (415).
 */
export const bodyParserSkips = (req: Request): boolean =>
  req.getRoute()?.path === IMPORT_ROUTE ||
  req.getRoute()?.path === UPLOAD_ROUTE ||
  req.method === 'DELETE';

/** Why a request carried no usable API key (401). */
class KeyRefused extends Error {
  constructor(readonly reason: 'missing' | 'malformed' | 'unknown' | 'revoked') {
    super(`API key ${reason}`);
    this.name = 'KeyRefused';
  }
}

/** A body of a type the import does not read (415). */
class UnsupportedType extends Error {
  constructor(readonly type: string) {
    super(`unsupported content type ${type}`);
    this.name = 'UnsupportedType';
  }
}

const bearer = (req: Request) => /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
const localeOf = (req: Request) => req.header('accept-language')?.split(',')[0] ?? 'en';

/**
 * Migration status over HTTP: scripts import with an API key of their war room; the tab
 * reads totals, and the lead manages keys and the column mapping with a Teams SSO token.
 */
export function mountMigrationApi(server: Server, deps: MigrationApiDeps): void {
  const route =
    (status: 200 | 201 | 204, handler: (req: Request) => Promise<unknown>) =>
    async (req: Request, res: Response) => {
      try {
        const body = await handler(req);
        res.header('cache-control', 'no-store');
        if (status === 204) res.send(204);
        else res.send(status, body);
      } catch (error) {
        sendMigrationError(res, localeOf(req), error, deps.logger);
      }
    };

  /** A script, by the API key in its bearer token. */
  const script = async (req: Request): Promise<KeyCaller> => {
    const token = bearer(req);
    if (!token) throw new KeyRefused('missing');
    const result = await deps.apiKeys.authenticate(token);
    if (!result.ok) throw new KeyRefused(result.reason);
    const { tenantId } = result.caller;
    if (deps.allowedTenants !== '*' && !deps.allowedTenants.includes(tenantId)) {
      throw new AuthError(403, 'tenant_not_allowed', `tenant ${tenantId} is not allowed`);
    }
    return result.caller;
  };

  /** A person in the tab who may see the war room (others: 404); keys are not people. */
  const person = async (req: Request, warRoomId: string): Promise<Actor> => {
    if (bearer(req)?.startsWith(API_KEY_PREFIX)) throw forbidden('apikey.notForKeys');
    const actor = await deps.identify(req.header('authorization'));
    await deps.warRooms.getVisible(actor, warRoomId);
    return actor;
  };

  server.post(
    IMPORT_ROUTE,
    route(200, async (req) => {
      const caller = await script(req);
      const warRoomId = idParam(req, 'id');
      // Checked again by the service; here so a wrong key does not make us read 64 MB.
      if (caller.apiKey.warRoomId !== warRoomId) throw forbidden('apikey.otherWarRoom');
      const content = await importContent(req);
      return importSummaryDto(await deps.migration.import(caller, warRoomId, content));
    }),
  );

  server.get(
    '/api/v1/war-rooms/:id/migration',
    route(200, async (req) => {
      const warRoomId = idParam(req, 'id');
      const caller = bearer(req)?.startsWith(API_KEY_PREFIX)
        ? await script(req)
        : await person(req, warRoomId);
      return totalsDto(await deps.migration.totals(caller, warRoomId));
    }),
  );

  server.put(
    '/api/v1/war-rooms/:id/migration/mapping',
    route(200, async (req) => {
      const warRoomId = idParam(req, 'id');
      const actor = await person(req, warRoomId);
      const input = parseBody(migrationMappingSchema, req);
      const saved = await deps.migration.saveSettings(actor, warRoomId, input);
      return {
        mapping: saved.mapping,
        statusValues: saved.statusValues,
        updatedAt: saved.updatedAt,
      };
    }),
  );

  server.post(
    '/api/v1/war-rooms/:id/api-keys',
    route(201, async (req) => {
      const warRoomId = idParam(req, 'id');
      const actor = await person(req, warRoomId);
      const { name } = parseBody(createApiKeySchema, req);
      const { apiKey, key } = await deps.apiKeys.create(actor, warRoomId, name);
      return { id: apiKey.id, name: apiKey.name, key, createdAt: apiKey.createdAt };
    }),
  );

  server.get(
    '/api/v1/war-rooms/:id/api-keys',
    route(200, async (req) => {
      const warRoomId = idParam(req, 'id');
      const actor = await person(req, warRoomId);
      return { apiKeys: (await deps.apiKeys.list(actor, warRoomId)).map(keyDto) };
    }),
  );

  server.del(
    '/api/v1/war-rooms/:id/api-keys/:keyId',
    route(204, async (req) => {
      const warRoomId = idParam(req, 'id');
      const actor = await person(req, warRoomId);
      await deps.apiKeys.revoke(actor, warRoomId, idParam(req, 'keyId'));
    }),
  );
}

/** The import's content by its type: an export as `text/csv`, or `{"items": [...]}`. */
export async function importContent(req: Request): Promise<ImportContent> {
  const type = req.getContentType().toLowerCase();
  if (type !== 'text/csv' && type !== 'application/json') throw new UnsupportedType(type);
  const bytes = await readRawBody(req, LIMITS.bytes);
  if (type === 'text/csv') return { kind: 'csv', content: bytes, source: 'api-csv' };
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalid('error.invalidRequest', { detail: 'JSON' });
  }
  const parsed = migrationItemsBodySchema.safeParse(json);
  if (!parsed.success) throw invalid('error.invalidRequest', { detail: 'items' });
  return { kind: 'json', items: parsed.data.items, source: 'api-json' };
}

function idParam(req: Request, name: 'id' | 'keyId'): string {
  const parsed = idParamSchema.safeParse(
    (req.params as Record<string, unknown> | undefined)?.[name],
  );
  if (!parsed.success) throw notFound(name === 'id' ? 'warroom.notFound' : 'apikey.notFound');
  return parsed.data;
}

function parseBody<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.map(String).join('.') || 'body';
    throw invalid('error.invalidRequest', { detail: path });
  }
  return parsed.data;
}

/** The migration API's own refusals; everything else as every API route sends it. */
export function sendMigrationError(
  res: Response,
  locale: string,
  error: unknown,
  logger: Logger,
): void {
  if (error instanceof KeyRefused) {
    logger.info('API key refused', { reason: error.reason });
    res.header(
      'www-authenticate',
      error.reason === 'missing'
        ? 'Bearer realm="War Room"'
        : 'Bearer realm="War Room", error="invalid_token"',
    );
    res.send(401, {
      error: { code: 'unauthenticated', message: t(locale, 'apikey.unauthenticated') },
    });
    return;
  }
  if (error instanceof PayloadTooLarge) {
    // The rest of the body is not read: close rather than keep the connection.
    res.header('connection', 'close');
    const maxMb = error.limit / 1024 / 1024;
    res.send(413, {
      error: { code: 'too_large', message: t(locale, 'migration.file.tooLarge', { maxMb }) },
    });
    return;
  }
  if (error instanceof UnsupportedType) {
    res.send(415, {
      error: { code: 'unsupported_media_type', message: t(locale, 'migration.file.contentType') },
    });
    return;
  }
  if (error instanceof ImportRejected) {
    res.send(422, {
      error: { code: 'invalid', message: messageFor(locale, error) },
      rejectedCount: error.total,
      rejected: error.rejected.map(({ line, reason }) => ({
        line,
        code: reason.code,
        message: t(locale, reason.code, reason.params),
      })),
    });
    return;
  }
  if (
    isDomainError(error) &&
    error.kind === 'invalid' &&
    error.messageKey.startsWith('migration.')
  ) {
    // The file as a whole cannot be used (empty, columns missing, too many rows).
    res.send(422, {
      error: { code: 'invalid', message: messageFor(locale, error) },
      rejectedCount: 0,
      rejected: [],
    });
    return;
  }
  sendError(res, locale, error, logger);
}
