import fc from 'fast-check';
import { parseCommand, stripMentions, type Command } from '../../shared/commands/parse';

/** What the bot understands from a channel message exactly as Teams delivers it. */
const understand = (teamsText: string): Command => parseCommand(stripMentions(teamsText));

describe('stripMentions: the text the person typed, without what Teams wraps around it', () => {
  test.each([
    [
      '<at>War Room</at> incident Licences not assigned sev2',
      'incident Licences not assigned sev2',
    ],
    ['<at>War Room</at>&nbsp;help', 'help'],
    ['<p><at>War Room</at> start Mailbox cutover</p>', 'start Mailbox cutover'],
    ['<div><div><at>War Room</at>&nbsp;incident mail&nbsp;down</div></div>', 'incident mail down'],
    ['<at>War&nbsp;Room</at> help', 'help'],
    ['<AT>War Room</AT> help', 'help'],
    ['start <at>Anna Jensen</at> takes the lead', 'start Anna Jensen takes the lead'],
    [
      '<at>War Room</at> incident <at>Anna Jensen</at> locked out sev1',
      'incident Anna Jensen locked out sev1',
    ],
    ['incident line one<br>line two', 'incident line one line two'],
    ['  incident \n\t mail down  ', 'incident mail down'],
    ['<at>War Room</at>', ''],
  ])('%j reads as %j', (teamsText, typed) => {
    expect(stripMentions(teamsText)).toBe(typed);
  });

  test.each([
    // Teams tells which mention is the bot's: only that one goes, wherever it stands.
    ['incident <at>War Room</at> mail down', ['War Room'], 'incident mail down'],
    ['<at>Anna Jensen</at> says <at>War Room</at> help', ['War Room'], 'Anna Jensen says help'],
    ['<at>Anna Jensen</at> help', [], 'Anna Jensen help'],
    ['<at>War&nbsp;Room</at> help', ['War Room'], 'help'],
    ['<at>R&amp;D Bot</at>  help', ['R&D bot'], 'help'],
  ])('with the bot named, %j reads as %j', (teamsText, botNames, typed) => {
    expect(stripMentions(teamsText, botNames)).toBe(typed);
  });

  test.each([
    ['incident Mail &amp; calendar down', 'incident Mail & calendar down'],
    ['incident &quot;Sent items&quot; missing', 'incident "Sent items" missing'],
    ['incident Ward&#39;s mailbox', "incident Ward's mailbox"],
    ['incident sync &lt; 50%', 'incident sync < 50%'],
    ['incident &lt;b&gt;bold&lt;/b&gt; typed literally', 'incident <b>bold</b> typed literally'],
    ['incident the text &amp;lt; as typed', 'incident the text &lt; as typed'],
  ])('decodes the entities Teams escapes: %j reads as %j', (teamsText, typed) => {
    expect(stripMentions(teamsText)).toBe(typed);
  });
});

