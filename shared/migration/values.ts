import { singleLine } from '../domain/title';
import { LIMITS } from './types';

/** Printable ASCII without spaces: most cells of an export, and already one clean line. */
const PLAIN = /^[!-~]*$/;

/** `singleLine`, without its cost for the plain cells that make up most of a file. */
export function oneLine(raw: string): string {
  return PLAIN.test(raw) ? raw : singleLine(raw);
}

/**
 * An email address as Exchange accepts one: no spaces, one `@`, a dotted domain without
 * empty labels. Not RFC 5322 in full (quoted local parts do not occur in these exports);
 * it is there to refuse what a broken export or a wrong column gives (`jdoe@`, `a b@c.d`).
 */
const ADDRESS = /^[^\s@"<>(),;:\\[\]]+@(?:[^\s@.]+\.)+[^\s@.]+$/u;

export type IdentityResult =
  | { kind: 'ok'; identity: string }
  | { kind: 'missing' }
  | { kind: 'invalid' }
  | { kind: 'tooLong' };

/**
 * A mailbox's key. Anything with an `@` must be an address and is lower-cased, as Exchange
 * compares addresses without case and the same mailbox must match across imports. Anything
 * else (a GUID, a display name in the admin center's Name column) is an identifier kept as
 * written, on one line.
 */
export function readIdentity(raw: string): IdentityResult {
  const value = oneLine(raw);
  if (value === '') return { kind: 'missing' };
  if (value.length > LIMITS.identityChars) return { kind: 'tooLong' };
  if (!value.includes('@')) return { kind: 'ok', identity: value };
  return ADDRESS.test(value) ? { kind: 'ok', identity: value.toLowerCase() } : { kind: 'invalid' };
}

/**
 * Digits in groups of three after the first, with one separator throughout: `,` (en),
 * `.` (da, nl, de), a space, a no-break or narrow no-break space (fr), `'` (de-CH).
 */
const GROUPED = /^\d{1,3}(?:([,. \u00a0\u202f'])\d{3})(?:\1\d{3})*$/;

/**
 * An item count: a non-negative whole number, plain or with thousand separators. A count
 * is never fractional, so `1.234` and `1,234` both read 1234 whatever the culture; what
 * is not a whole number in any reading (`12,5`, `-3`, `1.2.3`, `n/a`) is refused
 * (undefined), never guessed. Empty is null: the tool did not say.
 */
export function readCount(raw: string): number | null | undefined {
  const value = raw.trim();
  if (value === '') return null;
  let digits: string;
  if (/^\d+$/.test(value)) digits = value;
  else if (GROUPED.test(value)) digits = value.replace(/\D/g, '');
  else return undefined;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Control characters other than tab and line breaks, and lone surrogate halves. */
const UNPRINTABLE_IN_TEXT = /(?![\t\n\r])[\p{Cc}\p{Cs}]/gu;

/**
 * The tool's error text: trimmed, its line breaks kept (a stack of messages reads better
 * that way), without control characters PostgreSQL would refuse, and cut at
 * `LIMITS.errorChars` with an ellipsis rather than refused.
 */
export function readErrorText(raw: string): string | null {
  if (raw === '') return null;
  const text = raw.replace(UNPRINTABLE_IN_TEXT, '').trim();
  if (text === '') return null;
  if (text.length <= LIMITS.errorChars) return text;
  let cut = text.slice(0, LIMITS.errorChars - 1);
  // Never end on half of a surrogate pair.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Tags from one cell: separated by `,` `;` or `|`, lower case, spaces inside a tag made
 * `-` so it can be typed in a command (`tag lab-results ...`). Undefined when a tag is
 * longer than `LIMITS.tagChars`.
 */
export function readTags(raw: string): string[] | undefined {
  if (raw === '') return [];
  const tags = new Set<string>();
  for (const part of raw.split(/[,;|]/)) {
    const tag = singleLine(part).toLowerCase().replace(/ /g, '-');
    if (tag === '') continue;
    if (tag.length > LIMITS.tagChars) return undefined;
    tags.add(tag);
  }
  return [...tags];
}

/** A value quoted back to the reader in a rejection: one line, cut short. */
export function quoted(raw: string): string {
  const value = oneLine(raw);
  return value.length <= LIMITS.quotedChars ? value : `${value.slice(0, LIMITS.quotedChars)}…`;
}
