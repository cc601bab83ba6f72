import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../bot/logger';
import {
  HOUSEKEEPING,
  INBOX_RETENTION_MS,
  JOB_RETENTION_MS,
  OUTBOX_RETENTION_MS,
  pruneInbox,
  pruneJobs,
  pruneOutbox,
} from '../../bot/services/housekeeping';
import { openStorage } from '../../bot/storage/open';
import type { Storage } from '../../bot/storage/types';
import { claimActivity } from '../storage/fixtures';
import { startTestApp } from '../support/app';

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
    const claim = (id: string, at: string) => claimActivity(storage, '19:c', id, at);
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

  test('forgets sent outbox messages older than a week, keeps the rest', async () => {
    const now = new Date('2026-11-22T20:00:00Z');
    const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
    const target = { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversationId: '19:c' };
    const put = (id: string, at: string, send: boolean) =>
      storage.transaction(async (tx) => {
        await tx.outbox.enqueue({
          id,
          tenantId: 't',
          target: { ...target, conversationId: `19:${id}` },
          operation: 'post',
          subject: null,
          activity: { type: 'message', text: id },
          failureNotice: null,
          createdAt: at,
        });
        if (send) {
          await tx.outbox.claimDue(at, ago(-60_000), 10);
          await tx.outbox.settle(id, { state: 'sent', activityId: `a-${id}` }, at);
        }
      });
    await put('old-sent', ago(OUTBOX_RETENTION_MS + 60_000), true);
    await put('recent-sent', ago(60_000), true);
    await put('old-pending', ago(OUTBOX_RETENTION_MS + 60_000), false);
    const deps = { storage, clock: { now: () => now }, logger: createLogger('silent') };
    expect(await pruneOutbox(deps)).toBe(1);
    const left = await storage.transaction(async (tx) => [
      await tx.outbox.findById('old-sent'),
      await tx.outbox.findById('recent-sent'),
      await tx.outbox.findById('old-pending'),
    ]);
    expect(left.map((m) => m?.state)).toEqual([undefined, 'sent', 'pending']);
  });

  test('forgets done jobs older than a week, keeps failed and recent ones', async () => {
    const now = new Date('2026-11-22T20:00:00Z');
    const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
    const finish = (id: string, at: string, state: 'done' | 'failed') =>
      storage.transaction(async (tx) => {
        await tx.jobs.schedule({
          id,
          kind: 'decision.reminder',
          tenantId: 't',
          warRoomId: null,
          payload: {},
          dedupeKey: null,
          dueAt: at,
          createdAt: at,
        });
        const [lease] = await tx.jobs.claimDue(at, ago(-60_000), 1);
        const outcome = state === 'done' ? { state } : { state, error: 'gave up' };
        await tx.jobs.settle(lease!, outcome, at);
      });
    await finish('old-done', ago(JOB_RETENTION_MS + 60_000), 'done');
    await finish('old-failed', ago(JOB_RETENTION_MS + 60_000), 'failed');
    await finish('recent-done', ago(60_000), 'done');
    const deps = { storage, clock: { now: () => now }, logger: createLogger('silent') };
    expect(await pruneJobs(deps)).toBe(1);
    const left = await storage.transaction(async (tx) => [
      await tx.jobs.findById('old-done'),
      await tx.jobs.findById('old-failed'),
      await tx.jobs.findById('recent-done'),
    ]);
    expect(left.map((j) => j?.state)).toEqual([undefined, 'failed', 'done']);
  });

  test('the server runs housekeeping as a job at start, and schedules the next in an hour', async () => {
    const t = await startTestApp();
    try {
      await t.app.scheduler.idle();
      const job = await t.app.storage.transaction((tx) => tx.jobs.findByDedupeKey(HOUSEKEEPING));
      expect(job).toMatchObject({ kind: HOUSEKEEPING, state: 'pending', attempts: 0 });
      const inMinutes = (Date.parse(job!.dueAt) - Date.now()) / 60_000;
      expect(inMinutes).toBeGreaterThan(55);
      expect(inMinutes).toBeLessThanOrEqual(60);
    } finally {
      await t.stop();
    }
  });
});
