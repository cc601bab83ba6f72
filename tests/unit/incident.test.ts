import { messageFor, t } from '../../shared/i18n';
import fc from 'fast-check';
import { DomainError } from '../../shared/domain/errors';
import {
  INCIDENT_STATUSES,
  assertTransition,
  canTransition,
  extractSeverity,
  parseIncidentRef,
  timestampFieldFor,
  type IncidentStatus,
} from '../../shared/domain/incident';

/** Every (from, to) pair of the lifecycle, spelled out: a new status must be added here. */
const LIFECYCLE: [IncidentStatus, IncidentStatus, 'allowed' | 'forbidden'][] = [
  ['open', 'open', 'forbidden'],
  ['open', 'investigating', 'allowed'],
  ['open', 'mitigated', 'allowed'],
  ['open', 'resolved', 'allowed'],
  ['investigating', 'open', 'forbidden'],
  ['investigating', 'investigating', 'forbidden'],
  ['investigating', 'mitigated', 'allowed'],
  ['investigating', 'resolved', 'allowed'],
  ['mitigated', 'open', 'forbidden'],
  ['mitigated', 'investigating', 'allowed'],
  ['mitigated', 'mitigated', 'forbidden'],
  ['mitigated', 'resolved', 'allowed'],
  ['resolved', 'open', 'forbidden'],
  ['resolved', 'investigating', 'allowed'],
  ['resolved', 'mitigated', 'forbidden'],
  ['resolved', 'resolved', 'forbidden'],
];

