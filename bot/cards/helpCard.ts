import type { Command } from '../../shared/commands/parse';
import { t, type MessageKey } from '../../shared/i18n';

import { literal } from './literal';
import type { AdaptiveCardJson } from './types';

/** How people address the bot in a channel (the app's name in the manifest). */
export const BOT_MENTION = '@War Room';

/** Where help was asked: a team channel, or a chat (personal or group), which has no war room. */
export type HelpScope = 'channel' | 'chat';

export interface HelpCardView {
  where: HelpScope;
  locale: string;
}

type CommandKind = Exclude<Command['kind'], 'unknown'>;

/**
 * Every command, in the order the card lists them. A Record, so that a new command in
 * shared/commands/parse.ts does not compile until it has its line on the help card.
 */
const COMMANDS: Record<CommandKind, { usage: MessageKey; does: MessageKey; example: MessageKey }> =
  {
    start: { usage: 'help.start.usage', does: 'help.start.does', example: 'help.start.example' },
    incident: {
      usage: 'help.incident.usage',
      does: 'help.incident.does',
      example: 'help.incident.example',
    },
    note: { usage: 'help.note.usage', does: 'help.note.does', example: 'help.note.example' },
    decide: {
      usage: 'help.decide.usage',
      does: 'help.decide.does',
      example: 'help.decide.example',
    },
    withdraw: {
      usage: 'help.withdraw.usage',
      does: 'help.withdraw.does',
      example: 'help.withdraw.example',
    },
    action: {
      usage: 'help.action.usage',
      does: 'help.action.does',
      example: 'help.action.example',
    },
    actions: {
      usage: 'help.actions.usage',
      does: 'help.actions.does',
      example: 'help.actions.example',
    },
    status: {
      usage: 'help.status.usage',
      does: 'help.status.does',
      example: 'help.status.example',
    },
    freeze: {
      usage: 'help.freeze.usage',
      does: 'help.freeze.does',
      example: 'help.freeze.example',
    },
    unfreeze: {
      usage: 'help.unfreeze.usage',
      does: 'help.unfreeze.does',
      example: 'help.unfreeze.example',
    },
    tag: { usage: 'help.tag.usage', does: 'help.tag.does', example: 'help.tag.example' },
    import: {
      usage: 'help.import.usage',
      does: 'help.import.does',
      example: 'help.import.example',
    },
    report: {
      usage: 'help.report.usage',
      does: 'help.report.does',
      example: 'help.report.example',
    },
    handover: {
      usage: 'help.handover.usage',
      does: 'help.handover.does',
      example: 'help.handover.example',
    },
    // The lead's: end of life and the channel's language (decision 022).
    close: { usage: 'help.close.usage', does: 'help.close.does', example: 'help.close.example' },
    retention: {
      usage: 'help.retention.usage',
      does: 'help.retention.does',
      example: 'help.retention.example',
    },
    language: {
      usage: 'help.language.usage',
      does: 'help.language.does',
      example: 'help.language.example',
    },
    role: { usage: 'help.role.usage', does: 'help.role.does', example: 'help.role.example' },
    help: { usage: 'help.help.usage', does: 'help.help.does', example: 'help.help.example' },
  };

/**
 * The help card: what War Room does, then each command with what it does and one example,
 * in the reader's language. In a chat it says where war rooms live instead of "this channel".
 */
export function helpCard({ where, locale }: HelpCardView): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      heading(t(locale, 'help.title')),
      prose(t(locale, where === 'channel' ? 'help.intro.channel' : 'help.intro.chat')),
      ...Object.values(COMMANDS).map(({ usage, does, example }) => ({
        type: 'Container',
        separator: true,
        spacing: 'Medium',
        items: [
          // `<title>`, `@person`, `[sev1–sev4]`: TextRuns, which Teams shows as given.
          literal([{ text: t(locale, usage), weight: 'Bolder', fontType: 'Monospace' }]),
          { ...prose(t(locale, does)), spacing: 'None' },
          literal([
            { text: `${t(locale, 'help.example')} ` },
            { text: t(locale, example), fontType: 'Monospace' },
          ]),
        ],
      })),
    ],
  };
}

/** A card's title line. */
export const heading = (text: string) => ({
  type: 'TextBlock',
  text,
  weight: 'Bolder',
  size: 'Medium',
  wrap: true,
});

/** Our own sentences (never a person's text: TextBlocks render Markdown). */
export const prose = (text: string) => ({ type: 'TextBlock', text, wrap: true });
