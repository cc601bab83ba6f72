import { welcomeCard, type WelcomeScope } from '../../bot/cards/welcomeCard';
import { parseCommand, stripMentions } from '../../shared/commands/parse';
import { cardProblems } from '../support/cards';

const LOCALES = ['en-GB', 'da-DK', 'nl-BE', 'fr-BE'] as const;
const SCOPES: WelcomeScope[] = ['team', 'personal'];
const THIS_CHANNEL = /this channel|denne kanal|dit kanaal|ce canal/i;
const TEAM_CHANNEL: Record<(typeof LOCALES)[number], string> = {
  'en-GB': 'team channel',
  'da-DK': 'kanal i et team',
  'nl-BE': 'teamkanaal',
  'fr-BE': "canal d'équipe",
};
const HELP: Record<(typeof LOCALES)[number], string> = {
  'en-GB': 'help',
  'da-DK': 'hjælp',
  'nl-BE': 'help',
  'fr-BE': 'aide',
};
const MAX_UTF16_BYTES = 40 * 1024;

interface Node {
  type?: string;
  text?: string;
  inlines?: { text: string }[];
}
const linesOf = (card: Record<string, unknown>) =>
  (card.body as Node[]).map((n) =>
    n.type === 'RichTextBlock' ? (n.inlines ?? []).map((r) => r.text).join('') : (n.text ?? ''),
  );

describe.each(LOCALES)('the welcome card in %s', (locale) => {
  describe.each(SCOPES)('for a %s', (where) => {
    const card = welcomeCard({ where, locale });
    const lines = linesOf(card);

    test('is a valid Adaptive Card 1.5, under 40 KB as UTF-16', () => {
      expect(cardProblems(card)).toEqual([]);
      expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
      expect(JSON.stringify(card).length * 2).toBeLessThanOrEqual(MAX_UTF16_BYTES);
    });

    test('is short: a title, what War Room does, how to start, where to read more', () => {
      expect(lines).toHaveLength(4);
      // The command to type, as Teams would deliver it once the mention is made.
      const command = lines[2]!;
      expect(command.startsWith('@War Room ')).toBe(true);
      const asTyped = stripMentions(command.replace('@War Room', '<at>War Room</at>'));
      expect(parseCommand(asTyped)).toMatchObject({ kind: 'start', title: expect.any(String) });
      expect(lines[3]).toContain(HELP[locale]);
    });
  });

  test('in a personal chat, it never says "this channel" and sends people to a team channel', () => {
    const text = linesOf(welcomeCard({ where: 'personal', locale })).join('\n');
    expect(text).not.toMatch(THIS_CHANNEL);
    expect(text).toContain(TEAM_CHANNEL[locale]);
  });
});
