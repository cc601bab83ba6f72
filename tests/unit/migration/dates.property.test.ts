import { Temporal } from '@js-temporal/polyfill';
import fc from 'fast-check';
import { readDates, type ReadDatesOptions } from '../../../shared/migration/dates';
import { writtenByPattern, writtenFast } from '../../../shared/migration/written';
import { hourStartByTemporal, hourStarts } from '../../../shared/migration/zoneHours';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A wall time, anywhere from 1970 to 2100, biased to the nights Copenhagen changes clocks. */
const wallTime = fc.oneof(
  fc.record({
    year: fc.integer({ min: 1970, max: 2100 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
  }),
  // Both sides of each change: the last Sundays of March and October, the day before and after.
  fc
    .record({
      year: fc.integer({ min: 1997, max: 2040 }),
      month: fc.constantFrom(3, 10),
      shift: fc.integer({ min: -1, max: 1 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
    })
    .map(({ year, month, shift, ...time }) => {
      const lastDay = Temporal.PlainDate.from({ year, month, day: 31 });
      const sunday = lastDay.subtract({ days: lastDay.dayOfWeek % 7 }).add({ days: shift });
      return { year: sunday.year, month: sunday.month, day: sunday.day, ...time };
    }),
);
type WallTime = typeof wallTime extends fc.Arbitrary<infer T> ? T : never;

/** How each culture's PowerShell writes a wall time, and the slash order that reads it. */
const FORMATS: Record<string, { text: (t: WallTime) => string; dmy?: boolean; seconds: boolean }> =
  {
    'en-US': {
      text: (t) =>
        `${t.month}/${t.day}/${t.year} ${t.hour % 12 || 12}:${pad(t.minute, 2)}:${pad(t.second, 2)} ${t.hour < 12 ? 'AM' : 'PM'}`,
      seconds: true,
    },
    'en-US, 24 h': {
      text: (t) =>
        `${t.month}/${t.day}/${t.year} ${t.hour}:${pad(t.minute, 2)}:${pad(t.second, 2)}`,
      seconds: true,
    },
    da: {
      text: (t) =>
        `${pad(t.day, 2)}-${pad(t.month, 2)}-${t.year} ${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}`,
      seconds: true,
    },
    'da, old .NET': {
      text: (t) =>
        `${pad(t.day, 2)}-${pad(t.month, 2)}-${t.year} ${pad(t.hour, 2)}.${pad(t.minute, 2)}.${pad(t.second, 2)}`,
      seconds: true,
    },
    de: {
      text: (t) =>
        `${pad(t.day, 2)}.${pad(t.month, 2)}.${t.year} ${pad(t.hour, 2)}:${pad(t.minute, 2)}`,
      seconds: false,
    },
    fr: {
      text: (t) =>
        `${pad(t.day, 2)}/${pad(t.month, 2)}/${t.year} ${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}`,
      dmy: true,
      seconds: true,
    },
    'sv, ISO': {
      text: (t) =>
        `${t.year}-${pad(t.month, 2)}-${pad(t.day, 2)} ${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}`,
      seconds: true,
    },
    'ISO, round trip': {
      text: (t) =>
        `${t.year}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}.1234567`,
      seconds: true,
    },
  };

/** Text near the formats: their pieces in any order, which either reading may refuse. */
const nearMiss = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 99 }).map(String),
      fc.integer({ min: 0, max: 99 }).map((n) => pad(n, 2)),
      fc.integer({ min: 1960, max: 10_100 }).map(String),
      fc.constantFrom('/', '-', '.', ':', ',', ' ', '  ', 'T', 't', 'Z', 'z', '+01:00', '-0530'),
      fc.constantFrom('AM', 'pm', 'P', 'a.m.', 'M', '\u202f', '\u00a0', '1234567', '0123456789'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/** A format's text with a few characters inserted, removed or replaced. */
const edited = fc
  .tuple(
    fc.constantFrom(...Object.values(FORMATS)),
    wallTime,
    fc.array(
      fc.record({
        at: fc.nat(),
        remove: fc.nat({ max: 2 }),
        insert: fc.constantFrom(
          '',
          '0',
          '7',
          '/',
          '-',
          '.',
          ':',
          ',',
          ' ',
          'T',
          'Z',
          'A',
          'm',
          '00',
          '0000',
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([format, t, edits]) =>
    edits.reduce((text, { at, remove, insert }) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(i + remove);
    }, format.text(t)),
  );

describe('property: the fast reading of a date reads what the patterns read', () => {
  test('every culture export format, which the fast reading takes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(FORMATS)), wallTime, (format, t) => {
        const text = format.text(t);
        const fast = writtenFast(text);
        expect(fast).toBeDefined();
        expect(fast).toEqual(writtenByPattern(text));
      }),
      { numRuns: 2000 },
    );
  });

  test('text near those formats: the same reading, or left to the patterns', () => {
    fc.assert(
      fc.property(fc.oneof(edited, nearMiss, fc.string({ maxLength: 30 })), (text) => {
        const fast = writtenFast(text);
        if (fast !== undefined) expect(fast).toEqual(writtenByPattern(text));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('property: a wall time in Europe/Copenhagen, both sides of a clock change', () => {
  test('reads as Temporal reads it (the earlier of a repeated hour, after a skipped one)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(FORMATS)),
        fc.array(wallTime, { minLength: 1, maxLength: 20 }),
        (format, times) => {
          // A file in one culture: for slash dates, its order is given, as nothing need prove it.
          const options: ReadDatesOptions = {
            timeZone: 'Europe/Copenhagen',
            slashOrder: format.dmy ? 'dmy' : 'mdy',
          };
          const { values, unread } = readDates(times.map(format.text), options);
          const expected = times.map((t) => {
            const wall = { ...t, second: format.seconds ? t.second : 0 };
            const zoned = Temporal.PlainDateTime.from(wall).toZonedDateTime('Europe/Copenhagen', {
              disambiguation: 'compatible',
            });
            const ms = format.text(t).endsWith('.1234567') ? 123 : 0;
            return new Date(zoned.epochMilliseconds + ms).toISOString();
          });
          expect(values).toEqual(expected);
          expect(unread).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Zones with clock changes of an hour, half an hour, two hours, a whole day; and none. */
const ZONES = [
  'Europe/Copenhagen',
  'America/New_York',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Antarctica/Troll',
  'Pacific/Apia',
  'Pacific/Chatham',
  'Africa/Casablanca',
  'Asia/Kolkata',
  'UTC',
];

/**
 * The hours of one file: many within a day or so of one of its zone's changes (skipped and
 * repeated hours too), in any order, and a few anywhere.
 */
const oneFile = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    year: fc.integer({ min: 1970, max: 2090 }),
    day: fc.integer({ min: 0, max: 364 }),
    around: fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 1, maxLength: 40 }),
    far: fc.array(wallTime, { maxLength: 5 }),
  })
  .map(({ zone, year, day, around, far }) => {
    const from = Temporal.PlainDate.from({ year, month: 1, day: 1 })
      .add({ days: day })
      .toZonedDateTime(zone);
    const change = (from.getTimeZoneTransition('next') ?? from).toPlainDateTime();
    return { zone, hours: [...far, ...around.map((hours) => change.add({ hours }))] };
  });

describe('property: hour starts remembered by stretches of one offset', () => {
  test("are Temporal's, for any hours in any order, around changes or not", () => {
    fc.assert(
      fc.property(oneFile, ({ zone, hours }) => {
        const remembered = hourStarts(zone);
        const temporal = hourStartByTemporal(zone);
        for (const { year, month, day, hour } of [...hours, ...hours]) {
          expect(remembered(year, month, day, hour)).toBe(temporal(year, month, day, hour));
        }
      }),
      { numRuns: 300 },
    );
  });
});
