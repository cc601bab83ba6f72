import { DatabaseError } from 'pg';
import { StorageUnavailableError } from '../errors';
import { StorageConflictError } from '../types';

const UNIQUE_VIOLATION = '23505';

/**
 * SQLSTATEs that say "the database is not there right now", not "your statement is wrong":
 * class 08 (connection exception), admin/crash shutdown and "cannot connect now" (57P0x,
 * a server starting or stopping), too many connections, and a statement cancelled by
 * `statement_timeout` or an idle transaction ended by `idle_in_transaction_session_timeout`.
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '57014', '25P03']);

/** Socket errors (node) that mean the server cannot be reached or went away. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * node-postgres and pg-pool report lost connections and timeouts by message only. (Not
 * "Client was closed": that is a client used after release, a bug to see as one.)
 */
const LOST =
  /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error)/;

/**
 * Duck-typed, not `instanceof Error`: errors raised by Node's own modules may come from
 * another realm (a test sandbox, a worker) and fail that check.
 */
interface ErrorLike {
  message: string;
  code?: unknown;
  cause?: unknown;
  errors?: unknown;
}
const isErrorLike = (e: unknown): e is ErrorLike =>
  typeof e === 'object' && e !== null && typeof (e as ErrorLike).message === 'string';

function isConnectionFailure(e: unknown, depth = 0): boolean {
  if (!isErrorLike(e) || depth > 3) return false;
  if (e instanceof StorageUnavailableError) return true;
  const { code } = e;
  if (e instanceof DatabaseError) {
    return typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_STATES.has(code));
  }
  if (typeof code === 'string' && SOCKET_CODES.has(code)) return true;
  if (LOST.test(e.message)) return true;
  // Node's happy-eyeballs connect reports every address's failure in an AggregateError.
  if (Array.isArray(e.errors) && e.errors.some((x) => isConnectionFailure(x, depth + 1))) {
    return true;
  }
  return isConnectionFailure(e.cause, depth + 1);
}

/**
 * Translates a pg failure into the storage port's errors: a unique violation is a
 * conflict, a database that cannot be reached is `StorageUnavailableError` (the original
 * kept as `cause`), and anything else (a bug, a constraint) passes through unchanged.
 */
export function toStorageError(e: unknown): unknown {
  if (e instanceof StorageUnavailableError || e instanceof StorageConflictError) return e;
  if (e instanceof DatabaseError && e.code === UNIQUE_VIOLATION) {
    return new StorageConflictError(e.constraint ?? 'unique');
  }
  if (isConnectionFailure(e)) {
    const detail = isErrorLike(e) ? e.message : String(e);
    return new StorageUnavailableError(`PostgreSQL is unavailable: ${detail}`, { cause: e });
  }
  return e;
}
