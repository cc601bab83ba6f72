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

/**
 * A transaction refused at its end because one of its statements failed and the error was
 * caught inside it: PostgreSQL has aborted it (its COMMIT only rolls back) and SQLite would
 * commit the half before the failure. A defect of the caller, not of the input: HTTP 500.
 */
export class TransactionAbortedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransactionAbortedError';
  }
}
