import { extractSeverity, type Severity } from '../domain/incident';

/**
 * Channel commands, understood in every shipped language: Teams sends the localised
 * command title the user clicked, and people type in their own language.
 */
export type Command =
  | { kind: 'help' }
  | { kind: 'start'; title: string }
  | { kind: 'incident'; title: string; severity: Severity | undefined }
  | { kind: 'unknown'; word: string };

const WORDS: Record<Exclude<Command['kind'], 'unknown'>, readonly string[]> = {
  help: ['help', 'hjælp', 'hjaelp', 'aide', '?'],
  start: ['start', 'begin', 'démarrer', 'demarrer', 'open'],
  incident: ['incident', 'hændelse', 'haendelse', 'inc', 'incidents'],
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
 */
export function stripMentions(text: string, botNames?: readonly string[]): string {
  const leading = (offset: number) =>
    text.slice(0, offset).replace(/<[^>]+>|&nbsp;|\s/gi, '') === '';
  const isBot = (name: string, offset: number) =>
    botNames ? botNames.some((b) => sameName(b, name)) : leading(offset);
  return (
    text
      .replace(/<at>([^<]*)<\/at>/gi, (_, name: string, offset: number) =>
        isBot(name, offset) ? ' ' : ` ${name} `,
      )
      .replace(/<[^>]+>/g, ' ')
      // After the tags, in one pass: a typed "&lt;b&gt;" is text, and "&amp;lt;" stays "&lt;".
      .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/gi, (entity) => decodeEntities(entity))
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Names compared as people read them: entities decoded, spaces collapsed, any case. */
function sameName(a: string, b: string): boolean {
  const norm = (n: string) => decodeEntities(n).replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}

function decodeEntities(text: string): string {
  return text.replace(
    /&(nbsp|amp|lt|gt|quot|apos|#39);/gi,
    (_, name: string) => ENTITIES[name.toLowerCase()] ?? '',
  );
}

/** Parses what a person wrote to the bot (mentions already stripped). */
export function parseCommand(text: string): Command {
  const trimmed = text.trim();
  const m = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!m) return { kind: 'help' };
  const word = (m[1] ?? '').toLowerCase().replace(/[:,.!]+$/, '');
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
    default:
      return { kind: 'unknown', word: m[1] ?? '' };
  }
}
