import type { Logger } from './logger';

/**
 * The process-level net: anything that escapes a request's own error handling is logged
 * as one JSON line and the server keeps serving. Every known path is handled where it
 * happens; this catches what nobody foresaw, so that one bad request cannot stop the
 * war room in the middle of a cutover. Returns a function that removes the net.
 */
export function installSafetyNet(logger: Logger): () => void {
  const onException = (error: Error) => {
    logger.error('uncaught exception (the server keeps running)', { error });
  };
  const onRejection = (reason: unknown) => {
    logger.error('unhandled promise rejection (the server keeps running)', { error: reason });
  };
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
