import { randomBytes } from 'node:crypto';
import type { Storage } from '../storage/types';
import type { Clock } from './clock';

/**
 * The deployment's key named `name` (256 random bits), created by the first instance that
 * asks: every instance on the same database gets the same one, with nothing to configure.
 */
export function signingKey(
  deps: { storage: Storage; clock: Clock },
  name: string,
): Promise<string> {
  return deps.storage.transaction((tx) =>
    tx.signingKeys.ensure(
      name,
      randomBytes(32).toString('base64url'),
      deps.clock.now().toISOString(),
    ),
  );
}
