import { formatInstant } from '../../shared/time/format';

const CPH = 'Europe/Copenhagen';
const show = (iso: string, timeZone = CPH, locale = 'en-GB') =>
  formatInstant(iso, { timeZone, locale });

describe('formatInstant shows the war room local time with its zone', () => {
  test('a winter instant is shown in CET, one hour ahead of UTC', () => {
    const text = show('2026-01-17T21:05:00Z');
    expect(text).toContain('Sat');
    expect(text).toContain('17 Jan');
    expect(text).toContain('22:05');
    expect(text).toContain('CET');
  });

  test('a summer instant is shown in CEST, two hours ahead of UTC', () => {
    const text = show('2026-06-13T21:05:00Z');
    expect(text).toContain('23:05');
    expect(text).toContain('CEST');
  });

  test('the local date is the war room date, not the UTC date', () => {
    // Saturday 23:30 UTC is already Sunday in Copenhagen.
    const text = show('2026-03-28T23:30:00Z');
    expect(text).toContain('Sun');
    expect(text).toContain('29 Mar');
    expect(text).toContain('00:30');
  });

  test('the same instant reads differently in another war room zone', () => {
    expect(show('2026-06-13T21:05:00Z', 'Europe/London')).toContain('22:05');
    expect(show('2026-06-13T21:05:00Z', 'UTC')).toContain('21:05');
  });

  test('an instant shown before is shown again the same, and still per zone and language', () => {
    const iso = '2026-06-13T21:05:00Z';
    const first = [show(iso), show(iso, 'UTC'), show(iso, CPH, 'da-DK')];
    expect(new Set(first).size).toBe(3);
    expect([show(iso), show(iso, 'UTC'), show(iso, CPH, 'da-DK')]).toEqual(first);
    expect(show('not an instant')).toBe('not an instant');
  });
});

describe('the spring-forward night (Sunday 29 March 2026, 02:00 → 03:00 in Copenhagen)', () => {
  test.each([
    ['2026-03-29T00:30:00Z', '01:30', 'CET'],
    ['2026-03-29T00:59:00Z', '01:59', 'CET'],
    ['2026-03-29T01:00:00Z', '03:00', 'CEST'],
    ['2026-03-29T01:30:00Z', '03:30', 'CEST'],
  ])('%s is shown as %s %s', (iso, clock, zone) => {
    const text = show(iso);
    expect(text).toContain('29 Mar');
    expect(text).toContain(clock);
    expect(text).toContain(zone);
  });

  test('no instant is shown as 02:30, a time that does not exist that night', () => {
    for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
      const iso = new Date(Date.UTC(2026, 2, 28, 12) + minutes * 60_000).toISOString();
      expect(show(iso)).not.toMatch(/29 Mar.*\b02:\d\d\b/);
    }
  });
});

describe('the fall-back night (Sunday 25 October 2026, 03:00 → 02:00 in Copenhagen)', () => {
  const first = show('2026-10-25T00:30:00Z');
  const second = show('2026-10-25T01:30:00Z');

  test('both instants show the local clock time 02:30', () => {
    expect(first).toContain('02:30');
    expect(second).toContain('02:30');
  });

  test('the zone name tells them apart: first CEST, an hour later CET', () => {
    expect(first).toContain('CEST');
    expect(first).not.toMatch(/\bCET\b/);
    expect(second).toMatch(/\bCET\b/);
    expect(first).not.toBe(second);
  });

  test.each(['da-DK', 'nl-BE', 'fr-BE', 'en'])(
    'in %s the two 02:30 instants still read differently',
    (locale) => {
      expect(show('2026-10-25T00:30:00Z', CPH, locale)).not.toBe(
        show('2026-10-25T01:30:00Z', CPH, locale),
      );
    },
  );
});

describe('the reader language', () => {
  test.each([
    ['da-DK', 'okt'],
    ['nl-BE', 'okt'],
    ['fr-BE', 'oct'],
  ])('in %s the month reads %j', (locale, month) => {
    expect(show('2026-10-25T10:00:00Z', CPH, locale)).toContain(month);
  });

  test('an empty locale still produces a time, in English', () => {
    expect(show('2026-06-13T21:05:00Z', CPH, '')).toMatch(/Sat.*Jun/);
  });
});

describe('formatInstant never throws: it falls back and says so', () => {
  const WINTER = '2026-01-17T21:05:00Z';

  test.each(['', 'en_GB', '!!', 'i-klingon', 'x'])(
    'a malformed locale %j gives English',
    (locale) => {
      expect(show(WINTER, CPH, locale)).toBe(show(WINTER, CPH, 'en'));
      expect(show(WINTER, CPH, locale)).toMatch(/Sat.*Jan 17.*10:05/);
    },
  );

  test('a well-formed locale without data gives English too, not the runtime default', () => {
    expect(show(WINTER, CPH, 'xx-YY')).toBe(show(WINTER, CPH, 'en'));
  });

  test.each(['Mars/Olympus', '', '+01:00', 'Europe/Kopenhagen'])(
    'an unknown zone %j gives UTC, named as such',
    (timeZone) => {
      const text = show(WINTER, timeZone);
      expect(text).toContain('21:05');
      expect(text).toContain('UTC');
      expect(text).toBe(show(WINTER, 'UTC'));
    },
  );

  test.each(['da-DK', 'nl-BE', 'fr-BE'])('in %s the UTC fallback is named UTC too', (locale) => {
    expect(show(WINTER, 'Mars/Olympus', locale)).toContain('UTC');
  });

  test('a malformed locale and an unknown zone together give English in UTC', () => {
    expect(show(WINTER, 'Mars/Olympus', 'en_GB')).toBe(show(WINTER, 'UTC', 'en'));
  });

  test.each(['', 'not a date', '2026-13-45T99:00:00Z', 'yesterday'])(
    'a string that is not an instant, %j, is returned as it is',
    (iso) => {
      expect(show(iso)).toBe(iso);
      expect(show(iso, 'Mars/Olympus', 'en_GB')).toBe(iso);
    },
  );

  test('a fallback for one call does not leak into the next', () => {
    show(WINTER, 'Mars/Olympus', 'en_GB');
    expect(show(WINTER)).toContain('CET');
    expect(show(WINTER)).toContain('22:05');
  });

  test('the same arguments always give the same text', () => {
    const first = show('2026-10-25T00:30:00Z', CPH, 'da-DK');
    for (let i = 0; i < 3; i++) expect(show('2026-10-25T00:30:00Z', CPH, 'da-DK')).toBe(first);
  });
});
