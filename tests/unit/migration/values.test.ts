import fc from 'fast-check';
import { LIMITS } from '../../../shared/migration/types';
import { readCount, readErrorText, readIdentity, readTags } from '../../../shared/migration/values';

describe('readIdentity', () => {
  test.each([
    ['Anne.Nielsen@Contoso.Example', 'anne.nielsen@contoso.example'],
    ['  zoë.JENSEN@zuidoost.example\t', 'zoë.jensen@zuidoost.example'],
    ['a+tag@sub.contoso.example', 'a+tag@sub.contoso.example'],
  ])('an address is trimmed and lower-cased: %j → %j', (raw, identity) => {
    expect(readIdentity(raw)).toEqual({ kind: 'ok', identity });
  });

  test.each([
    ['7D3A1C2E-90AB-4F00-9E1B-000000000001', '7D3A1C2E-90AB-4F00-9E1B-000000000001'],
    ['  Anne   Nielsen ', 'Anne Nielsen'],
  ])('another identifier is kept as written, on one line: %j → %j', (raw, identity) => {
    expect(readIdentity(raw)).toEqual({ kind: 'ok', identity });
  });

  test.each([
    'jdoe@',
    '@contoso.example',
    'a b@contoso.example',
    'a@contoso',
    'a@@contoso.example',
  ])('%j has an @ but is no address', (raw) => {
    expect(readIdentity(raw)).toEqual({ kind: 'invalid' });
  });

  test.each(['a@contoso..example', 'a@.contoso.example', 'a,b@contoso.example'])(
    '%j is no address either',
    (raw) => {
      expect(readIdentity(raw)).toEqual({ kind: 'invalid' });
    },
  );

  test('empty and blank are missing; over the limit is too long', () => {
    expect(readIdentity('')).toEqual({ kind: 'missing' });
    expect(readIdentity(' \t ')).toEqual({ kind: 'missing' });
    expect(readIdentity('x'.repeat(LIMITS.identityChars))).toEqual({
      kind: 'ok',
      identity: 'x'.repeat(LIMITS.identityChars),
    });
    expect(readIdentity('x'.repeat(LIMITS.identityChars + 1))).toEqual({ kind: 'tooLong' });
  });
});

describe('readCount', () => {
  test.each([
    ['0', 0],
    ['62933', 62933],
    [' 715 ', 715],
    ['1,234', 1234],
    ['1.234', 1234],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['1 234', 1234],
    ['1\u00a0234', 1234],
    ['1\u202f234\u202f567', 1234567],
    ["1'234", 1234],
  ])('%j → %d', (raw, n) => {
    expect(readCount(raw)).toBe(n);
  });

  test.each(['', '   '])('%j is null: the tool did not say', (raw) => {
    expect(readCount(raw)).toBeNull();
  });

  test.each([
    '12,5',
    '1,23',
    '1,2345',
    '1.234,5',
    '1,234.567',
    '1,234.567.890',
    '1.234,567',
    '-3',
    '+3',
    '1e3',
    '0x10',
    'n/a',
    '1 2',
    ',123',
    '123,',
    '99999999999999999999',
  ])('%j is refused, not guessed', (raw) => {
    expect(readCount(raw)).toBeUndefined();
  });

  test('any count written with any one thousand separator reads back', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('', ',', '.', ' ', '\u00a0', '\u202f', "'"),
        (n, separator) => {
          const written = String(n).replace(/\B(?=(\d{3})+$)/g, separator);
          expect(readCount(written)).toBe(n);
        },
      ),
    );
  });
});

describe('readErrorText', () => {
  test('is trimmed, keeps its line breaks, loses control characters', () => {
    expect(readErrorText('  Error: "MailboxIsLocked";\r\nretry\u0000 later \n')).toBe(
      'Error: "MailboxIsLocked";\r\nretry later',
    );
    expect(readErrorText(' \n ')).toBeNull();
    expect(readErrorText('')).toBeNull();
  });

  test('a long text is cut with an ellipsis at the limit, never inside a surrogate pair', () => {
    const long = readErrorText('x'.repeat(LIMITS.errorChars + 500));
    expect(long).toBe(`${'x'.repeat(LIMITS.errorChars - 1)}…`);
    expect(readErrorText('x'.repeat(LIMITS.errorChars))).toBe('x'.repeat(LIMITS.errorChars));

    const emoji = readErrorText(`x${'🚑'.repeat(LIMITS.errorChars)}`) ?? '';
    expect(emoji.endsWith('🚑…')).toBe(true);
    expect(emoji.length).toBeLessThanOrEqual(LIMITS.errorChars);
  });
});

describe('readTags', () => {
  test('split on , ; or |, lower case, spaces made hyphens, without duplicates', () => {
    expect(readTags(' Lab Results; VIP,vip | night  shift ,, ')).toEqual([
      'lab-results',
      'vip',
      'night-shift',
    ]);
    expect(readTags('')).toEqual([]);
  });

  test('a tag over the limit refuses the cell', () => {
    expect(readTags(`ok;${'t'.repeat(LIMITS.tagChars)}`)).toEqual([
      'ok',
      't'.repeat(LIMITS.tagChars),
    ]);
    expect(readTags(`ok;${'t'.repeat(LIMITS.tagChars + 1)}`)).toBeUndefined();
  });
});
