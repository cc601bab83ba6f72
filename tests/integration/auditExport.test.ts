import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appendAudit } from '../../bot/services/auditTrail';
import { auditVerificationSchema } from '../../shared/api/audit';
import { startTestApp, type TestApp } from '../support/app';
import { forgeAudit } from '../support/auditForgery';
import { startPostgres, type TestPostgres } from '../support/postgres';

const VERIFIER = path.resolve(__dirname, '../../scripts/verify-audit-export.mjs');

/** The standalone verifier, as someone without the app runs it. */
function verifyFile(lines: string[]): Promise<{ code: number | null; out: string }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-export-')), 'a.jsonl');
  fs.writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  return new Promise((resolve) => {
    execFile(process.execPath, [VERIFIER, file], { timeout: 30_000 }, (error, stdout, stderr) => {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, out: `${stdout}${stderr}`.trim() });
    });
  });
}

/**
 * The tab's audit routes on both engines, against a log the real bot wrote: the verdict,
 * the JSON Lines export, and the standalone verifier accepting the export and rejecting
 * it after one character is changed, a line removed or two lines swapped.
 */
describe.each(['sqlite', 'postgres'] as const)('audit export and verification on %s', (engine) => {
  let pg: TestPostgres | undefined;
  let t: TestApp;
  let warRoomId: string;
  let databaseUrl: string | undefined;

  beforeAll(async () => {
    if (engine === 'postgres') {
      pg = await startPostgres();
      databaseUrl = await pg.createDatabase('audit_export');
    }
    t = await startTestApp(databaseUrl ? { DATABASE_URL: databaseUrl } : {});
    await t.say('start Mailbox cutover weekend');
    await t.say('incident Licences not assigned sev2');
    await t.say('incident Calendar sharing lost sev3');
    const w = await t.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(t.tenantId, t.room.channelId),
    );
    warRoomId = w?.id ?? '';
  });
  afterAll(async () => {
    await t?.stop();
    await pg?.stop();
  });

  const download = async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/war-rooms/${warRoomId}/audit/export`);
    return { res, lines: (await res.text()).split('\n').filter((l) => l !== '') };
  };
  const verifyApi = async () => {
    const r = await t.get(`/api/v1/war-rooms/${warRoomId}/audit/verify`);
    expect(r.status).toBe(200);
    return auditVerificationSchema.strict().parse(r.body);
  };

  test('verify answers with the range and head of an intact chain', async () => {
    const head = await t.app.storage.transaction((tx) => tx.audit.head(t.tenantId, warRoomId));
    expect(await verifyApi()).toEqual({
      verified: true,
      entries: 3,
      firstSeq: 1,
      lastSeq: 3,
      lastHash: head?.hash,
    });
  });

  test('export: JSON Lines as an attachment, every hashed field, ending with its own record', async () => {
    const { res, lines } = await download();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="war-room-${warRoomId}-audit.jsonl"`,
    );
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.map((e) => [e.seq, e.action, e.actorName])).toEqual([
      [1, 'warroom.started', 'Alice Lead'],
      [2, 'incident.logged', 'Alice Lead'],
      [3, 'incident.logged', 'Alice Lead'],
      [4, 'audit.exported', 'Local Developer'],
    ]);
    const stored = await t.app.storage.transaction((tx) => tx.audit.list(t.tenantId, warRoomId));
    expect(entries).toEqual(JSON.parse(JSON.stringify(stored)));
    expect(Object.keys(entries[0] ?? {}).sort()).toEqual(
      [
        'action',
        'actorId',
        'actorName',
        'after',
        'at',
        'before',
        'hash',
        'personal',
        'prevHash',
        'seq',
        'subject',
        'tenantId',
        'warRoomId',
      ].sort(),
    );
  });

  test('the standalone verifier accepts the export and names its head', async () => {
    const { lines } = await download();
    const last = JSON.parse(lines.at(-1) ?? '{}') as { seq: number; hash: string };
    const r = await verifyFile(lines);
    expect(r).toEqual({
      code: 0,
      out: `OK: ${last.seq} entries, seq 1-${last.seq}, war room ${warRoomId}, last hash ${last.hash}`,
    });
    // The head the tab is told matches the file's: a cut-off tail would not.
    expect(await verifyApi()).toMatchObject({ lastSeq: last.seq, lastHash: last.hash });
  });

  test('the standalone verifier rejects one character changed, a line removed, lines swapped', async () => {
    const { lines } = await download();
    const edit = (i: number, from: string | RegExp, to: string | ((m: string) => string)) => {
      const copy = [...lines];
      const line = copy[i] ?? '';
      const changed = typeof to === 'string' ? line.replace(from, to) : line.replace(from, to);
      if (changed === copy[i]) throw new Error(`nothing to change in line ${i + 1}`);
      copy[i] = changed;
      return copy;
    };
    expect(await verifyFile(edit(1, 'Alice Lead', 'Alice Leed'))).toEqual({
      code: 1,
      out: 'BROKEN: line 2 (seq 2): hash mismatch',
    });
    expect(await verifyFile(edit(2, /"at":"(\d{4})/, '"at":"1999'))).toEqual({
      code: 1,
      out: 'BROKEN: line 3 (seq 3): hash mismatch',
    });
    // One hex digit of the link to the previous entry: the link, not the entry's own hash, breaks.
    const otherDigit = (m: string) => m.slice(0, -1) + (m.endsWith('a') ? 'b' : 'a');
    expect(await verifyFile(edit(3, /"prevHash":"[0-9a-f]/, otherDigit))).toEqual({
      code: 1,
      out: 'BROKEN: line 4 (seq 4): prev-hash mismatch',
    });
    expect(await verifyFile(lines.filter((_, i) => i !== 2))).toEqual({
      code: 1,
      out: 'BROKEN: line 3 (seq 4): gap in seq (expected 3)',
    });
    const swapped = [lines[0], lines[2], lines[1], ...lines.slice(3)] as string[];
    expect(await verifyFile(swapped)).toEqual({
      code: 1,
      out: 'BROKEN: line 2 (seq 3): gap in seq (expected 2)',
    });
  });

  test('a chain longer than one page streams whole and still verifies', async () => {
    await t.app.storage.transaction(async (tx) => {
      for (let n = 0; n < 2100; n++) {
        await appendAudit(tx, {
          tenantId: t.tenantId,
          warRoomId,
          at: new Date(Date.UTC(2026, 9, 24, 20, 0, n)).toISOString(),
          actorId: 'user-x',
          actorName: `Søren «${n}»`,
          action: 'incident.status_changed',
          subject: `incident:${n}`,
          before: { status: 'open', n },
          after: { status: 'mitigated', note: 'tab\tand\nline', n },
        });
      }
    });
    const { lines } = await download();
    const seqs = lines.map((l) => (JSON.parse(l) as { seq: number }).seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seqs.length).toBeGreaterThan(2100);
    expect((await verifyFile(lines)).code).toBe(0);
  });

  test('an entry changed in the database behind the app: verify names it', async () => {
    const location = { databaseUrl, dataDir: t.app.config.dataDir };
    await forgeAudit(location, warRoomId, 2, 'edit');
    expect(await verifyApi()).toMatchObject({
      verified: false,
      firstSeq: 1,
      brokenAt: { seq: 2, reason: 'hash_mismatch' },
    });
  });
});
