import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../bot/logger';
import { INBOX_RETENTION_MS, pruneInbox } from '../../bot/services/housekeeping';
import { openStorage } from '../../bot/storage/open';
import type { Storage } from '../../bot/storage/types';

describe('housekeeping', () => {
  let dir: string;
  let storage: Storage;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-housekeeping-'));
    storage = await openStorage({ dataDir: dir });
  });
  afterEach(async () => {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('forgets redelivery claims older than the retention, keeps recent ones', async () => {
    const now = new Date('2026-11-22T20:00:00Z');
    const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
    const claim = (id: string, at: string) =>
      storage.transaction((tx) => tx.inbox.claim('19:c', id, at));
    await claim('old', ago(INBOX_RETENTION_MS + 60_000));
    await claim('recent', ago(60_000));
    const removed = await pruneInbox({
      storage,
      clock: { now: () => now },
      logger: createLogger('silent'),
    });
    expect(removed).toBe(1);
    expect(await claim('old', now.toISOString())).toBe(true);
    expect(await claim('recent', now.toISOString())).toBe(false);
  });
});
