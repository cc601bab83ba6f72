import type { DecisionKind } from '../domain/decision';
import { parseDecisionRef } from '../domain/decision';
import { parseFreezeRef } from '../domain/freeze';
import { extractSeverity, parseIncidentRef, type Severity } from '../domain/incident';
import { parseRole } from '../domain/roles';
import type { Role } from '../domain/warRoom';
import { parseLanguage, parseRetentionDays } from '../domain/retention';
import type { Language } from '../i18n';

/**
 * Channel commands, understood in every shipped language: Teams sends the localised
 * command title the user clicked, and people type in their own language.
 */
export type Command =
  | { kind: 'help' }
  | { kind: 'start'; title: string }
  | { kind: 'incident'; title: string; severity: Severity | undefined }
  /** `decide …` / `go-no-go …`: the rest is read with the message's mentions (decide.ts). */
  | { kind: 'decide'; decisionKind: DecisionKind; text: string }
  /** `action <title> @owner [due <when>]`: read with the message's mentions. */
  | { kind: 'action'; text: string }
  /** `actions`: the open actions, the caller's first. */
  | { kind: 'actions' }
  /** `note INC-4 <text>`: `number` undefined when the first word is not an incident. */
  | { kind: 'note'; number: number | undefined; text: string }
  /** `withdraw DEC-3`: a pending decision request taken back. */
  | { kind: 'withdraw'; number: number | undefined }
  /** `status`: the migration status card. */
  | { kind: 'status' }
  /** `freeze <target> from <when> to <when> [reason]`: read by shared/commands/freeze.ts. */
  | { kind: 'freeze'; text: string }
  /** `unfreeze FRZ-1 @approver …`: a go/no-go on releasing a freeze early. */
  | { kind: 'unfreeze'; number: number | undefined }
  /** `role @person <role>`: the person comes from the message's mentions. */
  | { kind: 'role'; role: Role | undefined }
  /** `import`: how to bring migration status in (a file in a personal chat, the tab, the API). */
  | { kind: 'import' }
  /** `tag <tag> <identities…>` (`untag`: `remove`): read by shared/commands/tag.ts. */
  | { kind: 'tag'; remove: boolean; text: string }
  /** `report`: the evaluation report's card (links, lessons learned). */
  | { kind: 'report' }
  /** `handover [6h]`: hours asked for; undefined: the default; null: not readable. */
  | { kind: 'handover'; hours: number | undefined | null }
  /** `close`, `retention <days>`, `language <da|nl|fr|en>` (the lead; decision 022). */
  | { kind: 'close' }
  | { kind: 'retention'; days: number | undefined }
  | { kind: 'language'; language: Language | undefined }
  | { kind: 'unknown'; word: string };

const WORDS: Record<Exclude<Command['kind'], 'unknown'> | 'goNoGo' | 'untag', readonly string[]> = {
  help: ['help', 'hjælp', 'hjaelp', 'hulp', 'aide', '?'],
  start: ['start', 'begin', 'démarrer', 'demarrer', 'open'],
  incident: ['incident', 'hændelse', 'haendelse', 'inc', 'incidents'],
  role: ['role', 'rolle', 'rol', 'rôle'],
  decide: ['decide', 'decision', 'beslut', 'besluit', 'beslis', 'décider', 'decider', 'décision'],
  goNoGo: ['go-no-go', 'gonogo', 'go/no-go', 'go/nogo'],
  action: ['action', 'handling', 'actie', 'act'],
  actions: ['actions', 'handlinger', 'acties', 'todo'],
  note: ['note', 'notat', 'notitie', 'notities'],
  withdraw: ['withdraw', 'tilbagekald', 'intrekken', 'retirer', 'retract'],
  status: ['status', 'statut', 'état', 'etat', 'stand'],
  freeze: ['freeze', 'frys', 'bevries', 'geler'],
  unfreeze: ['unfreeze', 'frigiv', 'vrijgeven', 'dégeler', 'degeler'],
  import: ['import', 'importer', 'importeer', 'importeren'],
  tag: ['tag', 'mærk', 'maerk', 'label', 'labelen', 'étiqueter', 'etiqueter'],
  untag: ['untag', 'afmærk', 'afmaerk', 'ontlabel', 'ontlabelen', 'désétiqueter', 'desetiqueter'],
  report: ['report', 'rapport', 'evaluation', 'evaluering', 'evaluatie', 'évaluation'],
  handover: [
    'handover',
    'vagtskifte',
    'overdragelse',
    'overdracht',
    'relève',
    'releve',
    'passation',
  ],
  close: ['close', 'luk', 'afslut', 'sluiten', 'afsluiten', 'fermer', 'clôturer', 'cloturer'],
  retention: ['retention', 'opbevaring', 'bewaartermijn', 'bewaren', 'conservation', 'rétention'],
  language: ['language', 'sprog', 'taal', 'langue'],
};

