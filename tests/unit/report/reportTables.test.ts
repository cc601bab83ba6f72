import { parse } from 'csv-parse/sync';
import { reportCsv } from '../../../shared/report/csvTables';
import { formatDuration, sheetInstant } from '../../../shared/report/durations';
import { reportHtml } from '../../../shared/report/html';
import { md, reportMarkdown } from '../../../shared/report/markdown';
import type { ReportModel } from '../../../shared/report/model';
import { TABLE_NAMES } from '../../../shared/report/tables';

const AT = '2026-10-24T19:00:00.000Z';
const counts = { notStarted: 0, inProgress: 0, synced: 0, completed: 1, failed: 1, stopped: 0 };

/** A report whose every piece of people's text is `text`. */
function modelWith(text: string): ReportModel {
  return {
    warRoom: {
      id: 'w1',
      title: text,
      timeZone: 'Europe/Copenhagen',
      phase: 'cutover',
      createdAt: AT,
    },
    generatedAt: AT,
    timeline: [
      {
        seq: 1,
        toSeq: 1,
        at: AT,
        actorName: text,
        action: 'incident.logged',
        ref: 'INC-1',
        detail: text,
        move: null,
        changed: null,
        count: 1,
      },
    ],
    decisions: [
      {
        ref: 'DEC-1',
        kind: 'goNoGo',
        question: text,
        approvers: [text],
        requesterName: text,
        status: 'approved',
        askedAt: AT,
        deadline: null,
        decidedAt: AT,
        timeToAnswerMs: 0,
        answers: [
          { approverName: text, verdict: 'approve', comment: text, at: AT, recordedBy: text },
        ],
      },
    ],
    incidents: [
      {
        ref: 'INC-1',
        title: text,
        severity: 'sev1',
        status: 'open',
        reporterName: text,
        ownerName: text,
        openedAt: AT,
        acknowledgedAt: null,
        mitigatedAt: null,
        resolvedAt: null,
        timeToAcknowledgeMs: null,
        timeToMitigateMs: null,
        timeToResolveMs: null,
      },
    ],
    actions: [
      {
        ref: 'ACT-1',
        title: text,
        ownerName: text,
        due: null,
        status: 'open',
        doneAt: null,
        followUpOf: null,
        late: null,
      },
    ],
    batches: [{ batch: text, items: 2, byStatus: counts }],
    failures: [
      {
        identity: text,
        batch: text,
        status: 'failed',
        outcome: 'stillFailed',
        error: text,
        incidentRef: null,
        since: AT,
      },
    ],
    freezes: [
      {
        ref: 'FRZ-1',
        target: { kind: 'tag', value: text },
        from: AT,
        to: AT,
        reason: text,
        status: 'active',
        releasedAt: null,
        createdByName: text,
        violations: 0,
      },
    ],
    violations: [{ freezeRef: 'FRZ-1', identity: text, at: AT, incidentRef: null }],
    progress: [{ at: AT, completed: 1, failed: 1 }],
    lessons: { text, byName: text, at: AT },
    chain: {
      verified: true,
      entries: 1,
      firstSeq: 1,
      lastSeq: 1,
      lastHash: 'ab',
      brokenAtSeq: null,
    },
  };
}

describe('CSV tables of the report', () => {
  // OWASP's CSV injection starts, and a payload from its page.
  test.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tTAB', '\rCR', "=cmd|' /C calc'!A0"])(
    'no cell of any table starts like a formula when people wrote %j',
    (text) => {
      for (const name of TABLE_NAMES) {
        const csv = reportCsv(modelWith(text), name, 'en');
        const cells = (parse(csv.slice(1), { relax_column_count: false }) as string[][]).flat();
        expect([name, cells.filter((c) => /^[=+\-@\t\r]/.test(c))]).toEqual([name, []]);
        // The text is kept, behind the quote that makes it text.
        expect([name, cells.some((c) => c.includes(text))]).toEqual([name, true]);
      }
    },
  );
});

describe('HTML and Markdown keep people’s text as text', () => {
  const evil = '<img src=x onerror=alert(1)> "quoted" & \'single\' | # not a heading';

  test('HTML escapes it everywhere, has no script and fetches nothing', () => {
    const html = reportHtml(modelWith(evil), 'en', { csvHref: (t) => `report/${t}.csv` });
    expect(html).not.toContain('<img');
    expect(html).toContain(
      '&#60;img src=x onerror=alert(1)&#62; &#34;quoted&#34; &#38; &#39;single&#39;',
    );
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain('<svg class="chart"');
  });

  test('Markdown escapes inline markup, and a line cannot open a heading or a list', () => {
    expect(md('# title')).toBe('\\# title');
    expect(md('- item')).toBe('\\- item');
    expect(md('12. item')).toBe('12\\. item');
    expect(md('a | b <b> *c* [d](e)')).toBe('a \\| b \\<b\\> \\*c\\* \\[d\\](e)');
    expect(md('two\nlines')).toBe('two lines');
    const out = reportMarkdown(modelWith(evil), 'en');
    expect(out).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(out).not.toMatch(/(^|[^\\])<img/m);
    expect(
      out
        .split('\n')
        .filter((l) => l.startsWith('#'))
        .every((l) => /^#{1,2} /.test(l)),
    ).toBe(true);
  });
});

describe('durations and spreadsheet times', () => {
  test.each([
    ['en', 0, '0 min'],
    ['en', 59_999, '0 min'],
    ['en', 5 * 60_000, '5 min'],
    ['en', (33 * 60 + 10) * 60_000, '33 hr 10 min'],
    ['da', (2 * 60 + 5) * 60_000, '2 t. 5 min.'],
    ['nl', (2 * 60 + 5) * 60_000, '2 uur 5 min'],
  ])('%s: %d ms reads %s', (locale, ms, text) => {
    expect(formatDuration(ms, locale)).toBe(text);
  });

  test('a spreadsheet time is the war room’s wall clock with its offset, on both sides of the change', () => {
    expect(sheetInstant('2026-10-25T00:30:00.000Z', 'Europe/Copenhagen')).toBe(
      '2026-10-25 02:30 +02:00',
    );
    expect(sheetInstant('2026-10-25T01:30:00.000Z', 'Europe/Copenhagen')).toBe(
      '2026-10-25 02:30 +01:00',
    );
    expect(sheetInstant(null, 'Europe/Copenhagen')).toBe('');
    expect(sheetInstant('2026-10-25T01:30:00.000Z', 'UTC')).toBe('2026-10-25 01:30 +00:00');
    expect(sheetInstant('2026-07-01T12:00:00.000Z', 'America/St_Johns')).toBe(
      '2026-07-01 09:30 -02:30',
    );
  });
});
