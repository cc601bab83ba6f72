import type { Logger } from '../../bot/logger';

/** A logger that keeps what was logged as an error (and drops the rest), to assert on. */
export function errorLog(): {
  logger: Logger;
  errors: { msg: string; fields?: Record<string, unknown> }[];
} {
  const errors: { msg: string; fields?: Record<string, unknown> }[] = [];
  const ignore = () => undefined;
  const logger: Logger = {
    debug: ignore,
    info: ignore,
    warn: ignore,
    error: (msg, fields) => errors.push({ msg, fields }),
  };
  return { logger, errors };
}
