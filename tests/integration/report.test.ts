import { parse } from 'csv-parse/sync';
import { startMigrationApp, type MigrationApp } from '../support/migration';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { forgeAudit } from '../support/auditForgery';
import {
  FORMULA_COMMENT,
  LAB,
  MARKUP_TITLE,
  scriptedWeekend,
  type Weekend,
} from '../support/weekend';

/**
 * The evaluation report of a scripted weekend (tests/support/weekend.ts), read over HTTP
 * from the real server: what each section says, in the war room's zone and the reader's
 * language, and the CSV tables as a spreadsheet would read them.
 */
describe.each(['sqlite', 'postgres'] as const)(
  'the evaluation report of a scripted weekend on %s',
  (engine) => {
    let w: Weekend;
    let pg: TestPostgres | undefined;
    beforeAll(async () => {
      if (engine === 'postgres') pg = await startPostgres();
      w = await scriptedWeekend(pg ? { DATABASE_URL: await pg.createDatabase('report') } : {});
    });
    afterAll(async () => {
      await w?.stop();
      await pg?.stop();
    });

    const get = async (path: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${w.t.baseUrl}/api/v1/war-rooms/${w.warRoom.id}${path}`, {
        headers,
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      return { res, bytes, text: bytes.toString('utf8') };
    };
    /** The Markdown table row that starts with `ref`, as its cells. */
    const row = (md: string, ref: string) =>
      md
        .split('\n')
        .find((l) => l.startsWith(`| ${ref} |`))
        ?.slice(2, -2)
        .split(' | ');

    test('Markdown: decisions with who, when, comment and the time to answer', async () => {
      const { res, text } = await get('/report?format=md');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="war-room-${w.warRoom.id}-report.md"`,
      );
      expect(text).toMatch(/^# Evaluation report: Mailbox cutover weekend\n/);
      expect(row(text, 'DEC-1')).toEqual([
        'DEC-1',
        'Decision',
        'Buy 40 extra E3 licences now?',
        'Anna Board',
        'Alice Lead',
        'Approved',
        'Fri, Oct 23, 06:30 PM GMT+2',
        '',
        'Fri, Oct 23, 06:42 PM GMT+2',
        '12 min',
        `Anna Board: Approve (Fri, Oct 23, 06:42 PM GMT+2) “${FORMULA_COMMENT}”`,
      ]);
    });

    test('Markdown: incident durations are elapsed time, across the October clock change', async () => {
      const { text } = await get('/report?format=md');
      // Opened Fri 18:20 CEST, acknowledged 18:25, mitigated 19:00, resolved Sun 02:30 CET:
      // 33 h 10 min elapsed, though the wall clock moved 32 h 10 min.
      expect(row(text, 'INC-1')).toEqual([
        'INC-1',
        'Licences not assigned',
        'Sev 2 (major)',
        'Resolved',
        'Alice Lead',
        '',
        'Fri, Oct 23, 06:20 PM GMT+2',
        '5 min',
        '40 min',
        '33 hr 10 min',
        'Sun, Oct 25, 02:30 AM GMT+1',
      ]);
      // Unacknowledged incidents have no durations yet; markup in a title stays text.
      expect(row(text, 'INC-2')?.slice(1, 4)).toEqual([
        '@SUM(1,2) \\<script\\>alert(1)\\</script\\> Outlook \\| rules',
        'Sev 3 (minor)',
        'Open',
      ]);
      expect(row(text, 'INC-2')?.slice(7, 10)).toEqual(['', '', '']);
    });

    test('Markdown: actions, batches, failures and what became of them, the freeze and its violation', async () => {
      const { text } = await get('/report?format=md');
      expect(row(text, 'ACT-1')).toEqual([
        'ACT-1',
        'Recreate the failed mailboxes',
        'Jonas Engineer',
        'Sat, Oct 24, 08:00 PM GMT+2',
        'Done',
        'Sun, Oct 25, 03:00 AM GMT+1',
        'Yes',
        '',
      ]);
      expect(row(text, 'Wave 1')).toEqual(['Wave 1', '2', '0', '0', '0', '2', '0', '0']);
      expect(row(text, 'Wave 2')).toEqual(['Wave 2', '3', '0', '1', '0', '1', '1', '0']);
      expect(row(text, 'b@hospital.example')?.slice(0, 6)).toEqual([
        'b@hospital.example',
        'Wave 1',
        'Completed later',
        'Completed',
        'Mailbox locked',
        '',
      ]);
      // d@ failed and still is; the failures incident Jonas logged from the card names it.
      expect(row(text, 'd@hospital.example')?.slice(0, 6)).toEqual([
        'd@hospital.example',
        'Wave 2',
        'Still failed',
        'Failed',
        'Quota exceeded',
        'INC-4',
      ]);
      expect(row(text, 'FRZ-1')).toEqual([
        'FRZ-1',
        'tag lab-results',
        'Sat, Oct 24, 06:00 PM GMT+2',
        'Sun, Oct 25, 06:00 AM GMT+1',
        'Lab feed switch-over',
        'Active',
        '',
        'Alice Lead',
        '1',
      ]);
      expect(text).toContain(`| FRZ-1 | ${LAB} | Sat, Oct 24, 09:00 PM GMT+2 | INC-3 |`);
    });

    test('Markdown: the timeline from the audit log, and the chain verified from which entry to which', async () => {
      const { text } = await get('/report?format=md');
      const log = await w.t.app.storage.transaction((tx) =>
        tx.audit.list(w.t.tenantId, w.warRoom.id),
      );
      expect(text).toContain(
        `The audit chain verified: entry 1 to entry ${log.length} (${log.length} entries), last hash ${log.at(-1)!.hash}.`,
      );
      expect(text).toContain(
        '| Sun, Oct 25, 02:30 AM GMT+1 | Alice Lead | Incident status | INC-1 | Mitigated → Resolved |',
      );
      expect(text).toContain(
        '| Sat, Oct 24, 09:00 PM GMT+2 | Alice Lead | Migration import |  | 3 mailboxes changed |',
      );
      // Progress: completed and failed after each import.
      expect(text).toContain('| Fri, Oct 23, 06:10 PM GMT+2 | 1 | 2 |');
      expect(text).toContain('| Sat, Oct 24, 09:00 PM GMT+2 | 3 | 1 |');
    });

    test('in the reader’s language: Danish from Accept-Language, French from the link', async () => {
      const da = await get('/report?format=md', { 'accept-language': 'da-DK,da;q=0.9' });
      expect(da.text).toMatch(/^# Evalueringsrapport: Mailbox cutover weekend\n/);
      expect(row(da.text, 'INC-1')?.slice(7, 10)).toEqual(['5 min.', '40 min.', '33 t. 10 min.']);
      const fr = await get('/report?format=md&locale=fr-BE', { 'accept-language': 'da' });
      expect(fr.text).toContain('La chaîne d’audit est vérifiée');
      expect(row(fr.text, 'INC-1')?.[9]?.replace(/\s/gu, ' ')).toBe('33 h 10 min');
    });

    test('CSV per table: spreadsheet times and minutes, formula cells neutralised', async () => {
      const { res, text, bytes } = await get('/report/incidents.csv');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="war-room-${w.warRoom.id}-incidents.csv"`,
      );
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for Excel
      const rows = parse(text.slice(1)) as string[][];
      expect(rows[0]).toEqual([
        'Ref',
        'Title',
        'Severity',
        'Status',
        'Reported by',
        'Owner',
        'Opened',
        'Time to acknowledge (min)',
        'Time to mitigate (min)',
        'Time to resolve (min)',
        'Resolved',
      ]);
      expect(rows[1]).toEqual([
        'INC-1',
        'Licences not assigned',
        'Sev 2 (major)',
        'Resolved',
        'Alice Lead',
        '',
        '2026-10-23 18:20 +02:00',
        '5',
        '40',
        '1990',
        '2026-10-25 02:30 +01:00',
      ]);
      expect(rows[2]![1]).toBe(`'${MARKUP_TITLE}`);
      for (const table of [
        'timeline',
        'decisions',
        'actions',
        'batches',
        'failures',
        'freezes',
        'violations',
      ]) {
        const r = await get(`/report/${table}.csv`);
        expect([table, r.res.status]).toEqual([table, 200]);
        const cells = (parse(r.text.slice(1)) as string[][]).flat();
        expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
      }
    });

    // Last: it changes the log behind the app.
    test('an entry changed behind the app: the report says the chain did not verify, and where', async () => {
      const config = w.t.app.config;
      await forgeAudit(
        { databaseUrl: config.databaseUrl, dataDir: config.dataDir },
        w.warRoom.id,
        3,
        'edit',
      );
      const { text } = await get('/report?format=md');
      expect(text).toMatch(
        /The audit chain did NOT verify: it breaks at entry 3 \(\d+ entries read\)\./,
      );
      const html = await get('/report?format=html');
      expect(html.text).toContain('<p class="chain-broken">');
    });

    test('an unknown table or war room is not found', async () => {
      expect((await get('/report/secrets.csv')).res.status).toBe(404);
      expect((await get('/report/timeline.txt')).res.status).toBe(404);
      const other = await fetch(
        `${w.t.baseUrl}/api/v1/war-rooms/00000000-0000-4000-8000-000000000000/report`,
      );
      expect(other.status).toBe(404);
      expect((await get('/report?format=pdf')).res.status).toBe(400);
    });
  },
);

/** The report is shown to whoever sees the war room, like the tab's other routes. */
describe('who may read the report', () => {
  let m: MigrationApp;
  beforeAll(async () => {
    m = await startMigrationApp('sqlite');
  });
  afterAll(async () => {
    await m?.stop();
  });

  test('the lead and an observer read it; someone outside the war room gets 404', async () => {
    const room = await m.room('11111111-0000-0000-0000-00000000000a', {
      observer: '11111111-0000-0000-0000-00000000000b',
    });
    const path = `/api/v1/war-rooms/${room.id}/report?format=md`;
    const lead = await m.call('GET', path, {
      headers: await m.as('11111111-0000-0000-0000-00000000000a'),
    });
    expect(lead.status).toBe(200);
    expect(String(lead.body)).toContain('# Evaluation report: Hospital mailbox cutover');
    const observer = await m.call('GET', path, {
      headers: await m.as('11111111-0000-0000-0000-00000000000b'),
    });
    expect(observer.status).toBe(200);
    const stranger = await m.call('GET', path, {
      headers: await m.as('11111111-0000-0000-0000-00000000000c'),
    });
    expect(stranger.status).toBe(404);
    expect((await m.call('GET', path)).status).toBe(401);
  });
});
