import fc from 'fast-check';
import { toIso } from '../../bot/storage/sql/instant';

/** What `toIso` did before canonical strings were passed through: always through a Date. */
function throughDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
    throw new RangeError('no zone');
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError('not an instant');
  return date.toISOString();
}

const outcome = (f: () => string): string => {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('toIso', () => {
  test('gives what a trip through Date gives, for canonical-looking strings valid or not', () => {
    // Fields slightly past their ranges: 30 February, 24:00, 29 February of 1900 and 2000.
    const shaped = fc
      .tuple(
        fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2024, 2026)),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(
        ([y, mo, d, h, mi, s, ms]) =>
          `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`,
      );
    fc.assert(
      fc.property(shaped, (s) => {
        expect(outcome(() => toIso(s))).toBe(outcome(() => throughDate(s)));
      }),
      { numRuns: 20_000 },
    );
  });

  test('keeps a real instant as it is and refuses impossible ones as before', () => {
    expect(toIso('2024-02-29T23:59:59.999Z')).toBe('2024-02-29T23:59:59.999Z');
    expect(toIso('2000-02-29T00:00:00.000Z')).toBe('2000-02-29T00:00:00.000Z');
    // Date moves these to another day; toIso has always done the same.
    expect(toIso('2026-02-30T00:00:00.000Z')).toBe('2026-03-02T00:00:00.000Z');
    expect(toIso('1900-02-29T00:00:00.000Z')).toBe('1900-03-01T00:00:00.000Z');
    expect(toIso('2026-01-01T24:00:00.000Z')).toBe('2026-01-02T00:00:00.000Z');
    expect(() => toIso('2026-13-01T00:00:00.000Z')).toThrow(RangeError);
    expect(() => toIso('2026-01-01T00:00:00.000')).toThrow(RangeError);
  });

  test('other spellings of a moment still become the canonical one', () => {
    fc.assert(
      fc.property(
        fc.date({
          noInvalidDate: true,
          min: new Date('0000-01-01T00:00:00.000Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
        }),
        (d) => {
          const iso = d.toISOString();
          expect(toIso(iso)).toBe(iso);
          expect(toIso(d)).toBe(iso);
        },
      ),
    );
    expect(toIso('2026-12-02T01:00:00+01:00')).toBe('2026-12-02T00:00:00.000Z');
    expect(toIso('2026-12-02T00:00Z')).toBe('2026-12-02T00:00:00.000Z');
  });
});
