import type { FreezeTarget } from '../domain/freeze';

/** What `freeze <target> from <when> to <when> [reason]` asks, the times still as typed. */
export type FreezeRequest =
  | { target: FreezeTarget; fromText: string; toText: string; reason: string }
  | { problem: 'freeze.usage' | 'freeze.targetMissing' };

const FROM = new Set(['from', 'fra', 'van', 'vanaf', 'de', 'du', 'dès']);
const TO = new Set(['to', 'until', 'till', 'til', 'tot', 'à', 'a', 'au', "jusqu'à", 'jusqu’à']);
const TAG = new Set(['tag', 'mærke', 'maerke', 'label', 'étiquette', 'etiquette']);
const BATCH = new Set(['batch', 'lot']);
/** How many words a time may take (`sunday 02:30`, `2026-10-25 02:30`, `tomorrow at 8:00`). */
const MAX_TIME_WORDS = 3;

/**
 * Reads `freeze tag lab-results from sat 18:00 to sun 06:00 Lab results keep flowing`,
 * `freeze batch "Batch 3" from …` or `freeze a@x.dk, b@x.dk from … to …`. The target runs
 * up to the first `from` word; the start time up to the first `to` word; the end time is
 * the longest run of at most three words that `readsAsTime` accepts, and the rest is the
 * reason. Words in all four languages.
 */
export function parseFreeze(text: string, readsAsTime: (words: string) => boolean): FreezeRequest {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lower = words.map((w) => w.toLowerCase());
  const from = lower.findIndex((w) => FROM.has(w));
  const to = lower.findIndex((w, i) => i > from && TO.has(w));
  if (from < 0 || to < 0 || to === from + 1) return { problem: 'freeze.usage' };
  const target = readTarget(words.slice(0, from));
  if (!target) return { problem: 'freeze.targetMissing' };
  const fromText = words.slice(from + 1, to).join(' ');
  const after = words.slice(to + 1);
  for (let n = Math.min(MAX_TIME_WORDS, after.length); n > 0; n--) {
    const toText = after.slice(0, n).join(' ');
    if (readsAsTime(toText)) {
      return { target, fromText, toText, reason: after.slice(n).join(' ') };
    }
  }
  // No readable end: the time is the first word, and reading it will say what is wrong.
  if (after.length === 0) return { problem: 'freeze.usage' };
  return { target, fromText, toText: after[0]!, reason: after.slice(1).join(' ') };
}

function readTarget(words: string[]): FreezeTarget | undefined {
  const [first, ...rest] = words;
  if (!first) return undefined;
  const name = unquote(rest.join(' '));
  if (TAG.has(first.toLowerCase()))
    return name ? { kind: 'tag', value: name.toLowerCase() } : undefined;
  if (BATCH.has(first.toLowerCase())) return name ? { kind: 'batch', value: name } : undefined;
  const identities = words
    .join(' ')
    .split(/[\s,;]+/)
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  return identities.length > 0
    ? { kind: 'identities', values: [...new Set(identities)] }
    : undefined;
}

function unquote(text: string): string {
  const t = text.trim();
  return /^(["'“”]).*\1$/.test(t) || /^“.*”$/.test(t) ? t.slice(1, -1).trim() : t;
}
