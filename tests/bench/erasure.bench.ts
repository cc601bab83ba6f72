/**
 * Benchmark: erasing one person from a war room whose audit log has 20,000 entries (half
 * of them theirs), on SQLite: the export, the erasure (one transaction), and verifying the
 * chain before and after. Prints figures; asserts nothing.
 *
 *   npm run build:server && node dist/tests/bench/erasure.bench.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { verifyStoredChain } from '../../bot/services/auditChain';
import { appendAudit } from '../../bot/services/auditTrail';
import { PrivacyService } from '../../bot/services/privacy';
import { openStorage } from '../../bot/storage/open';

const ENTRIES = 20_000;
const TENANT = 'tenant-bench';
const PERSON = 'aad-person-bench';

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'warroom-erasure-bench-'));
  const storage = await openStorage({ dataDir });
  try {
    const now = new Date().toISOString();
    const id = '7e0f6a52-1b1c-4c55-9e55-3a3b7d1f0022';
    await storage.transaction(async (tx) => {
      await tx.warRooms.insert({
        id,
        tenantId: TENANT,
        teamId: 'team',
        channelId: '19:bench@thread.tacv2',
        conversationId: '19:bench@thread.tacv2',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        title: 'Bench',
        timeZone: 'Europe/Copenhagen',
        language: 'en',
        phase: 'cutover',
        createdById: 'lead',
        createdByName: 'Lead',
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      for (let n = 0; n < ENTRIES; n++) {
        const theirs = n % 2 === 0;
        await appendAudit(tx, {
          tenantId: TENANT,
          warRoomId: id,
          at: now,
          actorId: theirs ? PERSON : 'someone-else',
          actorName: theirs ? 'Petra Person' : 'Olaf Other',
          action: 'incident.owner_set',
          subject: `incident:${n}`,
          before: { owner: null },
          after: { owner: { id: '29:x', aadObjectId: theirs ? PERSON : 'o', name: 'X' }, n },
        });
      }
    });
    const service = new PrivacyService({
      storage,
      clock: { now: () => new Date() },
      isTenantAdmin: () => true,
    });
    const admin = { tenantId: TENANT, userId: 'admin', name: 'Admin' };
    const time = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
      const start = performance.now();
      const result = await fn();
      console.log(`${label.padEnd(34)} ${(performance.now() - start).toFixed(0).padStart(6)} ms`);
      return result;
    };
    console.log(`SQLite, ${ENTRIES} audit entries, ${ENTRIES / 2} naming the person`);
    await time('verify before', () => verifyStoredChain(storage, TENANT, id));
    const data = await time('export the person', () => service.exportPerson(admin, PERSON));
    console.log(`  export: ${JSON.stringify(data).length} bytes`);
    const report = await time('erase the person', () => service.erasePerson(admin, PERSON));
    console.log(`  audit entries rewritten: ${report.warRooms[0]?.auditEntries ?? 0}`);
    const after = await time('verify after', () => verifyStoredChain(storage, TENANT, id));
    console.log(`  verified: ${after.verified}, entries: ${after.entries}`);
  } finally {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
