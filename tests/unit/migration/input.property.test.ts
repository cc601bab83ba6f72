import fc from 'fast-check';
import { csvBytes, decodeInput } from '../../../shared/migration/input';
import { isWellFormedUtf8 } from '../../../shared/migration/utf8';

const fatalUtf8 = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

/** Bytes of UTF-8 text with a few bytes changed, cut or added: near the edge of valid. */
const nearUtf8 = fc
  .tuple(
    fc.string({
      unit: fc.constantFrom('a', ',', 'ø', 'é', '€', '\u0800', '\uffff', '🚑', '\u{10ffff}'),
    }),
    fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), {
      maxLength: 3,
    }),
    fc.nat({ max: 3 }),
  )
  .map(([text, edits, cut]) => {
    const bytes = [...utf8(text)];
    for (const { at, byte } of edits) bytes.splice(at % (bytes.length + 1), 0, byte);
    return new Uint8Array(bytes.slice(0, Math.max(0, bytes.length - cut)));
  });

/** Lead bytes and continuation bytes in any order: overlongs, surrogates, past U+10FFFF. */
const byteSoup = fc.uint8Array({ maxLength: 12 }).map((bytes) => bytes.map((b) => 0x80 | b));

describe('property: UTF-8 is recognised as a fatal TextDecoder recognises it', () => {
  test('any bytes', () => {
    fc.assert(
      fc.property(fc.oneof(nearUtf8, byteSoup, fc.uint8Array({ maxLength: 20 })), (bytes) => {
        expect(isWellFormedUtf8(bytes)).toBe(fatalUtf8(bytes));
      }),
      { numRuns: 20_000 },
    );
  });

  test('every boundary of table 3-7', () => {
    for (const lead of [0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf4, 0xf5]) {
      for (const second of [0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0]) {
        for (const rest of [0x7f, 0x80, 0xbf, 0xc0]) {
          const bytes = new Uint8Array([0x41, lead, second, rest, rest, 0x41]);
          for (let end = 1; end <= bytes.length; end++) {
            expect(isWellFormedUtf8(bytes.subarray(0, end))).toBe(
              fatalUtf8(bytes.subarray(0, end)),
            );
          }
        }
      }
    }
  });
});

describe('property: the parser gets the bytes and the start of the text decodeInput reads', () => {
  test('any bytes, with or without a byte order mark', () => {
    fc.assert(
      fc.property(
        fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe]),
        fc.oneof(nearUtf8, fc.uint8Array({ maxLength: 20 })),
        (mark, body) => {
          const input = new Uint8Array([...mark, ...body]);
          const text = decodeInput(input);
          const { bytes, head } = csvBytes(input);
          expect(head).toBe(text);
          expect(Buffer.from(bytes).toString('utf8')).toBe(text);
        },
      ),
      { numRuns: 5000 },
    );
  });

  test('a file longer than its start: the start is cut between characters as the text is', () => {
    // 3-byte and 4-byte characters, so the bytes decoded for the start end inside one.
    for (const unit of ['€', '🚑', 'aø€🚑']) {
      for (const mark of [[], [0xef, 0xbb, 0xbf]]) {
        const input = new Uint8Array(
          Buffer.concat([Buffer.from(mark), utf8(unit.repeat(300_000))]),
        );
        const text = decodeInput(input);
        const { bytes, head } = csvBytes(input);
        expect(head.length).toBe(256 * 1024);
        expect(head).toBe(text.slice(0, 256 * 1024));
        expect(bytes.length).toBe(input.length - mark.length);
      }
    }
  });
});