describe('parseCommand in every shipped language', () => {
  test.each([
    ['help', { kind: 'help' }],
    ['Help', { kind: 'help' }],
    ['hjælp', { kind: 'help' }],
    ['Hjælp', { kind: 'help' }],
    ['hjaelp', { kind: 'help' }],
    ['aide', { kind: 'help' }],
    ['AIDE', { kind: 'help' }],
    ['?', { kind: 'help' }],
    ['help me please', { kind: 'help' }],
    ['start Mailbox cutover weekend', { kind: 'start', title: 'Mailbox cutover weekend' }],
    ['Start Postkasseflytning weekend', { kind: 'start', title: 'Postkasseflytning weekend' }],
    ['démarrer Migration des boîtes', { kind: 'start', title: 'Migration des boîtes' }],
    ['Démarrer Migration des boîtes', { kind: 'start', title: 'Migration des boîtes' }],
    ['demarrer Migration', { kind: 'start', title: 'Migration' }],
    ['start', { kind: 'start', title: '' }],
    [
      'incident Licences not assigned sev2',
      { kind: 'incident', title: 'Licences not assigned', severity: 'sev2' },
    ],
    [
      'Incident: Licenties niet toegewezen sev2',
      { kind: 'incident', title: 'Licenties niet toegewezen', severity: 'sev2' },
    ],
    [
      'hændelse Licenser ikke tildelt sev1',
      { kind: 'incident', title: 'Licenser ikke tildelt', severity: 'sev1' },
    ],
    [
      'Hændelse: Licenser ikke tildelt',
      { kind: 'incident', title: 'Licenser ikke tildelt', severity: undefined },
    ],
    [
      'incident Licences non attribuées (sev3)',
      { kind: 'incident', title: 'Licences non attribuées', severity: 'sev3' },
    ],
    ['inc P1 mail flow down', { kind: 'incident', title: 'mail flow down', severity: 'sev1' }],
    ['incident', { kind: 'incident', title: '', severity: undefined }],
  ] as const)('%j → %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  test.each(['', '   ', '\n'])('an empty message (%j) gets the help text', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'help' });
  });

  test('an unknown first word is reported back as the person typed it', () => {
    expect(parseCommand('Rollback batch 3')).toEqual({ kind: 'unknown', word: 'Rollback' });
    expect(parseCommand('Hjälp')).toEqual({ kind: 'unknown', word: 'Hjälp' });
  });

  test('Dutch "hulp" is help, as English "help" is in every language', () => {
    expect(parseCommand('hulp')).toEqual({ kind: 'help' });
    expect(parseCommand('help')).toEqual({ kind: 'help' });
  });

  test("the lead's end-of-life commands, in every language", () => {
    for (const word of ['close', 'luk', 'sluiten', 'fermer', 'clôturer']) {
      expect(parseCommand(word)).toEqual({ kind: 'close' });
    }
    expect(parseCommand('retention 30')).toEqual({ kind: 'retention', days: 30 });
    expect(parseCommand('opbevaring 180 dage')).toEqual({ kind: 'retention', days: 180 });
    expect(parseCommand('bewaartermijn 7')).toEqual({ kind: 'retention', days: 7 });
    expect(parseCommand('conservation 3 jours')).toEqual({ kind: 'retention', days: undefined });
    expect(parseCommand('retention 3651')).toEqual({ kind: 'retention', days: undefined });
    expect(parseCommand('language da')).toEqual({ kind: 'language', language: 'da' });
    expect(parseCommand('sprog engelsk')).toEqual({ kind: 'language', language: 'en' });
    expect(parseCommand('taal nl')).toEqual({ kind: 'language', language: 'nl' });
    expect(parseCommand('langue français')).toEqual({ kind: 'language', language: 'fr' });
    expect(parseCommand('language de')).toEqual({ kind: 'language', language: undefined });
  });

  test('a command word must stand alone: "incidentally" is not "incident"', () => {
    expect(parseCommand('incidentally mail is slow')).toEqual({
      kind: 'unknown',
      word: 'incidentally',
    });
  });
});

describe('a channel message as Teams delivers it', () => {
  test.each([
    [
      '<at>War Room</at> incident Licences not assigned sev2',
      { kind: 'incident', title: 'Licences not assigned', severity: 'sev2' },
    ],
    [
      '<p><at>War Room</at>&nbsp;Hændelse: Postkasser mangler sev 1</p>',
      { kind: 'incident', title: 'Postkasser mangler', severity: 'sev1' },
    ],
    [
      '<p><at>War Room</at> incident Mail &amp; calendar down P2</p>',
      { kind: 'incident', title: 'Mail & calendar down', severity: 'sev2' },
    ],
    [
      '<at>War Room</at> démarrer Bascule du week-end',
      { kind: 'start', title: 'Bascule du week-end' },
    ],
    ['<at>War Room</at>&nbsp;aide', { kind: 'help' }],
    ['<at>War Room</at>', { kind: 'help' }],
  ] as const)('%j → %j', (teamsText, command) => {
    expect(understand(teamsText)).toEqual(command);
  });
});

/**
 * stripMentions as it was before it was made linear (regexes that rescan the text): the
 * behaviour to keep, so the two are compared on generated messages.
 */
