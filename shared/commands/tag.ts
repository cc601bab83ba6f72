import { readIdentity } from '../migration/values';
import { LIMITS } from '../migration/types';

/** Most mailboxes one `tag` command names: a message is at most ~28,000 characters anyway. */
export const TAG_IDENTITIES_MAX = 500;

/** A tag as typed: one word, lower-cased (freeze windows compare lower case). */
const TAG = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

export type TagRequest =
  | { tag: string; identities: string[] }
  | {
      problem: 'tag.usage' | 'tag.invalidTag' | 'tag.tooMany' | 'tag.invalidIdentity';
      value?: string;
    };

/**
 * Reads `lab-results anna@contoso.com, bo@contoso.com …`: the tag, then mailboxes separated
 * by spaces, commas or semicolons, each read as an import reads an identity (addresses in
 * lower case), duplicates once.
 */
export function parseTag(text: string): TagRequest {
  const [first, ...rest] = text.split(/[\s,;]+/).filter(Boolean);
  if (!first || rest.length === 0) return { problem: 'tag.usage' };
  const tag = first.toLowerCase();
  if (tag.length > LIMITS.tagChars || !TAG.test(tag)) return { problem: 'tag.invalidTag' };
  if (rest.length > TAG_IDENTITIES_MAX) return { problem: 'tag.tooMany' };
  const identities = new Set<string>();
  for (const word of rest) {
    const read = readIdentity(word);
    if (read.kind !== 'ok') return { problem: 'tag.invalidIdentity', value: word.slice(0, 80) };
    identities.add(read.identity);
  }
  return { tag, identities: [...identities] };
}
