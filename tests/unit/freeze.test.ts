import { parseFreeze } from '../../shared/commands/freeze';
import {
  holds,
  inForce,
  movedWhileFrozen,
  parseFreezeRef,
  type FreezeWindow,
} from '../../shared/domain/freeze';
import { parseWhen } from '../../shared/time/parse';

const NOW = '2026-10-23T16:00:00Z'; // Friday 18:00 in Copenhagen
const reads = (words: string) =>
  parseWhen(words, { now: NOW, timeZone: 'Europe/Copenhagen' }).kind === 'ok';

describe('parseFreeze', () => {
  test.each([
    [
      'tag lab-results from sat 18:00 to sun 06:00 Lab results feed switches over',
      {
        target: { kind: 'tag', value: 'lab-results' },
        fromText: 'sat 18:00',
        toText: 'sun 06:00',
        reason: 'Lab results feed switches over',
      },
    ],
    [
      'batch "Batch 3 – Wards" from 22:00 until 23:30',
      {
        target: { kind: 'batch', value: 'Batch 3 – Wards' },
        fromText: '22:00',
        toText: '23:30',
        reason: '',
      },
    ],
    [
      'Lab.One@hospital.example, lab.two@hospital.example from 20:00 to tomorrow 8:00 feed',
      {
        target: {
          kind: 'identities',
          values: ['lab.one@hospital.example', 'lab.two@hospital.example'],
        },
        fromText: '20:00',
        toText: 'tomorrow 8:00',
        reason: 'feed',
      },
    ],
    [
      'mærke lab fra lørdag 18:00 til søndag 06:00 laboratoriesvar',
      {
        target: { kind: 'tag', value: 'lab' },
        fromText: 'lørdag 18:00',
        toText: 'søndag 06:00',
        reason: 'laboratoriesvar',
      },
    ],
    [
      'tag lab van zaterdag 18:00 tot zondag 06:00',
      {
        target: { kind: 'tag', value: 'lab' },
        fromText: 'zaterdag 18:00',
        toText: 'zondag 06:00',
        reason: '',
      },
    ],
  ])('%s', (text, expected) => {
    expect(parseFreeze(text, reads)).toEqual(expected);
  });

  test.each([
    ['tag lab-results sat 18:00 to sun 06:00', 'freeze.usage'],
    ['tag lab-results from sat 18:00', 'freeze.usage'],
    ['from sat 18:00 to sun 06:00', 'freeze.targetMissing'],
    ['tag from sat 18:00 to sun 06:00', 'freeze.targetMissing'],
    ['tag lab from to sun 06:00', 'freeze.usage'],
  ])('%s is answered with %s', (text, problem) => {
    expect(parseFreeze(text, reads)).toEqual({ problem });
  });
});

const window = (over: Partial<FreezeWindow> = {}): FreezeWindow => ({
  id: 'w',
  tenantId: 't',
  warRoomId: 'r',
  number: 1,
  target: { kind: 'tag', value: 'lab-results' },
  // Across the October change: 01:00 CEST to 06:00 CET is six hours on the wall, 6 h UTC.
  from: '2026-10-24T23:00:00Z',
  to: '2026-10-25T05:00:00Z',
  reason: '',
  status: 'active',
  createdById: 'u',
  createdByName: 'Alice',
  createdAt: NOW,
  releasedAt: null,
  releaseDecisionId: null,
  version: 1,
  ...over,
});

describe('freeze windows', () => {
  test('in force from its start up to (not including) its end, unless released', () => {
    expect(inForce(window(), '2026-10-24T22:59:59Z')).toBe(false);
    expect(inForce(window(), '2026-10-24T23:00:00Z')).toBe(true);
    expect(inForce(window(), '2026-10-25T01:30:00Z')).toBe(true); // the repeated hour
    expect(inForce(window(), '2026-10-25T04:59:59Z')).toBe(true);
    expect(inForce(window(), '2026-10-25T05:00:00Z')).toBe(false);
    expect(inForce(window({ status: 'released' }), '2026-10-25T01:00:00Z')).toBe(false);
  });

  test('holds the mailboxes of its tag, batch or list, in any case', () => {
    const item = { identity: 'lab.one@hospital.example', batch: 'Batch 3', tags: ['Lab-Results'] };
    expect(holds({ kind: 'tag', value: 'lab-results' }, item)).toBe(true);
    expect(holds({ kind: 'tag', value: 'radiology' }, item)).toBe(false);
    expect(holds({ kind: 'batch', value: 'batch 3' }, item)).toBe(true);
    expect(holds({ kind: 'batch', value: 'Batch 4' }, { ...item, batch: null })).toBe(false);
    expect(holds({ kind: 'identities', values: ['lab.one@hospital.example'] }, item)).toBe(true);
    expect(holds({ kind: 'identities', values: ['lab.two@hospital.example'] }, item)).toBe(false);
  });

  test('a held mailbox that starts or progresses is a violation; one standing still is not', () => {
    const at = (
      status: 'notStarted' | 'inProgress' | 'synced' | 'completed' | 'failed',
      n: number | null = null,
    ) => ({ status, itemsSynced: n });
    expect(movedWhileFrozen({ before: at('notStarted'), after: at('inProgress', 10) })).toBe(true);
    expect(movedWhileFrozen({ before: undefined, after: at('synced', 10) })).toBe(true);
    expect(movedWhileFrozen({ before: at('inProgress', 10), after: at('inProgress', 50) })).toBe(
      true,
    );
    expect(movedWhileFrozen({ before: at('inProgress', 50), after: at('inProgress', 50) })).toBe(
      false,
    );
    expect(movedWhileFrozen({ before: at('notStarted'), after: at('notStarted') })).toBe(false);
    expect(movedWhileFrozen({ before: at('inProgress', 5), after: at('failed', 5) })).toBe(false);
  });

  test('FRZ references', () => {
    expect(['FRZ-2', 'frz 2', '#2', '2'].map(parseFreezeRef)).toEqual([2, 2, 2, 2]);
    expect(parseFreezeRef('FRZ-')).toBeUndefined();
  });
});