function quadraticStripMentions(text: string, botNames?: readonly string[]): string {
  const decode = (s: string) =>
    s.replace(
      /&(nbsp|amp|lt|gt|quot|apos|#39);/gi,
      (_, n: string) =>
        ({ nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" })[
          n.toLowerCase()
        ] ?? '',
    );
  const norm = (n: string) => decode(n).replace(/\s+/g, ' ').trim().toLowerCase();
  const leading = (offset: number) =>
    text.slice(0, offset).replace(/<[^>]+>|&nbsp;|\s/gi, '') === '';
  const isBot = (name: string, offset: number) =>
    botNames ? botNames.some((b) => norm(b) === norm(name)) : leading(offset);
  return text
    .replace(/<at>([^<]*)<\/at>/gi, (_, name: string, offset: number) =>
      isBot(name, offset) ? ' ' : ` ${name} `,
    )
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/gi, (entity) => decode(entity))
    .replace(/\s+/g, ' ')
    .trim();
}

describe('stripMentions reads every message as the regex version did', () => {
  // Pieces that meet in the tricky ways: tags inside tags, unclosed ones, entities, mentions.
  const piece = fc.constantFrom(
    '<',
    '>',
    '<>',
    '<at>',
    '</at>',
    '<AT>',
    '<at>War Room</at>',
    '<at>Anna</at>',
    '<p ',
    '<p>',
    '</p>',
    '<br>',
    '&nbsp;',
    '&NBSP;',
    '&amp;',
    '&lt;',
    '&',
    ';',
    ' ',
    '\n',
    '\u00a0',
    'War Room',
    'war&nbsp;room',
    'Anna',
    'help',
    'x',
  );
  const message = fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join(''));
  const names = fc.option(
    fc.array(fc.constantFrom('War Room', 'Anna', 'r&amp;d', ''), { maxLength: 3 }),
    {
      nil: undefined,
    },
  );

  test('on generated Teams-like HTML, with and without the bot named', () => {
    fc.assert(
      fc.property(message, names, (text, botNames) => {
        expect(stripMentions(text, botNames)).toBe(quadraticStripMentions(text, botNames));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('messages built to be slow read correctly (timings: tests/bench/parse.bench.ts)', () => {
  const N = 28_000; // the longest text the endpoint accepts
  const words = (word: string, n: number) => Array.from({ length: n }, () => word).join(' ');

  test.each([
    ['28,000 "<"', '<'.repeat(N), '<'.repeat(N)],
    ['"<a" repeated', '<a'.repeat(N / 2), '<a'.repeat(N / 2)],
    [
      'a "<" and no ">" after it',
      `<at>War Room</at> help <${'x'.repeat(N)}`,
      `help <${'x'.repeat(N)}`,
    ],
    ['28,000 "<at>"', '<at>'.repeat(N), ''],
    ['"<at>" never closed, then a command', `${'<at>'.repeat(N / 4)}help`, 'help'],
    ['"<at>Anna " never closed', '<at>Anna '.repeat(N / 9), words('Anna', N / 9)],
    ['"</at>" without an opening', '</at>'.repeat(N / 5), ''],
    ['"&" repeated', '&'.repeat(N), '&'.repeat(N)],
    ['"&amp;" repeated', '&amp;'.repeat(N / 5), '&'.repeat(N / 5)],
    ['"&nbsp;" repeated, then a command', `${'&nbsp;'.repeat(N / 6)}help`, 'help'],
    [
      'many mentions after the bot',
      `<at>War Room</at>${' <at>Anna</at>'.repeat(2000)}`,
      words('Anna', 2000),
    ],
    [
      'the bot mentioned again and again',
      '<at>War Room</at>'.repeat(1600),
      words('War Room', 1599),
    ],
  ])('%s', (_label, teamsText, typed) => {
    expect(stripMentions(teamsText)).toBe(typed);
  });

  test('the bot mentioned again and again, with its name known, is all removed', () => {
    expect(stripMentions('<at>War Room</at>'.repeat(1600), ['War Room'])).toBe('');
  });

  test('many mentions and many bot names', () => {
    const names = Array.from({ length: 256 }, (_, i) => `Bot ${i}`);
    const text = Array.from({ length: 2000 }, (_, i) => `<at>Bot ${i % 512}</at>`).join(' ');
    const kept = Array.from({ length: 2000 }, (_, i) => i % 512)
      .filter((i) => i >= 256)
      .map((i) => `Bot ${i}`)
      .join(' ');
    expect(stripMentions(text, names)).toBe(kept);
  });

  test.each([
    [
      'a command word ending in a long run of ":"',
      `incident${':'.repeat(N)}`,
      { kind: 'incident', title: '', severity: undefined },
    ],
    [
      'the same run with a letter after it',
      `incident${':'.repeat(N)}x`,
      { kind: 'unknown', word: `incident${':'.repeat(N)}x` },
    ],
    [
      'a severity before a long run of ","',
      `incident x sev1 ${','.repeat(N)}y`,
      { kind: 'incident', title: `x ${','.repeat(N)}y`, severity: 'sev1' },
    ],
    [
      'a severity and a long run of "-" to the end',
      `incident x sev2 ${'-'.repeat(N)}`,
      { kind: 'incident', title: 'x', severity: 'sev2' },
    ],
  ] as const)('parseCommand: %s', (_label, text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });
});

describe('report and handover', () => {
  test.each([
    ['report', { kind: 'report' }],
    ['rapport', { kind: 'report' }],
    ['évaluation', { kind: 'report' }],
    ['handover', { kind: 'handover', hours: undefined }],
    ['handover 6h', { kind: 'handover', hours: 6 }],
    ['handover 6 hours', { kind: 'handover', hours: 6 }],
    ['vagtskifte 8t', { kind: 'handover', hours: 8 }],
    ['overdracht 4 uur', { kind: 'handover', hours: 4 }],
    ['relève 12h', { kind: 'handover', hours: 12 }],
    ['handover soon', { kind: 'handover', hours: null }],
    ['handover -6h', { kind: 'handover', hours: null }],
  ] as const)('parseCommand(%j)', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });
});
