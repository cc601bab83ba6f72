import { invalid } from '../domain/errors';
import { LIMITS } from './types';
import { isWellFormedUtf8 } from './utf8';

export type Delimiter = ',' | ';' | '\t';
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

/**
 * The text of an export. A byte order mark says the encoding (Windows PowerShell writes
 * UTF-16 with `-Encoding Unicode`); without one, UTF-8 if the bytes are valid UTF-8, else
 * Windows-1252, which is what Excel's "CSV" gives on a Western European Windows. The mark
 * itself is dropped.
 */
export function decodeInput(input: string | Uint8Array): string {
  if (input.length > LIMITS.bytes) {
    throw invalid('migration.file.tooLarge', { maxMb: LIMITS.bytes / 1024 / 1024 });
  }
  if (typeof input === 'string') return input.startsWith('\uFEFF') ? input.slice(1) : input;
  const [b0, b1, b2] = input;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return new TextDecoder('utf-8').decode(input);
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(input);
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(input);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch (e) {
    // By name: Node throws its own realm's TypeError, not the caller's (as under jest).
    if ((e as { name?: unknown } | null)?.name !== 'TypeError') throw e;
    return new TextDecoder('windows-1252').decode(input);
  }
}

/** Enough of the start of a file to hold its `#TYPE` line and header. */
const HEAD_CHARS = 256 * 1024;

/**
 * Bytes of UTF-8 that hold at least HEAD_CHARS characters after a byte order mark: at most
 * 3 bytes a character, and a sequence cut at the end spoils only what comes after them.
 */
const HEAD_BYTES = 3 + 3 * HEAD_CHARS + 3;

/**
 * The export as UTF-8 bytes for the CSV parser, and the text of its start (to find the
 * header and delimiter), read as `decodeInput` reads it. UTF-8 bytes, the usual case, are
 * passed on as they are and only their start is decoded: decoding the whole file (to
 * prove it UTF-8) and encoding it back for the parser cost a tenth of reading an export.
 */
export function csvBytes(input: string | Uint8Array): { bytes: Buffer; head: string } {
  if (input.length > LIMITS.bytes) {
    throw invalid('migration.file.tooLarge', { maxMb: LIMITS.bytes / 1024 / 1024 });
  }
  if (typeof input !== 'string') {
    const view = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    const [b0, b1, b2] = view;
    const utf8Bom = b0 === 0xef && b1 === 0xbb && b2 === 0xbf;
    const utf16 = (b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff);
    // As decodeInput: a UTF-8 mark says UTF-8; without a mark, valid UTF-8 is UTF-8.
    if (utf8Bom || (!utf16 && isWellFormedUtf8(view))) {
      const start = new TextDecoder('utf-8').decode(view.subarray(0, HEAD_BYTES));
      return { bytes: utf8Bom ? view.subarray(3) : view, head: start.slice(0, HEAD_CHARS) };
    }
  }
  const text = decodeInput(input);
  return { bytes: Buffer.from(text, 'utf8'), head: text.slice(0, HEAD_CHARS) };
}

/**
 * `Export-Csv` in Windows PowerShell (and with `-IncludeTypeInformation` in PowerShell 7)
 * starts with a `#TYPE <class>` line before the header. Gives the 1-based line of the header.
 */
export function headerLine(text: string): 1 | 2 {
  return /^#TYPE\b/i.test(text) ? 2 : 1;
}

/**
 * The delimiter, from the header line: whichever of `,` `;` or tab occurs most outside
 * quotes (`-UseCulture` writes `;` in Danish and Dutch). A one-column header gives `,`.
 */
export function detectDelimiter(text: string, fromLine: 1 | 2): Delimiter {
  let i = 0;
  if (fromLine === 2) {
    const typeLine = /^[^\r\n]*(?:\r\n|\r|\n)/.exec(text);
    if (!typeLine) return ',';
    i = typeLine[0].length;
  }
  const counts = new Map<string, number>();
  let quoted = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}
