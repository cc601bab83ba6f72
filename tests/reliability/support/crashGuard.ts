import { types } from 'node:util';
import vm from 'node:vm';

/**
 * Jest runs tests in a sandbox whose `process` is a copy: listeners added to it never see
 * the real process's uncaught exceptions. vm.runInThisContext evaluates in the main
 * context, which holds the real one.
 */
const realProcess = vm.runInThisContext('process') as NodeJS.Process;

export interface CrashGuard {
  /** Errors nobody caught since the last call (and forgets them). */
  take(): Error[];
  /** `work`, unless an uncaught error is recorded first: then it rejects with that error. */
  race<T>(work: Promise<T>): Promise<T>;
  stop(): void;
}

/**
 * Records uncaught exceptions and unhandled rejections of the real process (a server that
 * throws outside any request handler), so a test can fail on them by name instead of
 * jest's runner dying or blaming whatever test happens to run.
 */
export function watchUncaught(): CrashGuard {
  const seen: Error[] = [];
  const waiting = new Set<(e: Error) => void>();
  const record = (e: unknown) => {
    // isNativeError, not instanceof: the server's errors come from the main realm's Error.
    const error = types.isNativeError(e) ? e : new Error(`non-error thrown: ${String(e)}`);
    seen.push(error);
    [...waiting].forEach((fail) => fail(error));
  };
  realProcess.on('uncaughtException', record);
  realProcess.on('unhandledRejection', record);
  return {
    take: () => seen.splice(0),
    race: <T>(work: Promise<T>) => {
      let fail!: (e: Error) => void;
      const tripped = new Promise<never>((_resolve, reject) => {
        fail = (e) => reject(new Error(`uncaught error in the server: ${e.stack ?? e.message}`));
      });
      waiting.add(fail);
      return Promise.race([work, tripped]).finally(() => waiting.delete(fail));
    },
    stop: () => {
      realProcess.off('uncaughtException', record);
      realProcess.off('unhandledRejection', record);
      waiting.clear();
    },
  };
}
