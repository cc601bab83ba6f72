import type { DecisionRule } from '../domain/decision';
import type { Person } from '../domain/person';
import { extractWhen } from '../time/parse';

/** What `decide …` / `go-no-go …` asks, read from the text and the message's mentions. */
export interface DecideRequest {
  question: string;
  approvers: Person[];
  backup: Person | null;
  rule: DecisionRule;
  /** The deadline as typed (`14:00`, `sunday 02:30`), read later in the war room's zone. */
  whenText: string | undefined;
}

const RULE_WORDS: Record<DecisionRule, readonly string[]> = {
  any: ['any', 'anyone', 'en', 'één', 'een', 'un', 'une'],
  all: ['all', 'alle', 'allen', 'iedereen', 'tous', 'toutes'],
};
const BACKUP_WORDS = ['backup', 'stedfortræder', 'reserve', 'vervanger', 'suppléant', 'suppleant'];

/**
 * Reads `<question> @approver [@approver …] [by <when>] [any|all] [backup @person]` (the
 * mentions already turned into names by stripMentions; `people` are their identities in
 * text order). The question is the text before the first approver; a rule word and the
 * backup clause may come in any order after the deadline.
 */
export function parseDecide(text: string, people: readonly Person[]): DecideRequest {
  let rest = text.trim();
  let backup: Person | null = null;
  let rule: DecisionRule = 'any';
  for (let changed = true; changed;) {
    changed = false;
    const lower = rest.toLowerCase();
    const last = people.at(-1);
    for (const word of BACKUP_WORDS) {
      if (last && !backup && lower.endsWith(`${word} ${last.name.toLowerCase()}`)) {
        backup = last;
        rest = rest.slice(0, rest.length - word.length - last.name.length - 1).trim();
        changed = true;
      }
    }
    const tail = rest.split(' ').at(-1)?.toLowerCase() ?? '';
    const ruled = (Object.keys(RULE_WORDS) as DecisionRule[]).find((r) =>
      RULE_WORDS[r].includes(tail),
    );
    if (ruled) {
      rule = ruled;
      rest = rest.slice(0, rest.length - tail.length).trim();
      changed = true;
    }
  }
  const { rest: withoutWhen, whenText } = extractWhen(rest);
  const approvers = people.filter((p) => p !== backup);
  // The question ends where the first approver's name begins.
  const firstName = approvers
    .map((p) => withoutWhen.indexOf(p.name))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b)[0];
  const question = (firstName === undefined ? withoutWhen : withoutWhen.slice(0, firstName)).trim();
  return { question, approvers, backup, rule, whenText };
}
