import { helpCard, type HelpScope } from '../../bot/cards/helpCard';
import { COMMAND_VOCABULARY, parseCommand } from '../../shared/commands/parse';
import { parseTag } from '../../shared/commands/tag';
import { t } from '../../shared/i18n';
import { cardProblems } from '../support/cards';
import { HELP_CARD_WORDS } from '../support/commandWords';

const LOCALES = ['en-GB', 'da-DK', 'nl-BE', 'fr-BE'] as const;
const SCOPES: HelpScope[] = ['channel', 'chat'];

/** The command words each language's card must teach (the manifest's titles, tag and import). */
/** The command words each language's card must teach (the manifest's titles and the typed ones). */
const WORDS: Record<(typeof LOCALES)[number], readonly string[]> = {
  'en-GB': HELP_CARD_WORDS.en,
  'da-DK': HELP_CARD_WORDS.da,
  'nl-BE': HELP_CARD_WORDS.nl,
  'fr-BE': HELP_CARD_WORDS.fr,
};
/** "This channel", in each language: wrong in a chat, which is no channel. */
const THIS_CHANNEL = /this channel|denne kanal|dit kanaal|ce canal/i;
/** Where war rooms live, in each language. */
const TEAM_CHANNEL: Record<(typeof LOCALES)[number], string> = {
  'en-GB': 'team channel',
  'da-DK': 'kanal i et team',
  'nl-BE': 'teamkanaal',
  'fr-BE': "canal d'équipe",
};
/** Teams' limit on a message is about 40 KB as the connector counts it: UTF-16 code units. */
const MAX_UTF16_BYTES = 40 * 1024;

interface Node {
  type?: string;
  text?: string;
  inlines?: { text: string }[];
  items?: Node[];
}
function nodesOf(node: unknown): Node[] {
  if (Array.isArray(node)) return node.flatMap(nodesOf);
  if (!node || typeof node !== 'object') return [];
  return [node as Node, ...Object.values(node).flatMap(nodesOf)];
}
/** The lines a reader sees: TextBlocks, and RichTextBlocks with their runs joined. */
const linesOf = (card: unknown) =>
  nodesOf(card).flatMap((n) =>
    n.type === 'TextBlock'
      ? [n.text ?? '']
      : n.type === 'RichTextBlock'
        ? [(n.inlines ?? []).map((r) => r.text).join('')]
        : [],
  );
/** Text Teams renders as Markdown (TextBlocks). */
const markdownOf = (card: unknown) =>
  nodesOf(card)
    .filter((n) => n.type === 'TextBlock')
    .map((n) => n.text ?? '');
/** One section per command: its usage (the first TextRun) and its example (the last). */
const sectionsOf = (card: Record<string, unknown>) =>
  (card.body as Node[])
    .filter((n) => n.type === 'Container')
    .map((c) => {
      const runs = nodesOf(c.items).filter((n) => n.type === 'TextRun');
      return { usage: runs[0]?.text ?? '', example: runs.at(-1)?.text ?? '', lines: linesOf(c) };
    });

describe.each(LOCALES)('the help card in %s', (locale) => {
  describe.each(SCOPES)('asked in a %s', (where) => {
    const card = helpCard({ where, locale });

    test('is a valid Adaptive Card 1.5 for the SDK', () => {
      expect(cardProblems(card)).toEqual([]);
      expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    });

    test('lists every command, in order, each with one example that the bot understands', () => {
      const sections = sectionsOf(card);
      const examples = sections.map((section) => section.example);
      expect(examples.map((e) => parseCommand(e).kind)).toEqual([
        'start',
        'incident',
        'note',
        'decide',
        'withdraw',
        'action',
        'actions',
        'status',
        'freeze',
        'unfreeze',
        'tag',
        'import',
        'report',
        'handover',
        'close',
        'retention',
        'language',
        'role',
        'help',
      ]);
      // In the reader's language: each usage and each example opens with its word.
      expect(sections.map((section) => section.usage.split(' ')[0])).toEqual(WORDS[locale]);
      expect(examples.map((e) => e.split(' ')[0])).toEqual(WORDS[locale]);
      // The example is introduced as one, and complete: a title, a severity, a role.
      expect(sections.map(({ lines }) => lines.at(-1))).toEqual(
        examples.map((e) => `${t(locale, 'help.example')} ${e}`),
      );
      expect(parseCommand(examples[0]!)).toMatchObject({ title: expect.stringMatching(/\S/) });
      expect(parseCommand(examples[1]!)).toMatchObject({ severity: 'sev2' });
      expect(parseCommand(examples[2]!)).toMatchObject({ kind: 'note', number: 4 });
      expect(parseCommand(examples[3]!)).toMatchObject({ kind: 'decide' });
      expect(parseCommand(examples[4]!)).toMatchObject({ kind: 'withdraw', number: 3 });
      expect(parseCommand(examples[5]!)).toMatchObject({ kind: 'action' });
      expect(parseCommand(examples[8]!)).toMatchObject({ kind: 'freeze' });
      expect(parseCommand(examples[9]!)).toMatchObject({ kind: 'unfreeze', number: 1 });
      expect(parseCommand(examples[10]!)).toMatchObject({ kind: 'tag', remove: false });
      expect(parseTag((parseCommand(examples[10]!) as { text: string }).text)).toEqual({
        tag: 'lab-results',
        identities: ['anna@contoso.com', 'bo@contoso.com'],
      });
      expect(parseCommand(examples[13]!)).toMatchObject({ kind: 'handover', hours: 6 });
      expect(parseCommand(examples[15]!)).toMatchObject({ kind: 'retention', days: 180 });
      expect(parseCommand(examples[16]!)).toMatchObject({
        kind: 'language',
        language: expect.stringMatching(/^(da|nl|fr|en)$/),
      });
      expect(parseCommand(examples[17]!)).toMatchObject({ role: 'approver' });
    });

    test('teaches every command the parser knows, in any of its words', () => {
      const taught = new Set(sectionsOf(card).map((section) => parseCommand(section.example).kind));
      const parsed = Object.values(COMMAND_VOCABULARY).flatMap((words) =>
        words.map((word) => [word, parseCommand(word).kind] as const),
      );
      expect(parsed.length).toBeGreaterThan(60);
      expect(parsed.filter(([, kind]) => !taught.has(kind))).toEqual([]);
    });

    test('commands and examples are TextRuns, never Markdown', () => {
      expect(markdownOf(card).join('\n')).not.toMatch(/[<[*_`]/);
      for (const word of WORDS[locale]) {
        expect(markdownOf(card).some((text) => text.startsWith(`${word} `))).toBe(false);
      }
    });

    test('stays under 40 KB as UTF-16', () => {
      expect(JSON.stringify(card).length * 2).toBeLessThanOrEqual(MAX_UTF16_BYTES);
    });
  });

  test('in a channel, it speaks of this channel', () => {
    expect(linesOf(helpCard({ where: 'channel', locale })).join('\n')).toMatch(THIS_CHANNEL);
  });

  test('in a chat, it never says "this channel" and says a war room starts in a team channel', () => {
    const text = linesOf(helpCard({ where: 'chat', locale })).join('\n');
    expect(text).not.toMatch(THIS_CHANNEL);
    expect(text).toContain(TEAM_CHANNEL[locale]);
  });
});

test('an unknown language gets the English card', () => {
  expect(helpCard({ where: 'chat', locale: 'de-DE' })).toEqual(
    helpCard({ where: 'chat', locale: 'en' }),
  );
});
