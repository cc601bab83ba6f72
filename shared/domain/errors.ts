/**
 * Domain errors. Each kind maps to a status code in exactly one place (bot/errorStatus.ts),
 * used by the HTTP API and by card invokes alike.
 * `messageKey` names a catalog entry so users read a sentence in their language;
 * `detail` is for logs only.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'forbidden' | 'conflict';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    detail?: string,
  ) {
    super(detail ?? messageKey);
    this.name = 'DomainError';
  }
}

export const invalid = (key: string, params?: Record<string, string | number>) =>
  new DomainError('invalid', key, params);
export const notFound = (key: string, params?: Record<string, string | number>) =>
  new DomainError('not_found', key, params);
export const forbidden = (key: string, params?: Record<string, string | number>) =>
  new DomainError('forbidden', key, params);
export const conflict = (key: string, params?: Record<string, string | number>) =>
  new DomainError('conflict', key, params);

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
