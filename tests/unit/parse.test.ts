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
    expect(parseCommand('Status batch 3')).toEqual({ kind: 'unknown', word: 'Status' });
    expect(parseCommand('hulp')).toEqual({ kind: 'unknown', word: 'hulp' });
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
