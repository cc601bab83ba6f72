/**
 * Benchmark: the evaluation report of a war room with a long log — 3,500 mailboxes imported
 * in 50 rounds and 20,000 further audit entries — read through the real server as
 * Markdown, HTML and the timeline CSV. Prints figures; asserts nothing.
 *
 *   npm run build:server && node dist/tests/bench/report.bench.js [--postgres]
 */
import { performance } from 'node:perf_hooks';
import { appendAudit } from '../../bot/services/auditTrail';
import { startTestApp, type TestApp } from '../support/app';
import { startPostgres, type TestPostgres } from '../support/postgres';

const MAILBOXES = 3500;
const ROUNDS = 50;
const ENTRIES = 20_000;

/**
 * A GET, tried again once when the pooled connection was closed meanwhile (the server's
 * keep-alive ends after 5 s idle; filling the log takes longer).
 */
async function get(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch {
    return fetch(url);
  }
}

async function main(): Promise<void> {
  const pg: TestPostgres | undefined = process.argv.includes('--postgres')
    ? await startPostgres()
    : undefined;
  const t: TestApp = await startTestApp({
    LOG_LEVEL: 'error',
    ...(pg ? { DATABASE_URL: await pg.createDatabase('report_bench') } : {}),
  });
  try {
    await t.say('start Mailbox cutover weekend');
    await t.say('incident Licences not assigned sev2');
    const w = (await t.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(t.tenantId, t.room.channelId),
    ))!;
    const lead = { tenantId: t.tenantId, userId: w.createdById, name: w.createdByName };
    for (let round = 0; round < ROUNDS; round++) {
      const items = Array.from({ length: MAILBOXES }, (_, i) => ({
        identity: `user.${i}@hospital.example`,
        batch: `Wave ${i % 10}`,
        status:
          i < ((round + 1) * MAILBOXES) / ROUNDS
            ? i % 700 === 0
              ? 'Failed'
              : 'Completed'
            : 'Syncing',
      }));
      await t.app.migration.import(lead, w.id, { kind: 'json', items, source: 'api-json' });
    }
    for (let i = 0; i < ENTRIES; i += 1000) {
      await t.app.storage.transaction(async (tx) => {
        for (let k = i; k < i + 1000; k++) {
          await appendAudit(tx, {
            tenantId: t.tenantId,
            warRoomId: w.id,
            at: new Date(Date.UTC(2026, 9, 24, 6) + k * 1000).toISOString(),
            actorId: `user-${k % 7}`,
            actorName: `Person ${k % 7}`,
            action: 'incident.noted',
            subject: `warroom:${w.id}`,
            before: null,
            after: { text: `note ${k}` },
          });
        }
      });
    }
    const entries = await t.app.storage.transaction((tx) => tx.audit.lastSeq(t.tenantId, w.id));
    console.log(`${t.app.storage.kind}: ${entries} audit entries, ${MAILBOXES} mailboxes`);
    for (const path of ['report?format=md', 'report?format=html', 'report/timeline.csv']) {
      const runs: number[] = [];
      let bytes = 0;
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        const res = await get(`${t.baseUrl}/api/v1/war-rooms/${w.id}/${path}`);
        bytes = (await res.arrayBuffer()).byteLength;
        runs.push(performance.now() - started);
      }
      const best = Math.min(...runs);
      console.log(
        `  GET …/${path}: best of 3 ${best.toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB`,
      );
    }
  } finally {
    await t.stop();
    await pg?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