describe('incident lifecycle', () => {
  test('the table covers every pair of statuses exactly once', () => {
    const pairs = LIFECYCLE.map(([from, to]) => `${from}->${to}`);
    const expected = INCIDENT_STATUSES.flatMap((from) =>
      INCIDENT_STATUSES.map((to) => `${from}->${to}`),
    );
    expect(new Set(pairs).size).toBe(pairs.length);
    expect([...pairs].sort()).toEqual([...expected].sort());
  });

  test.each(LIFECYCLE)('%s → %s is %s', (from, to, verdict) => {
    expect(canTransition(from, to)).toBe(verdict === 'allowed');
  });

  test.each(LIFECYCLE.filter(([, , v]) => v === 'allowed'))(
    'assertTransition lets %s → %s through',
    (from, to) => {
      expect(() => assertTransition(from, to)).not.toThrow();
    },
  );

  test.each(LIFECYCLE.filter(([, , v]) => v === 'forbidden'))(
    'assertTransition refuses %s → %s as an invalid request naming both statuses',
    (from, to) => {
      let thrown: unknown;
      try {
        assertTransition(from, to);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect(thrown).toMatchObject({
        kind: 'invalid',
        messageKey: 'incident.transitionNotAllowed',
        params: { fromKey: `status.${from}`, toKey: `status.${to}` },
      });
      // In Danish, the statuses are Danish words, not the stored English ones.
      const text = messageFor('da-DK', thrown as DomainError);
      expect(text).toContain(t('da', `status.${from}`));
      expect(text).not.toContain(` ${from} `);
    },
  );

  test('nothing ever goes back to open: reopening means investigating again', () => {
    for (const from of INCIDENT_STATUSES) expect(canTransition(from, 'open')).toBe(false);
  });

  test.each([
    ['investigating', 'acknowledgedAt'],
    ['mitigated', 'mitigatedAt'],
    ['resolved', 'resolvedAt'],
    ['open', undefined],
  ] as const)('moving into %s stamps %s', (to, field) => {
    expect(timestampFieldFor(to)).toBe(field);
  });
});

describe('parseIncidentRef', () => {
  test.each([
    ['INC-12', 12],
    ['inc-12', 12],
    ['inc 12', 12],
    ['INC12', 12],
    ['#12', 12],
    ['12', 12],
    ['  INC-7  ', 7],
    ['inc-123456789', 123456789],
  ])('reads %j as incident %i', (text, n) => {
    expect(parseIncidentRef(text)).toBe(n);
  });

  test.each([
    '',
    'INC-',
    'INC-12a',
    'INC--12',
    '-12',
    '12 13',
    'incident 12',
    'DEC-12',
    '1234567890',
    '1.5',
  ])('does not read %j as an incident', (text) => {
    expect(parseIncidentRef(text)).toBeUndefined();
  });
});

describe('extractSeverity: what people type after "incident"', () => {
  test.each([
    ['Licences not assigned sev2', 'sev2', 'Licences not assigned'],
    ['sev 1 mail flow down', 'sev1', 'mail flow down'],
    ['SEV1 mail flow down', 'sev1', 'mail flow down'],
    ['Sev-1 mail flow down', 'sev1', 'mail flow down'],
    ['severity 2 calendar sharing broken', 'sev2', 'calendar sharing broken'],
    ['P2 OneDrive sync', 'sev2', 'OneDrive sync'],
    ['p4 wrong signature on ward mailboxes', 'sev4', 'wrong signature on ward mailboxes'],
    ['S1 shared mailboxes missing', 'sev1', 'shared mailboxes missing'],
    ['Archive mailboxes not moved (sev3)', 'sev3', 'Archive mailboxes not moved'],
    ['(sev3) Archive mailboxes not moved', 'sev3', 'Archive mailboxes not moved'],
    ['[P1] Mail flow down', 'sev1', 'Mail flow down'],
    ['Mail flow down sev1!', 'sev1', 'Mail flow down'],
    ['Mail flow down, sev2.', 'sev2', 'Mail flow down'],
    ['sev1: mail flow down', 'sev1', 'mail flow down'],
    ['sev1:mail flow down', 'sev1', 'mail flow down'],
    ['sev1 - mail flow down', 'sev1', 'mail flow down'],
    ['P1 — mail flow down', 'sev1', 'mail flow down'],
    ['sev1 : boîtes aux lettres bloquées', 'sev1', 'boîtes aux lettres bloquées'],
    ['Batch 4 p3 stuck at syncing', 'sev3', 'Batch 4 stuck at syncing'],
    ['S2S VPN down sev1', 'sev1', 'S2S VPN down'],
  ] as const)('%j → %s, titled %j', (text, severity, rest) => {
    expect(extractSeverity(text)).toEqual({ severity, rest });
  });

  test('the first severity wins and the later one stays in the title', () => {
    expect(extractSeverity('sev1 was p3 before the board call')).toEqual({
      severity: 'sev1',
      rest: 'was p3 before the board call',
    });
  });

  test.each([
    ['sev5 is not a level we use', 'sev5 is not a level we use'],
    ['sev0 everything is on fire', 'sev0 everything is on fire'],
    ['seven mailboxes failed', 'seven mailboxes failed'],
    ['s2s VPN down', 's2s VPN down'],
    ['p2p file share broken', 'p2p file share broken'],
    ['Release s3.1 of the migration script failed', 'Release s3.1 of the migration script failed'],
    ['sev2sev3 tagging', 'sev2sev3 tagging'],
    ['sev1/sev2 to be decided', 'sev1/sev2 to be decided'],
    ['ward P12 printers', 'ward P12 printers'],
    ['  Licences not assigned  ', 'Licences not assigned'],
    ['', ''],
  ])('%j has no severity and keeps its words', (text, rest) => {
    expect(extractSeverity(text)).toEqual({ rest });
  });
});

describe('extractSeverity on text built to be slow (timings: tests/bench/parse.bench.ts)', () => {
  const N = 28_000;

  test.each([
    ['a long run of "," after the severity', `x sev1 ${','.repeat(N)} y`, `x ${','.repeat(N)} y`],
    ['a long run of separators to the end', `x sev1 ${' :-–—;,'.repeat(N / 7)}`, 'x'],
    ['a long run of separators from the start', `${' :-–—;,'.repeat(N / 7)} sev1 x`, 'x'],
    [
      '" s1." repeated: the first one counts',
      ' s1.'.repeat(N / 4),
      Array(N / 4 - 1)
        .fill('s1.')
        .join(' '),
    ],
    [
      'a long run of "." after "s1" and a letter',
      ` s1${'.'.repeat(N)}x sev2`,
      `s1${'.'.repeat(N)}x`,
    ],
  ])('%s', (_label, text, rest) => {
    expect(extractSeverity(text).rest).toBe(rest);
  });

  test('separators are trimmed as the regex version trimmed them', () => {
    const trimmedByRegex = (text: string) => {
      const m = /(^|\s)[([]?(?:sev(?:erity)?[\s-]?|s|p)([1-4])[)\]]?(?:[.,;:!]*(?=\s|$)|:)/i.exec(
        text,
      );
      if (!m) return text.trim();
      return (text.slice(0, m.index) + m[1] + text.slice(m.index + m[0].length))
        .replace(/\s{2,}/g, ' ')
        .replace(/^[\s:;,\-–—]+|[\s:;,\-–—]+$/g, '');
    };
    const piece = fc.constantFrom(
      'sev1',
      'p2',
      ' ',
      '\t',
      ':',
      ';',
      ',',
      '-',
      '–',
      '—',
      '.',
      'a',
      '(',
      ')',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const text = pieces.join('');
        expect(extractSeverity(text).rest).toBe(trimmedByRegex(text));
      }),
      { numRuns: 3000 },
    );
  });
});