/** The entities Teams escapes message text with. */
const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
};

/**
 * Turns the HTML of a Teams message into the command text: removes the mentions of the bot
 * (`<at>War Room</at>`), keeps other people's mentions as their plain names ("assign
 * <at>Anna Jensen</at>" reads "assign Anna Jensen"), drops other tags and decodes the
 * entities Teams escapes text with, so "Mail &amp; calendar" reads as typed.
 *
 * `botNames` are the bot's mention texts; without them, a mention at the very start of the
 * message is taken as the bot's (that is how a channel message addresses a bot).
 *
 * Linear in the length of the text (it runs on the event loop; the text is the sender's):
 * every step scans each character a bounded number of times.
 */
export function stripMentions(text: string, botNames?: readonly string[]): string {
  const isBot = botNames ? namedBot(botNames) : openingMention(text);
  // Each match scans from its `<at>` to the next `<` only: the scans do not overlap.
  const mentionsDone = text.replace(/<at>([^<]*)<\/at>/gi, (_, name: string, offset: number) =>
    isBot(name, offset) ? ' ' : ` ${name} `,
  );
  return (
    dropTags(mentionsDone)
      // After the tags, in one pass: a typed "&lt;b&gt;" is text, and "&amp;lt;" stays "&lt;".
      .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/gi, (entity) => decodeEntities(entity))
      .replace(/\s+/g, ' ')
      .trim()
  );
}

type IsBot = (name: string, offset: number) => boolean;

/** A mention of one of the bot's names (each normalised once, not once per mention). */
function namedBot(botNames: readonly string[]): IsBot {
  const names = new Set(botNames.map(normalName));
  return (name) => names.has(normalName(name));
}

/**
 * A mention before which the text holds only tags, `&nbsp;` and whitespace: it opens the
 * message. One scan from the start, advanced only as far as the mentions asked about (they
 * come in order) and stopped at the first other character; a tag is `<` up to the next `>`,
 * as `dropTags` reads it. A mention in the middle of a tag does not open the message.
 */
function openingMention(text: string): IsBot {
  const opener = /<[^>]+>|&nbsp;|\s/iy;
  let scanned = 0; // everything before this offset is openers
  let stopped = false;
  return (_name, offset) => {
    while (!stopped && scanned < offset) {
      opener.lastIndex = scanned;
      if (opener.test(text)) scanned = opener.lastIndex;
      else stopped = true;
    }
    return scanned === offset;
  };
}

/**
 * Every tag (`<` up to the next `>`) becomes a space. `/<[^>]+>/g` alone is quadratic: from
 * each `<` with no `>` after it, it scans to the end of the text. After the last `>` there
 * is no tag, so the regex runs only before it, where every scan stops at a `>`.
 */
function dropTags(text: string): string {
  const end = text.lastIndexOf('>') + 1;
  return text.slice(0, end).replace(/<[^>]+>/g, ' ') + text.slice(end);
}

