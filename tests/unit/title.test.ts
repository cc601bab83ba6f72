import fc from 'fast-check';
import { DomainError } from '../../shared/domain/errors';
import { singleLine, validTitle } from '../../shared/domain/title';
import { TITLE_MAX } from '../../shared/domain/warRoom';

/** The domain error `validTitle` throws, or undefined when it accepts the title. */
function refusal(raw: string): DomainError | undefined {
  try {
    validTitle(raw, 'incident');
    return undefined;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
}

/** What a UTF-8 database column (PostgreSQL, SQLite) gives back for a string. */
const storedAndReadBack = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

describe('validTitle: one clean line, as typed', () => {
  test.each([
    ['  Licences   not assigned ', 'Licences not assigned'],
    ['Mail\tflow\r\ndown', 'Mail flow down'],
    ['Boîtes aux lettres 🚑 bloquées', 'Boîtes aux lettres 🚑 bloquées'],
    ['Licenser ikke tildelt – æøå', 'Licenser ikke tildelt – æøå'],
  ])('%j → %j', (raw, title) => {
    expect(validTitle(raw, 'incident')).toBe(title);
  });

  test.each([
    ['a NUL (PostgreSQL refuses it)', 'Mail\u0000down', 'Mail down'],
    ['NULs at the ends', '\u0000Mail down\u0000', 'Mail down'],
    ['C0 controls', 'Mail\u0001\u0007\u001b[31mdown', 'Mail [31mdown'],
    ['separators pasted from a file', 'Mail\u001cflow\u001fdown', 'Mail flow down'],
    ['DEL', 'Mail\u007fdown', 'Mail down'],
    ['C1 controls, NEL among them', 'Mail\u0080flow\u0085down\u009f', 'Mail flow down'],
    ['a lone high surrogate', 'Mail\ud83ddown', 'Mail down'],
    ['a lone low surrogate', 'Mail\ude91down', 'Mail down'],
    ['surrogates in the wrong order', 'Mail \ude91\ud83d down', 'Mail down'],
  ])('%s: each becomes a space', (_label, raw, title) => {
    expect(validTitle(raw, 'incident')).toBe(title);
  });

  test.each(['', '   ', '\u0000', '\u0000\u0000 \u007f', '\u0085\u009f', '\ud800', '\t\n'])(
    'a title of nothing but space and control characters (%j) is refused as missing',
    (raw) => {
      expect(refusal(raw)).toMatchObject({ kind: 'invalid', messageKey: 'incident.titleRequired' });
    },
  );

  test('the length counts what is kept, not the control characters removed', () => {
    const kept = 'x'.repeat(TITLE_MAX);
    expect(validTitle(`\u0000${kept}\u0000\u0000`, 'incident')).toBe(kept);
    expect(refusal(`${kept}y`)).toMatchObject({
      messageKey: 'incident.titleTooLong',
      params: { max: TITLE_MAX },
    });
  });

  test('the war room kind picks the war room messages', () => {
    expect(() => validTitle('\u0000', 'warroom')).toThrow(
      expect.objectContaining({ messageKey: 'warroom.titleRequired' }),
    );
  });

  test('any text: a title that is accepted has no control characters and reads back from UTF-8 storage unchanged', () => {
    // Code units, so lone surrogates and every control character come up often.
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('\u0000', '\u007f', '\u0085', '\ud83d', '\ude91', '🚑', ' ', 'a'),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const raw = units.join('');
        const error = refusal(raw);
        if (error) {
          expect(['incident.titleRequired', 'incident.titleTooLong']).toContain(error.messageKey);
          return;
        }
        const title = validTitle(raw, 'incident');
        expect(title).not.toMatch(/[\p{Cc}\p{Cs}]/u);
        expect(storedAndReadBack(title)).toBe(title);
        expect(title).toBe(title.trim());
        expect(title).not.toMatch(/\s\s/);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('singleLine (display names too)', () => {
  test('cleans a display name like a title, without refusing an empty one', () => {
    expect(singleLine('Mette\u0000 Sørensen\n')).toBe('Mette Sørensen');
    expect(singleLine('\u0000')).toBe('');
  });
});
