/**
 * The database did not answer (connection refused or lost, pool exhausted, a statement
 * timed out). Transient: the caller should say "try again" (HTTP 503), never "bad input".
 */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

export const isStorageUnavailable = (e: unknown): e is StorageUnavailableError =>
  e instanceof StorageUnavailableError;
