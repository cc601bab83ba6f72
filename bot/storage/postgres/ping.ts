import type { Pool, PoolClient } from 'pg';
import { StorageUnavailableError } from '../errors';

/**
 * `SELECT 1` on a connection of the health pool, settled within `timeoutMs` whatever the
 * server does. A connection that did not answer in time is destroyed, not returned: the
 * next probe would hang on it too. Rejects only with `StorageUnavailableError`.
 */
export async function boundedPing(pool: Pool, timeoutMs: number): Promise<void> {
  let client: PoolClient | undefined;
  let late = false;
  // Exactly one release per checkout: by the probe, or by the deadline if it fires first.
  const release = (error?: Error) => {
    const held = client;
    client = undefined;
    held?.release(error);
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      late = true;
      release(new Error('health check timed out'));
      reject(new Error(`PostgreSQL did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const probe = async () => {
    const connected = await pool.connect();
    if (late) {
      connected.release(); // connected after the deadline: nothing wrong with it
      return;
    }
    client = connected;
    try {
      await connected.query('SELECT 1');
    } catch (e) {
      release(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
    release();
  };
  try {
    // Whichever loses the race still settles later; race() has handled its rejection.
    await Promise.race([probe(), deadline]);
  } catch (e) {
    throw e instanceof StorageUnavailableError
      ? e
      : new StorageUnavailableError('PostgreSQL does not answer', { cause: e });
  } finally {
    clearTimeout(timer);
  }
}
