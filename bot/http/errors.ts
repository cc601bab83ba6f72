import type { Response } from 'restify';
import { isDomainError } from '../../shared/domain/errors';
import { messageFor, t } from '../../shared/i18n';
import { STATUS_OF } from '../errorStatus';
import type { Logger } from '../logger';
import { isStorageUnavailable } from '../storage/errors';
import { AuthError } from './identity';

/** Sends any failure as `{error: {code, message}}` with a message safe to show; details to the log. */
export function sendError(res: Response, locale: string, error: unknown, logger: Logger): void {
  if (isDomainError(error)) {
    res.send(STATUS_OF[error.kind], {
      error: { code: error.kind, message: messageFor(locale, error) },
    });
    return;
  }
  if (error instanceof AuthError) {
    logger.info('API caller rejected', { code: error.code, detail: error.message });
    const key =
      error.code === 'tenant_not_allowed' ? 'error.tenantNotAllowed' : 'error.unauthenticated';
    res.send(error.status, { error: { code: error.code, message: t(locale, key) } });
    return;
  }
  if (isStorageUnavailable(error)) {
    logger.warn('API request: the database is not answering', { error });
    res.header('retry-after', '10');
    res.send(503, { error: { code: 'unavailable', message: t(locale, 'error.unavailableApi') } });
    return;
  }
  logger.error('API request failed', { error });
  res.send(500, { error: { code: 'internal', message: t(locale, 'error.internal') } });
}
