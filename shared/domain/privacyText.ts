import { personalPointers, pseudonymise, REDACTED, type Pseudonym } from './privacy';

/**
 * A person named in free text (decision 028): titles, notes, questions, comments, reasons,
 * the lessons learned, and the cards and texts waiting to be sent. Found by the display
 * names stored for them, as whole words in any case; a first name alone or a misspelling
 * is not found.
 */

/** Keys whose string values are text people wrote, which may name anyone. */
const FREE_TEXT_KEYS = new Set(['title', 'text', 'question', 'comment', 'reason']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const step = (key: string | number) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** Pointers (RFC 6901) of every free-text string in `value`: what an audit entry seals too. */
export function freeTextPointers(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => freeTextPointers(v, at + step(i)));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    typeof v === 'string' && FREE_TEXT_KEYS.has(key)
      ? [at + step(key)]
      : freeTextPointers(v, at + step(key)),
  );
}

/** The value at an RFC 6901 pointer, or undefined. */
export function pointerValue(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Finds and replaces a person's names in text. */
export interface NameMatcher {
  test(text: string): boolean;
  replace(text: string, by: string): string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A matcher for these names as whole words (letters or digits on neither side), any case,
 * any run of spaces inside; undefined when no name is usable (shorter than two letters,
 * or a stand-in this module wrote).
 */
export function nameMatcher(names: Iterable<string>): NameMatcher | undefined {
  const usable = [...new Set([...names].map((n) => n.trim().replace(/\s+/g, ' ')))]
    .filter((n) => n.replace(/[^\p{L}]/gu, '').length >= 2)
    .filter((n) => n !== REDACTED && !n.startsWith('[erased '))
    // Longest first: "Anna Jensen" before "Anna".
    .sort((a, b) => b.length - a.length || a.localeCompare(b));
  if (usable.length === 0) return undefined;
  const alternatives = usable.map((n) => escape(n).replace(/ /g, '\\s+')).join('|');
  const source = `(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`;
  // Compiled once: `search` ignores lastIndex, `replace` with /g starts from 0 each time.
  const one = new RegExp(source, 'iu');
  const every = new RegExp(source, 'giu');
  return {
    test: (text) => text.search(one) >= 0,
    replace: (text, by) => text.replace(every, () => by),
  };
}

/** An `<at>…</at>` mention of the pseudonym: plain text once its entity is gone. */
const atTag = (p: Pseudonym) => new RegExp(`<at>${escape(p.name)}</at>`, 'g');

/**
 * A copy of a stored JSON value (a record's column, a queued message, a job's payload) that
 * no longer names the person: their person fields take the pseudonym, a string that is one
 * of their identifiers becomes the pseudonym's id, their names in every other string become
 * the pseudonym's name, their mention entities and `userIds` entries are dropped, and an
 * `<at>` tag left around the pseudonym becomes plain text.
 */
export function scrubJson<T>(
  value: T,
  ids: ReadonlySet<string>,
  p: Pseudonym,
  names: NameMatcher | undefined,
): { value: T; changed: boolean } {
  const { value: copy } = pseudonymise(value, ids, p);
  const personal = new Set(personalPointers(copy));
  const at = atTag(p);
  const walk = (v: unknown, ptr: string, key: string): unknown => {
    if (typeof v === 'string') {
      if (ids.has(v)) return p.id;
      if (personal.has(ptr)) return v;
      const named = names ? names.replace(v, p.name) : v;
      return named.includes('<at>') ? named.replace(at, p.name) : named;
    }
    if (Array.isArray(v)) {
      // Indices as they were: the pointers above were taken before anything was dropped.
      return v
        .map((item, i) => [item, i] as const)
        .filter(([item]) => !(key === 'userIds' && (item === p.id || ids.has(item as string))))
        .filter(([item]) => !isMentionOf(item, p))
        .map(([item, i]) => walk(item, ptr + step(i), key));
    }
    if (isObject(v)) {
      return Object.fromEntries(Object.entries(v).map(([k, c]) => [k, walk(c, ptr + step(k), k)]));
    }
    return v;
  };
  const scrubbed = walk(copy, '', '') as T;
  return { value: scrubbed, changed: JSON.stringify(scrubbed) !== JSON.stringify(value) };
}

/** A Teams mention entity of the pseudonym (its id was theirs a moment ago). */
function isMentionOf(item: unknown, p: Pseudonym): boolean {
  return (
    isObject(item) &&
    item.type === 'mention' &&
    isObject(item.mentioned) &&
    item.mentioned.id === p.id
  );
}
