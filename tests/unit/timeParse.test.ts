import { Temporal } from '@js-temporal/polyfill';
import fc from 'fast-check';
import { formatInstant } from '../../shared/time/format';
import { extractWhen, parseWhen, type WhenResult } from '../../shared/time/parse';

const CPH = 'Europe/Copenhagen';
/** Friday 27 March 2026, 16:00 in Copenhagen (CET): the cutover weekend is ahead. */
const FRIDAY = '2026-03-27T15:00:00.000Z';

const parse = (text: string, now: string | Date = FRIDAY, timeZone = CPH) =>
  parseWhen(text, { now, timeZone, locale: 'en' });

/** An instant as the war room reads it: `Sun 2026-03-29 14:00`. */
function local(iso: string, timeZone = CPH): string {
  const zoned = Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone);
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][zoned.dayOfWeek - 1];
  return `${day} ${zoned.toPlainDateTime().toString().slice(0, 16).replace('T', ' ')}`;
}

/** The result with its instants read in the zone: what the user will be shown. */
function shown(result: WhenResult, timeZone = CPH): string {
  switch (result.kind) {
    case 'ok':
    case 'past':
      return `${result.kind} ${local(result.instant, timeZone)}`;
    case 'ambiguous':
      return `ambiguous ${local(result.earlier, timeZone)} | ${local(result.later, timeZone)}`;
    case 'nonexistent':
      return `nonexistent ${local(result.before, timeZone)} | ${local(result.after, timeZone)}`;
    case 'invalid':
      return 'invalid';
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ms = (iso: string) => new Date(iso).getTime();

describe('a clock time is its next occurrence in the war room zone (now: Fri 16:00)', () => {
  test.each([
    ['18:00', 'ok Fri 2026-03-27 18:00'],
    ['14:00', 'ok Sat 2026-03-28 14:00'], // 14:00 has passed today: tomorrow's
    ['14.00', 'ok Sat 2026-03-28 14:00'],
    ['8:00', 'ok Sat 2026-03-28 08:00'],
    ['08:00', 'ok Sat 2026-03-28 08:00'],
    ['16:00', 'ok Sat 2026-03-28 16:00'], // exactly now is not ahead
    ['16:01', 'ok Fri 2026-03-27 16:01'],
    ['00:00', 'ok Sat 2026-03-28 00:00'],
    ['23:59', 'ok Fri 2026-03-27 23:59'],
    ['2pm', 'ok Sat 2026-03-28 14:00'],
    ['2 pm', 'ok Sat 2026-03-28 14:00'],
    ['2:30 pm', 'ok Sat 2026-03-28 14:30'],
    ['2.30pm', 'ok Sat 2026-03-28 14:30'],
    ['6 p.m.', 'ok Fri 2026-03-27 18:00'],
    ['6PM', 'ok Fri 2026-03-27 18:00'],
    ['11am', 'ok Sat 2026-03-28 11:00'],
    ['12am', 'ok Sat 2026-03-28 00:00'],
    ['12pm', 'ok Sat 2026-03-28 12:00'],
    ['at 18:00', 'ok Fri 2026-03-27 18:00'],
    // Danish
    ['kl. 14', 'ok Sat 2026-03-28 14:00'],
    ['kl 17.30', 'ok Fri 2026-03-27 17:30'],
    ['klokken 8', 'ok Sat 2026-03-28 08:00'],
    ['kl. 18:00', 'ok Fri 2026-03-27 18:00'],
    // Dutch: "om 2 uur" is two o'clock (the 24-hour clock), not "in two hours"
    ['14 uur', 'ok Sat 2026-03-28 14:00'],
    ['om 14 uur', 'ok Sat 2026-03-28 14:00'],
    ['om 2 uur', 'ok Sat 2026-03-28 02:00'],
    ['om 18.00 uur', 'ok Fri 2026-03-27 18:00'],
    ['14u30', 'ok Sat 2026-03-28 14:30'],
    ['om 17u', 'ok Fri 2026-03-27 17:00'],
    // French
    ['14h', 'ok Sat 2026-03-28 14:00'],
    ['17h30', 'ok Fri 2026-03-27 17:30'],
    ['2h30', 'ok Sat 2026-03-28 02:30'],
    ['14 h 30', 'ok Sat 2026-03-28 14:30'],
    ['à 18h', 'ok Fri 2026-03-27 18:00'],
    ['18 heures', 'ok Fri 2026-03-27 18:00'],
  ])('%j → %s', (text, expected) => {
    expect(shown(parse(text))).toBe(expected);
  });

  test('case and surrounding spaces do not matter', () => {
    expect(parse('  KL. 14  ')).toEqual(parse('kl. 14'));
    expect(parse('\t2PM\n')).toEqual(parse('2pm'));
  });

  test('results are ISO instants in UTC, as the store writes them', () => {
    expect(parse('18:00')).toEqual({ kind: 'ok', instant: '2026-03-27T17:00:00.000Z' });
  });
});

describe('weekdays in every language: the next such day, today if still ahead', () => {
  const sunday = 'ok Sun 2026-03-29 14:00';
  const monday = 'ok Mon 2026-03-30 09:00';
  test.each([
    ['sunday 14:00', sunday],
    ['Sunday 2pm', sunday],
    ['sun 14:00', sunday],
    ['on sunday at 14:00', sunday],
    ['2pm on sunday', sunday],
    ['14:00 sunday', sunday],
    ['søndag 14:00', sunday],
    ['søn. 14.00', sunday],
    ['sondag kl. 14', sunday],
    ['på søndag kl. 14', sunday],
    ['zondag 14:00', sunday],
    ['zo 14u', sunday],
    ['op zondag om 14 uur', sunday],
    ['dimanche 14h', sunday],
    ['dim. 14h', sunday],
    ['dimanche à 14h00', sunday],
    ['monday 9:00', monday],
    ['mandag 9:00', monday],
    ['maandag 9:00', monday],
    ['lundi 9h', monday],
    ['friday 18:00', 'ok Fri 2026-03-27 18:00'], // today, still ahead
    ['fredag 14:00', 'ok Fri 2026-04-03 14:00'], // today's has passed: next week
    ['vendredi 16h', 'ok Fri 2026-04-03 16:00'],
    ['wednesday 10:00', 'ok Wed 2026-04-01 10:00'],
    ['onsdag 10:00', 'ok Wed 2026-04-01 10:00'],
    ['woensdag 10:00', 'ok Wed 2026-04-01 10:00'],
    ['mercredi 10h', 'ok Wed 2026-04-01 10:00'],
    ['mar 10h', 'ok Tue 2026-03-31 10:00'],
    ['tirsdag 10:00', 'ok Tue 2026-03-31 10:00'],
    ['dinsdag 10:00', 'ok Tue 2026-03-31 10:00'],
    ['thursday 10:00', 'ok Thu 2026-04-02 10:00'],
    ['torsdag 10:00', 'ok Thu 2026-04-02 10:00'],
    ['donderdag 10:00', 'ok Thu 2026-04-02 10:00'],
    ['jeudi 10h', 'ok Thu 2026-04-02 10:00'],
  ])('%j → %s', (text, expected) => {
    expect(shown(parse(text))).toBe(expected);
  });

  test.each([
    ['saturday', 'ok Sat 2026-03-28 23:59'],
    ['lørdag', 'ok Sat 2026-03-28 23:59'],
    ['zaterdag', 'ok Sat 2026-03-28 23:59'],
    ['samedi', 'ok Sat 2026-03-28 23:59'],
    ['sam.', 'ok Sat 2026-03-28 23:59'],
    ['friday', 'ok Fri 2026-03-27 23:59'],
    ['vrijdag', 'ok Fri 2026-03-27 23:59'],
  ])('a day without a time, %j, means by its end: %s', (text, expected) => {
    expect(shown(parse(text))).toBe(expected);
  });
});

describe('today, tomorrow and the day after, in every language', () => {
  test.each([
    ['today 18:00', 'ok Fri 2026-03-27 18:00'],
    ['i dag 18:00', 'ok Fri 2026-03-27 18:00'],
    ['idag kl. 18', 'ok Fri 2026-03-27 18:00'],
    ['vandaag 18:00', 'ok Fri 2026-03-27 18:00'],
    ["aujourd'hui 18h", 'ok Fri 2026-03-27 18:00'],
    ['aujourd’hui à 18h', 'ok Fri 2026-03-27 18:00'],
    ['today', 'ok Fri 2026-03-27 23:59'],
    ['tomorrow 8:00', 'ok Sat 2026-03-28 08:00'],
    ['tomorrow at 8am', 'ok Sat 2026-03-28 08:00'],
    ['8:00 tomorrow', 'ok Sat 2026-03-28 08:00'],
    ['i morgen 8:00', 'ok Sat 2026-03-28 08:00'],
    ['i morgen kl. 8', 'ok Sat 2026-03-28 08:00'],
    ['8:00 i morgen', 'ok Sat 2026-03-28 08:00'],
    ['morgen 8:00', 'ok Sat 2026-03-28 08:00'],
    ['morgen om 8 uur', 'ok Sat 2026-03-28 08:00'],
    ['demain 8h', 'ok Sat 2026-03-28 08:00'],
    ['demain à 8h', 'ok Sat 2026-03-28 08:00'],
    ['tomorrow', 'ok Sat 2026-03-28 23:59'],
    ['i morgen', 'ok Sat 2026-03-28 23:59'],
    ['overmorgen 9:00', 'ok Sun 2026-03-29 09:00'],
    ['i overmorgen 9:00', 'ok Sun 2026-03-29 09:00'],
    ['après-demain 9h', 'ok Sun 2026-03-29 09:00'],
  ])('%j → %s', (text, expected) => {
    expect(shown(parse(text))).toBe(expected);
  });

  test.each(['today 14:00', 'i dag 14:00', 'vandaag 14:00', "aujourd'hui 14h"])(
    '%j at 16:00 has passed: "past", so the caller can offer tomorrow',
    (text) => {
      expect(parse(text)).toEqual({ kind: 'past', instant: '2026-03-27T13:00:00.000Z' });
    },
  );
});

describe('a duration from now, in every language', () => {
  test.each([
    ['in 2h', 2 * HOUR],
    ['in 2 h', 2 * HOUR],
    ['in 2 hours', 2 * HOUR],
    ['in 90 min', 90 * MINUTE],
    ['in 90min', 90 * MINUTE],
    ['in 1h30', 90 * MINUTE],
    ['in 1h30m', 90 * MINUTE],
    ['in 1 hour and 30 minutes', 90 * MINUTE],
    ['in an hour', HOUR],
    ['within 45 min', 45 * MINUTE],
    ['om 2 timer', 2 * HOUR],
    ['om 2 t', 2 * HOUR],
    ['om 30 min', 30 * MINUTE],
    ['om 30 minutter', 30 * MINUTE],
    ['om 1 time og 30 minutter', 90 * MINUTE],
    ['om en time', HOUR],
    ['om 1,5 time', 90 * MINUTE],
    ['om 2h', 2 * HOUR],
    ['over 2 uur', 2 * HOUR],
    ['over 30 minuten', 30 * MINUTE],
    ['over 1 uur en 30 minuten', 90 * MINUTE],
    ['binnen 1u30', 90 * MINUTE],
    ['in 2 uur', 2 * HOUR],
    ['dans 2 h', 2 * HOUR],
    ['dans 2 heures', 2 * HOUR],
    ['dans 90 min', 90 * MINUTE],
    ['dans 1h30', 90 * MINUTE],
    ['dans une heure', HOUR],
    ['in 0 min', 0],
  ])('%j is now + %d ms', (text, duration) => {
    expect(parse(text)).toEqual({
      kind: 'ok',
      instant: new Date(ms(FRIDAY) + duration).toISOString(),
    });
  });

  test('hours are elapsed time: across the spring-forward night the clock shows one hour more', () => {
    expect(shown(parse('in 12h', '2026-03-28T23:00:00.000Z'))).toBe('ok Sun 2026-03-29 13:00');
    expect(shown(parse('in 3h', '2026-03-28T23:30:00.000Z'))).toBe('ok Sun 2026-03-29 04:30');
  });

  test.each([
    ['in 2 days', 'ok Sun 2026-03-29 16:00'],
    ['om 2 dage', 'ok Sun 2026-03-29 16:00'],
    ['over 2 dagen', 'ok Sun 2026-03-29 16:00'],
    ['dans 2 jours', 'ok Sun 2026-03-29 16:00'],
  ])('days keep the clock time across the clock change: %j → %s', (text, expected) => {
    expect(shown(parse(text))).toBe(expected);
  });

  test('a day on from 02:30 lands in the spring-forward gap and says so', () => {
    expect(shown(parse('in 1 day', '2026-03-28T01:30:00.000Z'))).toBe(
      'nonexistent Sun 2026-03-29 01:30 | Sun 2026-03-29 03:30',
    );
  });
});

describe('ISO 8601', () => {
  test.each([
    ['2026-03-29T02:30:00+02:00', { kind: 'ok', instant: '2026-03-29T00:30:00.000Z' }],
    ['2026-03-28T10:00:00Z', { kind: 'ok', instant: '2026-03-28T10:00:00.000Z' }],
    ['2026-03-28t10:00z', { kind: 'ok', instant: '2026-03-28T10:00:00.000Z' }],
    ['2026-03-28 10:00+0100', { kind: 'ok', instant: '2026-03-28T09:00:00.000Z' }],
    ['2026-03-20T10:00:00Z', { kind: 'past', instant: '2026-03-20T10:00:00.000Z' }],
  ])('with an offset, %j is that instant', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  test.each([
    ['2026-03-28 10:00', 'ok Sat 2026-03-28 10:00'],
    ['2026-03-28T10:00', 'ok Sat 2026-03-28 10:00'],
    ['2026-03-28T10:00:00', 'ok Sat 2026-03-28 10:00'],
    ['2026-03-28 kl. 10', 'ok Sat 2026-03-28 10:00'],
    ['2026-03-28', 'ok Sat 2026-03-28 23:59'],
    ['2026-03-26 10:00', 'past Thu 2026-03-26 10:00'],
  ])('without an offset, %j is read in the war room zone: %s', (text, expected) => {
    expect(shown(parse(text))).toBe(expected);
  });
});

describe('a local time that does not exist or exists twice gets a question, never a shift', () => {
  const SATURDAY_NOON = '2026-03-28T11:00:00.000Z';
  const FRIDAY_IN_OCTOBER = '2026-10-23T12:00:00.000Z';

  describe.each(['Europe/Copenhagen', 'Europe/Brussels', 'Europe/Amsterdam'])('%s', (zone) => {
    test.each([
      ['2026-03-29 02:30', SATURDAY_NOON],
      ['2026-03-29T02:30', SATURDAY_NOON],
      ['02:30', SATURDAY_NOON],
      ['sunday 02:30', FRIDAY],
      ['søndag 02:30', FRIDAY],
      ['zondag 2:30', FRIDAY],
      ['dimanche 2h30', FRIDAY],
      ['overmorgen 2:30', FRIDAY],
      ['tomorrow 02:30', SATURDAY_NOON],
    ])('spring forward: %j (now %s) does not exist', (text, now) => {
      expect(parse(text, now, zone)).toEqual({
        kind: 'nonexistent',
        before: '2026-03-29T00:30:00.000Z', // 01:30 CET, the clock an hour earlier
        after: '2026-03-29T01:30:00.000Z', // 03:30 CEST, the clock an hour later
      });
    });

    test.each([
      ['2026-10-25 02:30', FRIDAY_IN_OCTOBER],
      ['sunday 02:30', FRIDAY_IN_OCTOBER],
      ['søndag 02.30', FRIDAY_IN_OCTOBER],
      ['zondag 2:30', FRIDAY_IN_OCTOBER],
      ['dim. 2h30', FRIDAY_IN_OCTOBER],
      ['02:30', '2026-10-24T12:00:00.000Z'],
    ])('fall back: %j (now %s) happens twice, one hour apart', (text, now) => {
      const result = parse(text, now, zone);
      expect(result).toEqual({
        kind: 'ambiguous',
        earlier: '2026-10-25T00:30:00.000Z', // 02:30 CEST
        later: '2026-10-25T01:30:00.000Z', // 02:30 CET
      });
      if (result.kind === 'ambiguous') {
        expect(ms(result.later) - ms(result.earlier)).toBe(HOUR);
        expect(formatInstant(result.earlier, { timeZone: zone, locale: 'en-GB' })).toContain(
          '02:30',
        );
        expect(formatInstant(result.later, { timeZone: zone, locale: 'en-GB' })).toContain('02:30');
      }
    });

    test('the edges of the gap: 01:59 and 03:00 exist, 02:00 does not', () => {
      expect(parse('2026-03-29 01:59', SATURDAY_NOON, zone).kind).toBe('ok');
      expect(parse('2026-03-29 02:00', SATURDAY_NOON, zone).kind).toBe('nonexistent');
      expect(parse('2026-03-29 03:00', SATURDAY_NOON, zone)).toEqual({
        kind: 'ok',
        instant: '2026-03-29T01:00:00.000Z',
      });
    });

    test('the edges of the repeated hour: 02:00 happens twice, 03:00 and 01:59 once', () => {
      expect(parse('2026-10-25 02:00', FRIDAY_IN_OCTOBER, zone).kind).toBe('ambiguous');
      expect(parse('2026-10-25 01:59', FRIDAY_IN_OCTOBER, zone).kind).toBe('ok');
      expect(parse('2026-10-25 03:00', FRIDAY_IN_OCTOBER, zone)).toEqual({
        kind: 'ok',
        instant: '2026-10-25T02:00:00.000Z',
      });
    });
  });

  test('between the two passes of 02:30 only the second is ahead, so "02:30" is that one', () => {
    const firstPass = '2026-10-25T00:45:00.000Z'; // 02:45 CEST
    expect(parse('02:30', firstPass)).toEqual({ kind: 'ok', instant: '2026-10-25T01:30:00.000Z' });
    // Named explicitly, the date still has two 02:30s: ask.
    expect(parse('today 02:30', firstPass).kind).toBe('ambiguous');
  });

  test('after both passes, "today 02:30" is past and "02:30" is tomorrow', () => {
    const secondPass = '2026-10-25T01:45:00.000Z'; // 02:45 CET
    expect(parse('today 02:30', secondPass)).toEqual({
      kind: 'past',
      instant: '2026-10-25T01:30:00.000Z',
    });
    expect(shown(parse('02:30', secondPass))).toBe('ok Mon 2026-10-26 02:30');
  });

  test('America/New_York has its own rule: second Sunday of March, first of November', () => {
    const NY = 'America/New_York';
    const before = '2026-03-06T17:00:00.000Z';
    expect(parse('2026-03-29 02:30', before, NY).kind).toBe('ok'); // Europe's night is not New York's
    expect(parse('sunday 02:30', before, NY)).toEqual({
      kind: 'nonexistent',
      before: '2026-03-08T06:30:00.000Z', // 01:30 EST
      after: '2026-03-08T07:30:00.000Z', // 03:30 EDT
    });
    expect(parse('2026-11-01 01:30', before, NY)).toEqual({
      kind: 'ambiguous',
      earlier: '2026-11-01T05:30:00.000Z', // 01:30 EDT
      later: '2026-11-01T06:30:00.000Z', // 01:30 EST
    });
    expect(parse('2026-10-25 02:30', before, NY).kind).toBe('ok');
  });
});

describe('what is not a time is "invalid", never a guess or a throw', () => {
  test.each([
    '14', // an hour alone: 14:00? 2 pm? the 14th?
    'at 14',
    'tomorrow 14',
    '',
    '   ',
    'soon',
    'next week',
    'asap',
    '25:00',
    '24:00',
    '14:60',
    '8:5',
    '13pm',
    '0am',
    '1430',
    'in 2',
    'in two hours',
    'in -2h',
    'in 2h foo',
    'in 2h 2h',
    'in 2 regions',
    'in 400 days',
    'om 2 uur 14:00',
    'sunday sunday',
    'sunday 14:00 monday',
    '2026-02-30 10:00',
    '2026-13-01T00:00Z',
    '2026-03-29T25:00',
    '2026-03-29T02:30+25:00',
    '29/03 14:00',
    'by',
    'kl.',
    'x'.repeat(65),
  ])('%j', (text) => {
    expect(parse(text)).toEqual({ kind: 'invalid' });
  });

  test('a deadline word handed over with the time is skipped: "by 14:00"', () => {
    expect(parse('by 14:00')).toEqual(parse('14:00'));
    expect(parse('inden kl. 14')).toEqual(parse('kl. 14'));
    expect(parse('avant 14h')).toEqual(parse('14h'));
  });

  test('a now that is no instant gives "invalid"', () => {
    expect(parse('14:00', 'yesterday')).toEqual({ kind: 'invalid' });
    expect(parse('14:00', new Date(Number.NaN))).toEqual({ kind: 'invalid' });
  });

  test('a now at the edge of what Date can hold still gives a kind, not a throw', () => {
    expect(parse('in 2h', new Date(8.64e15)).kind).toBe('invalid');
    expect(parse('14:00', new Date(-8.64e15)).kind).toMatch(/^(ok|invalid)$/);
  });

  test('now may be a Date or an ISO string', () => {
    expect(parse('in 2h', new Date(FRIDAY))).toEqual(parse('in 2h', FRIDAY));
  });

  test.each(['Mars/Olympus', '', '+01:00'])(
    'an unknown zone %j is read as UTC, as formatInstant shows it',
    (zone) => {
      expect(parse('18:00', FRIDAY, zone)).toEqual({
        kind: 'ok',
        instant: '2026-03-27T18:00:00.000Z',
      });
    },
  );
});

describe('extractWhen splits a trailing deadline off a command', () => {
  test.each([
    ['Roll back batch 3 by 14:00', 'Roll back batch 3', '14:00'],
    ['Go/no-go for cutover by sunday 02:30', 'Go/no-go for cutover', 'sunday 02:30'],
    ['Restart sync due tomorrow 8:00', 'Restart sync', 'tomorrow 8:00'],
    ['Approve by the CAB by 14:00', 'Approve by the CAB', '14:00'],
    ['Decide by tomorrow at 8:00', 'Decide', 'tomorrow at 8:00'],
    ['Check sync in 2h', 'Check sync', 'in 2h'],
    ['Cancel the batch at 2pm', 'Cancel the batch', 'at 2pm'],
    ['Go live, by 14:00', 'Go live', '14:00'],
    ['Go live — due: tomorrow', 'Go live', 'tomorrow'],
    ['Roll back BY Tomorrow 8:00.', 'Roll back', 'Tomorrow 8:00.'],
    ['by 14:00', '', '14:00'],
    ['Tjek licenser inden kl. 14', 'Tjek licenser', 'kl. 14'],
    ['Tjek licenser senest i morgen 8:00', 'Tjek licenser', 'i morgen 8:00'],
    ['Godkend flytning frist søndag 14:00', 'Godkend flytning', 'søndag 14:00'],
    ['Tjek synkronisering om 2 timer', 'Tjek synkronisering', 'om 2 timer'],
    ['Controleer mailboxen voor 14:00', 'Controleer mailboxen', '14:00'],
    ['Controleer mailboxen uiterlijk om 14 uur', 'Controleer mailboxen', 'om 14 uur'],
    ['Controleer mailboxen vóór morgen 8:00', 'Controleer mailboxen', 'morgen 8:00'],
    ['Controleer over 30 minuten', 'Controleer', 'over 30 minuten'],
    ['Vérifier les licences avant 14h', 'Vérifier les licences', '14h'],
    ["Vérifier les licences d'ici demain 8h", 'Vérifier les licences', 'demain 8h'],
    ['Vérifier les licences d’ici demain', 'Vérifier les licences', 'demain'],
    ['Vérifier dans 2 h', 'Vérifier', 'dans 2 h'],
    [
      'Migrate 2026-03-29 by 2026-03-29T02:30:00+02:00',
      'Migrate 2026-03-29',
      '2026-03-29T02:30:00+02:00',
    ],
  ])('%j → %j + %j', (text, rest, whenText) => {
    expect(extractWhen(text)).toEqual({ rest, whenText });
    expect(parse(whenText).kind).not.toBe('invalid');
  });

  test.each([
    'Migrate by hand',
    'Check load in 2 regions',
    'Roll back batch 14',
    'Plan for sunday', // no deadline word: the title says sunday
    'Decide by the CAB',
    'Escalate by',
    '',
  ])('%j has no deadline and comes back as it is', (text) => {
    expect(extractWhen(text)).toEqual({ rest: text });
  });
});

describe('properties', () => {
  const ZONES = [
    'Europe/Copenhagen',
    'Europe/Brussels',
    'Europe/Amsterdam',
    'Europe/London',
    'America/New_York',
    'America/Santiago',
    'Australia/Sydney',
    'Australia/Lord_Howe', // daylight saving of half an hour
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'UTC',
  ];
  const zone = fc.constantFrom(...ZONES);
  const now = fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  });
  const hhmm = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const showsClock = (iso: string, timeZone: string, clock: string) =>
    expect(formatInstant(iso, { timeZone, locale: 'en-GB' })).toContain(clock);

  test('a clock time is the next instant that shows it, within the next day', () => {
    fc.assert(
      fc.property(now, zone, hhmm, (date, timeZone, clock) => {
        const result = parse(clock, date, timeZone);
        expect(['ok', 'ambiguous', 'nonexistent']).toContain(result.kind);
        if (result.kind !== 'ok') return;
        showsClock(result.instant, timeZone, clock);
        const ahead = ms(result.instant) - date.getTime();
        expect(ahead).toBeGreaterThan(0);
        // 24 h, plus the hour a fall-back day is longer.
        expect(ahead).toBeLessThanOrEqual(DAY + HOUR);
        // Nothing between now and the result shows that clock: it is the next one.
        const today = Temporal.Instant.fromEpochMilliseconds(date.getTime())
          .toZonedDateTimeISO(timeZone)
          .toPlainDate();
        const resultDay = Temporal.Instant.from(result.instant)
          .toZonedDateTimeISO(timeZone)
          .toPlainDate();
        if (!resultDay.equals(today)) {
          expect(resultDay.equals(today.add({ days: 1 }))).toBe(true);
          const todays = Temporal.PlainDateTime.from(`${today.toString()}T${clock}`);
          for (const disambiguation of ['earlier', 'later'] as const) {
            const candidate = todays.toZonedDateTime(timeZone, { disambiguation });
            if (candidate.toPlainDateTime().equals(todays)) {
              expect(candidate.epochMilliseconds).toBeLessThanOrEqual(date.getTime());
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a weekday and a clock time is that day and time, within the next week', () => {
    const days = fc.constantFrom(
      ['monday', 1],
      ['tirsdag', 2],
      ['woensdag', 3],
      ['jeudi', 4],
      ['fri', 5],
      ['lørdag', 6],
      ['zondag', 7],
      ['dim.', 7],
    );
    fc.assert(
      fc.property(now, zone, days, hhmm, (date, timeZone, [name, weekday], clock) => {
        const result = parse(`${name} ${clock}`, date, timeZone);
        expect(['ok', 'ambiguous', 'nonexistent']).toContain(result.kind);
        if (result.kind !== 'ok') return;
        showsClock(result.instant, timeZone, clock);
        expect(Temporal.Instant.from(result.instant).toZonedDateTimeISO(timeZone).dayOfWeek).toBe(
          weekday,
        );
        const ahead = ms(result.instant) - date.getTime();
        expect(ahead).toBeGreaterThan(0);
        expect(ahead).toBeLessThanOrEqual(7 * DAY + HOUR);
      }),
      { numRuns: 300 },
    );
  });

  const KINDS = ['ok', 'past', 'ambiguous', 'nonexistent', 'invalid'];
  const tokenSoup = fc
    .array(
      fc.constantFrom(
        'in',
        'om',
        'over',
        'dans',
        'by',
        'at',
        'kl.',
        'i',
        'morgen',
        'dag',
        'sunday',
        'søndag',
        'dim.',
        'on',
        '2',
        '14',
        '14:00',
        '2h30',
        '1h30',
        'h',
        'u',
        'uur',
        'timer',
        'min',
        'pm',
        'p.m.',
        'en',
        'og',
        'an',
        '2026-03-29',
        '2026-10-25T02:30',
        '+02:00',
        'Z',
        ',',
        '.',
        ':',
        '',
      ),
      { maxLength: 8 },
    )
    .map((words) => words.join(' '));

  test('any text gives one of the kinds and never throws, in any zone', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 80 }), tokenSoup),
        now,
        fc.oneof(zone, fc.string()),
        (text, date, timeZone) => {
          expect(KINDS).toContain(parse(text, date, timeZone).kind);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('extractWhen never throws; it only ever splits the text at a word', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          tokenSoup,
          fc.tuple(fc.string(), tokenSoup).map(([a, b]) => `${a} ${b}`),
        ),
        (text) => {
          const { rest, whenText } = extractWhen(text);
          if (whenText === undefined) {
            expect(rest).toBe(text);
            return;
          }
          expect(text.startsWith(rest)).toBe(true);
          expect(text.trimEnd().endsWith(whenText)).toBe(true);
          expect(parse(whenText).kind).not.toBe('invalid');
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('text built to be slow is read correctly (28,000 characters, the longest message)', () => {
  const N = 28_000;
  test.each([
    ['digits', '1'.repeat(N)],
    ['"1h" over and over', `in ${'1h'.repeat(N / 2)}`],
    ['"1:" over and over', '1:'.repeat(N / 2)],
    ['"sunday " over and over', 'sunday '.repeat(N / 7)],
    ['"in 1 and " over and over', 'in 1 and '.repeat(N / 9)],
    ['a run of commas', ','.repeat(N)],
    ['a run of dots after a time', `14:00${'.'.repeat(N)}`],
  ])('parseWhen on %s is invalid', (_label, text) => {
    expect(parse(text)).toEqual({ kind: 'invalid' });
  });

  test('a time padded with 28,000 spaces is still that time', () => {
    expect(parse(`${' '.repeat(N)}18:00${' '.repeat(N)}`)).toEqual(parse('18:00'));
  });

  test.each([
    ['"by " over and over', `${'by '.repeat(9000)}14:00`, 'by '.repeat(8999).trimEnd(), '14:00'],
    ['one long word before it', `${'x'.repeat(N)} by 14:00`, 'x'.repeat(N), '14:00'],
    ['a run of separators before it', `${','.repeat(N)} by 14:00`, '', '14:00'],
    ['spaces between the word and the time', `go by${' '.repeat(N)}14:00`, 'go', '14:00'],
  ])('extractWhen on %s', (_label, text, rest, whenText) => {
    expect(extractWhen(text)).toEqual({ rest, whenText });
  });

  test.each([
    ['one long word', 'x'.repeat(N)],
    ['"by" over and over', 'by '.repeat(9000)],
    ['"in 2" over and over', 'in 2 '.repeat(N / 5)],
    ['a long run of spaces', ' '.repeat(N)],
  ])('extractWhen on %s finds nothing', (_label, text) => {
    expect(extractWhen(text)).toEqual({ rest: text });
  });
});
