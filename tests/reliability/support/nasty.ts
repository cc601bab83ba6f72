import fc from 'fast-check';

const char = (min: number, max: number) =>
  fc.integer({ min, max }).map((c) => String.fromCharCode(c));

/** Strings that have broken parsers, renderers, regexes and databases before. */
const KNOWN_BAD = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDBFFy',
  '\uDE00\uD83D',
  '\uFEFF',
  '\u202Eevil',
  '😀',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '**bold** _it_ [x](javascript:alert(1)) `code`',
  '<at>War Room</at>',
  '<at>',
  '</at>',
  '<at><at></at>',
  '<at>War Room</at> start',
  '<<<<<<',
  '&amp;&lt;&#0;',
  '%s%n%x',
  '${7*7}',
  '{{7*7}}',
  "'; DROP TABLE incidents; --",
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'null',
  'NaN',
  '1e309',
  'sev0',
  'sev1',
  'INC-0',
  'start',
  'incident',
  '\r\n\r\n',
  '\t',
  '../../etc/passwd',
  'https://evil.example.com/',
  'http://127.0.0.1:1/',
  '19:x@thread.tacv2',
  '00000000-0000-0000-0000-000000000000',
];

/** Short nasty strings: control characters, lone surrogates, markup, unicode. */
export const shortNastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...KNOWN_BAD), weight: 4 },
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  // C0 controls, NUL included
  fc.string({ unit: char(0, 0x1f), maxLength: 20 }),
  // lone (and mismatched) surrogates, which JSON.stringify escapes as \udXXX
  fc.string({ unit: fc.oneof(char(0xd800, 0xdfff), char(0x20, 0x7e)), maxLength: 20 }),
);

/** Long repetitions: huge strings, many `<` and `<at>`, many escapes in JSON. */
export const repeatedString: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('<', '<at>', '</at>', '<at>War Room</at> ', '&', '*', '\u0000', 'ü', '😀', 'a'),
    fc.integer({ min: 1, max: 20_000 }),
  )
  .map(([s, n]) => s.repeat(n));

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: shortNastyString, weight: 4 },
  repeatedString,
);

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 1, 12, 1.5, -0, 2 ** 31, 2 ** 31 - 1, 2 ** 53, 2 ** 53 + 2, 1e308, -1e308),
  fc.integer(),
  fc.double(),
);

/** A key that is not a plain field name. */
export const nastyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', '', ' ', '$ref'),
  shortNastyString,
);

/** Any JSON value of the wrong type for a field: numbers, null, arrays, objects, strings. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: nastyString, weight: 3 },
  fc.constant(null),
  nastyNumber,
  fc.boolean(),
  fc.array(fc.oneof(shortNastyString, nastyNumber, fc.constant(null)), { maxLength: 4 }),
  fc.constantFrom([], {}, [[]], [{}], { id: null }, { id: ['x'] }, { id: {} }, { length: 1 }),
  fc.jsonValue({ maxDepth: 2 }),
  fc.dictionary(nastyKey, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }),
);

/** Header values Node lets through (printable ASCII, tab, Latin-1). */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: char(0x20, 0x7e), maxLength: 60 }),
  fc.string({ unit: fc.oneof(char(0x20, 0x7e), char(0x80, 0xff), fc.constant('\t')) }),
  fc.integer({ min: 1, max: 4000 }).map((n) => 'x'.repeat(n)),
);

/** Characters Node accepts raw in a request path (no space, no control characters). */
export const rawPathString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('%', '%%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '%FF', '..', '%2e%2e', '%2F'),
  fc.constantFrom(';', 'a;b', '*', "'", '(', ')', '!', '$', '&', '=', '+', ',', '@', ':', '~'),
  fc.string({ unit: char(0x21, 0x7e), maxLength: 40 }),
  fc.string({ unit: char(0xa1, 0xff), maxLength: 10 }),
  shortNastyString.map(percentEncode),
  repeatedString.map((s) => percentEncode(s.slice(0, 1500))),
);

/** encodeURIComponent without its URIError on lone surrogates (they become U+FFFD). */
export function percentEncode(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}
