import { readDates, type ReadDatesOptions } from '../../../shared/migration/dates';

const UTC: ReadDatesOptions = { timeZone: 'UTC' };
const COPENHAGEN: ReadDatesOptions = { timeZone: 'Europe/Copenhagen' };

/** The single date of a one-row file. */
const one = (raw: string, options: ReadDatesOptions = UTC) => readDates([raw], options).values[0];

describe('readDates: the cultures PowerShell writes in', () => {
  test.each([
    ['11/29/2026 10:15:00 PM', '2026-11-29T22:15:00.000Z'],
    ['11/29/2026 10:15 pm', '2026-11-29T22:15:00.000Z'],
    ['11/29/2026 12:05:00 AM', '2026-11-29T00:05:00.000Z'],
    ['11/29/2026 12:05:00 PM', '2026-11-29T12:05:00.000Z'],
    ['11/14/2026 16:01:00', '2026-11-14T16:01:00.000Z'],
    ['11/15/2026 4:44:00', '2026-11-15T04:44:00.000Z'],
    ['29-11-2026 22:15:00', '2026-11-29T22:15:00.000Z'],
    ['29-11-2026 22.15.00', '2026-11-29T22:15:00.000Z'],
    ['29.11.2026 22:15', '2026-11-29T22:15:00.000Z'],
    ['01-02-2026 03:04:05', '2026-02-01T03:04:05.000Z'],
    ['29-11-2026', '2026-11-29T00:00:00.000Z'],
    ['2026-11-29 22:15:00', '2026-11-29T22:15:00.000Z'],
    ['2026-11-29T22:15:00.1234567', '2026-11-29T22:15:00.123Z'],
    [' 2026-11-29T22:15:00Z ', '2026-11-29T22:15:00.000Z'],
  ])('%j → %s (in UTC)', (raw, iso) => {
    expect(one(raw)).toBe(iso);
  });

  test('a wall time is in the war room zone; a written offset wins over it', () => {
    expect(one('29-11-2026 22:15:00', COPENHAGEN)).toBe('2026-11-29T21:15:00.000Z');
    expect(one('15-07-2026 12:00:00', COPENHAGEN)).toBe('2026-07-15T10:00:00.000Z');
    expect(one('2026-11-29T22:15:00+05:30', COPENHAGEN)).toBe('2026-11-29T16:45:00.000Z');
    expect(one('2026-11-29T22:15:00-0800', COPENHAGEN)).toBe('2026-11-30T06:15:00.000Z');
    expect(one('2026-11-29T22:15:00Z', COPENHAGEN)).toBe('2026-11-29T22:15:00.000Z');
  });

  test('daylight saving nights: the repeated hour reads as the first, the skipped as after', () => {
    // 25 October 2026, 03:00 CEST → 02:00 CET: 02:30 happens twice.
    expect(one('25-10-2026 02:30:00', COPENHAGEN)).toBe('2026-10-25T00:30:00.000Z');
    expect(one('25-10-2026 03:30:00', COPENHAGEN)).toBe('2026-10-25T02:30:00.000Z');
    // 29 March 2026, 02:00 CET → 03:00 CEST: 02:30 does not exist.
    expect(one('29-03-2026 02:30:00', COPENHAGEN)).toBe('2026-03-29T01:30:00.000Z');
    expect(one('29-03-2026 01:30:00', COPENHAGEN)).toBe('2026-03-29T00:30:00.000Z');
  });

  test('an unknown zone reads as UTC', () => {
    expect(one('29-11-2026 22:15:00', { timeZone: 'Mars/Olympus' })).toBe(
      '2026-11-29T22:15:00.000Z',
    );
  });
});

describe('readDates: day or month first in a/b/yyyy is settled for the whole file', () => {
  test('a first number over 12 anywhere makes the whole file day first', () => {
    const { values } = readDates(['01/02/2026 10:00', '29/11/2026 10:00'], UTC);
    expect(values).toEqual(['2026-02-01T10:00:00.000Z', '2026-11-29T10:00:00.000Z']);
  });

  test('a second number over 12 anywhere makes it month first', () => {
    const { values } = readDates(['01/02/2026 10:00', '11/29/2026 10:00'], UTC);
    expect(values).toEqual(['2026-01-02T10:00:00.000Z', '2026-11-29T10:00:00.000Z']);
  });

  test('when nothing tells, the option decides, month first by default', () => {
    expect(one('01/02/2026 10:00')).toBe('2026-01-02T10:00:00.000Z');
    expect(one('01/02/2026 10:00', { timeZone: 'UTC', slashOrder: 'mdy' })).toBe(
      '2026-01-02T10:00:00.000Z',
    );
    expect(one('01/02/2026 10:00', { timeZone: 'UTC', slashOrder: 'dmy' })).toBe(
      '2026-02-01T10:00:00.000Z',
    );
  });

  test('the file wins over the option', () => {
    const { values } = readDates(['01/02/2026', '11/29/2026'], {
      timeZone: 'UTC',
      slashOrder: 'dmy',
    });
    expect(values[0]).toBe('2026-01-02T00:00:00.000Z');
  });

  test('a file that proves both orders trusts none of its slash dates', () => {
    const { values, unread } = readDates(
      ['29/11/2026 10:00', '11/29/2026 10:00', '01/02/2026', '29-11-2026 10:00'],
      UTC,
    );
    expect(values).toEqual([null, null, null, '2026-11-29T10:00:00.000Z']);
    expect(unread).toBe(3);
  });
});

describe('readDates: what cannot be read is null and counted, never guessed', () => {
  test.each([
    'yesterday',
    '31-02-2026 10:00',
    '29-02-2026',
    '13-13-2026',
    '11/29/2026 25:00',
    '11/29/2026 10:60',
    '11/29/2026 13:00 PM',
    '11/29/2026 0:30 AM',
    '11/29/26 10:00',
    '2026-13-01',
    '1969-12-31',
    '29-11-2026 22:15:00 CET',
  ])('%j', (raw) => {
    const { values, unread } = readDates([raw], UTC);
    expect(values).toEqual([null]);
    expect(unread).toBe(1);
  });

  test('a leap day is a date; absent values are null without counting', () => {
    const { values, unread } = readDates(['29-02-2028', null, '', '  '], UTC);
    expect(values).toEqual(['2028-02-29T00:00:00.000Z', null, null, null]);
    expect(unread).toBe(0);
  });
});