/** A name as people read it: entities decoded, spaces collapsed, any case. */
function normalName(name: string): string {
  return decodeEntities(name).replace(/\s+/g, ' ').trim().toLowerCase();
}

function decodeEntities(text: string): string {
  return text.replace(
    /&(nbsp|amp|lt|gt|quot|apos|#39);/gi,
    (_, name: string) => ENTITIES[name.toLowerCase()] ?? '',
  );
}

/** `word` without trailing `:,.!` — a loop: `/[:,.!]+$/` is quadratic on a long run of them. */
function withoutTrailingPunctuation(word: string): string {
  let end = word.length;
  while (end > 0 && ':,.!'.includes(word[end - 1]!)) end--;
  return word.slice(0, end);
}

/** Parses what a person wrote to the bot (mentions already stripped). */
export function parseCommand(text: string): Command {
  const trimmed = text.trim();
  const m = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!m) return { kind: 'help' };
  const word = withoutTrailingPunctuation((m[1] ?? '').toLowerCase());
  const rest = (m[2] ?? '').trim();
  const kind = (Object.keys(WORDS) as (keyof typeof WORDS)[]).find((k) => WORDS[k].includes(word));
  switch (kind) {
    case 'help':
      return { kind: 'help' };
    case 'start':
      return { kind: 'start', title: rest };
    case 'incident': {
      const { severity, rest: title } = extractSeverity(rest);
      return { kind: 'incident', title, severity };
    }
    case 'decide':
      return { kind: 'decide', decisionKind: 'approval', text: rest };
    case 'action':
      return { kind: 'action', text: rest };
    case 'actions':
      return { kind: 'actions' };
    case 'note': {
      // "note INC-4 text": the reference is the first word; "note INC 4 text" too.
      const m2 = /^((?:inc[-\s]?)?#?\d{1,9})\b[\s:,.-]*([\s\S]*)$/i.exec(rest);
      const number = m2 ? parseIncidentRef(m2[1] ?? '') : undefined;
      return { kind: 'note', number, text: (m2 ? (m2[2] ?? '') : rest).trim() };
    }
    case 'status':
      return { kind: 'status' };
    case 'freeze':
      return { kind: 'freeze', text: rest };
    case 'unfreeze':
      return { kind: 'unfreeze', number: parseFreezeRef(rest.split(' ')[0] ?? '') };
    case 'withdraw':
      return { kind: 'withdraw', number: parseDecisionRef(rest) };
    case 'goNoGo':
      return { kind: 'decide', decisionKind: 'goNoGo', text: rest };
    case 'role': {
      // The role is the last word: "role Anna Jensen approver" (the name is the mention's).
      const last = rest.split(' ').at(-1) ?? '';
      return { kind: 'role', role: parseRole(last) };
    }
    case 'import':
      return { kind: 'import' };
    case 'tag':
    case 'untag':
      return { kind: 'tag', remove: kind === 'untag', text: rest };
    case 'report':
      return { kind: 'report' };
    case 'handover':
      return { kind: 'handover', hours: parseHours(rest) };
    case 'close':
      return { kind: 'close' };
    case 'retention':
      return { kind: 'retention', days: parseRetentionDays(rest) };
    case 'language':
      return { kind: 'language', language: parseLanguage(rest) };
    default:
      return { kind: 'unknown', word: m[1] ?? '' };
  }
}

/** `6h`, `6 h`, `6t` (timer), `6u` (uur), `6 hours`: whole hours; '' is undefined, else null. */
function parseHours(text: string): number | undefined | null {
  if (text === '') return undefined;
  const m = /^(\d{1,3})\s*(?:h|hr|hrs|hours?|t|timer|u|uur|heures?)?\.?$/i.exec(text);
  return m ? Number(m[1]) : null;
}

/** Every word the parser knows, by command: each must be taught by the help card (tests). */
export const COMMAND_VOCABULARY: Readonly<Record<string, readonly string[]>> = WORDS;
