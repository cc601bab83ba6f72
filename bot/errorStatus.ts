import type { DomainErrorKind } from '../shared/domain/errors';

/** The one place where a domain error kind becomes a status code (HTTP and card invokes). */
export const STATUS_OF: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};
