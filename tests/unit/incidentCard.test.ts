import { incidentCard, type IncidentCardView } from '../../bot/cards/incidentCard';
import { CARD_ACTION_SCHEMAS, VERBS, isVerb } from '../../shared/cards/actions';
import {
  INCIDENT_STATUSES,
  SEVERITIES,
  type Incident,
  type IncidentStatus,
} from '../../shared/domain/incident';
import { cardProblems } from '../support/cards';

const INCIDENT_ID = '3f0c9a52-5d8e-4b7a-9c61-2a4e8f1b7d30';

function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: INCIDENT_ID,
    tenantId: '9b1e6c2a-0000-4000-8000-000000000001',
    warRoomId: '7d2f4e61-0000-4000-8000-000000000002',
    number: 4,
    title: 'Licences not assigned',
    severity: 'sev2',
    status: 'open',
    reporterId: 'c0ffee00-0000-4000-8000-000000000003',
    reporterName: 'Mette Sørensen',
    owner: null,
    createdAt: '2026-10-24T20:15:00Z',
    updatedAt: '2026-10-24T20:15:00Z',
    acknowledgedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    version: 3,
    cardActivityId: null,
    ...overrides,
  };
}

function card(overrides: Partial<Incident> = {}, view: Partial<IncidentCardView> = {}) {
  return incidentCard({
    incident: incident(overrides),
    timeZone: 'Europe/Copenhagen',
    locale: 'en-GB',
    ...view,
  });
}

interface Block {
  type: string;
  text?: string;
  color?: string;
  inlines?: { text: string; color?: string }[];
  facts?: { title: string; value: string }[];
}
interface Action {
  type: string;
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

/** Every object in a card, depth first, in the order a reader meets them. */
function nodesOf(node: unknown): Block[] {
  if (Array.isArray(node)) return node.flatMap(nodesOf);
  if (!node || typeof node !== 'object') return [];
  return [node as Block, ...Object.values(node).flatMap(nodesOf)];
}
const blocksOf = (c: ReturnType<typeof card>) => nodesOf(c.body);
/** The status buttons: the card's own Action.Execute buttons that move the lifecycle. */
const actionsOf = (c: ReturnType<typeof card>) =>
  (c.actions as Action[]).filter((a) => a.type === 'Action.Execute');
/** What the card shows before any form under it is opened (a ShowCard's card is hidden). */
function shownNodesOf(node: unknown): Block[] {
  if (Array.isArray(node)) return node.flatMap(shownNodesOf);
  if (!node || typeof node !== 'object') return [];
  const { card: _hidden, ...rest } = node as Record<string, unknown>;
  return [node as Block, ...Object.values(rest).flatMap(shownNodesOf)];
}
/** The text lines a reader sees, TextBlocks and RichTextBlocks (their runs joined). */
const textsOf = (c: ReturnType<typeof card>) =>
  shownNodesOf(c.body)
    .filter((b) => b.type === 'TextBlock' || b.type === 'RichTextBlock')
    .map((b) =>
      b.type === 'RichTextBlock' ? (b.inlines ?? []).map((run) => run.text).join('') : b.text,
    );
/** Text that Teams renders as Markdown: TextBlocks and facts. TextRuns are shown literally. */
const markdownTextsOf = (c: ReturnType<typeof card>) =>
  blocksOf(c).flatMap((b) =>
    b.type === 'TextBlock'
      ? [b.text ?? '']
      : b.type === 'FactSet'
        ? (b.facts ?? []).flatMap((f) => [f.title, f.value])
        : [],
  );
/** The texts of the TextRuns: what Teams shows exactly as given. */
const literalTextsOf = (c: ReturnType<typeof card>) =>
  blocksOf(c)
    .filter((b) => b.type === 'TextRun')
    .map((b) => b.text);
const factsOf = (c: ReturnType<typeof card>) =>
  Object.fromEntries(
    (blocksOf(c).find((b) => b.type === 'FactSet')?.facts ?? []).map((f) => [f.title, f.value]),
  );
/** The title line: the first RichTextBlock whose runs start with the incident reference. */
const titleLineOf = (c: ReturnType<typeof card>) =>
  blocksOf(c).find((b) => b.type === 'RichTextBlock' && b.inlines?.[0]?.text.startsWith('INC-'));

/** Every object in the card whose type is an action, wherever it sits. */
function allActions(node: unknown): { type: string }[] {
  if (Array.isArray(node)) return node.flatMap(allActions);
  if (!node || typeof node !== 'object') return [];
  const obj = node as Record<string, unknown>;
  const own =
    typeof obj.type === 'string' && obj.type.startsWith('Action.') ? [obj as { type: string }] : [];
  return [...own, ...Object.values(obj).flatMap(allActions)];
}

describe.each(INCIDENT_STATUSES)('the card of an incident that is %s', (status) => {
  const c = card({ status });

  test('parses with the Adaptive Cards SDK without problems', () => {
    expect(cardProblems(c)).toEqual([]);
  });

  test('is an Adaptive Card 1.5', () => {
    expect(c.type).toBe('AdaptiveCard');
    expect(c.version).toBe('1.5');
  });

  test('status buttons send the set-status verb; the owner and note forms send theirs', () => {
    for (const a of actionsOf(c)) expect(a.verb).toBe(VERBS.incidentSetStatus);
    expect((c.actions as Action[]).map((a) => a.type)).toEqual(
      actionsOf(c).map(() => 'Action.Execute'),
    );
    // Under the card, forms: the owner, a note, a follow-up action of this incident.
    const forms = allActions(c.body).filter((a) => a.type === 'Action.ShowCard') as Action[];
    expect(forms.map((f) => f.title)).toEqual(['Owner…', 'Note…', 'Follow-up action…']);
    const submits = (allActions(forms) as Action[]).filter((a) => a.type === 'Action.Execute');
    expect(submits.map((a) => a.verb)).toEqual([
      VERBS.incidentSetOwner,
      VERBS.incidentAddNote,
      VERBS.actionCreate,
    ]);
    expect(submits[0]!.data).toEqual({ incidentId: INCIDENT_ID });
    expect(submits[1]!.data).toEqual({ incidentId: INCIDENT_ID });
    expect(submits[2]!.data).toMatchObject({ followUp: { kind: 'incident', id: INCIDENT_ID } });
    // Without anyone to call (no known UPN), no Call/Meet links.
    expect(allActions(c).filter((a) => a.type === 'Action.OpenUrl')).toEqual([]);
  });

  test('each button sends exactly {incidentId, status, version}, valid for its verb', () => {
    for (const a of actionsOf(c)) {
      expect(Object.keys(a.data).sort()).toEqual(['incidentId', 'status', 'version']);
      expect(a.data).toMatchObject({ incidentId: INCIDENT_ID, version: 3 });
      expect(isVerb(a.verb)).toBe(true);
      expect(CARD_ACTION_SCHEMAS[VERBS.incidentSetStatus].safeParse(a.data).success).toBe(true);
    }
  });
});

describe('owner, notes and the people to call', () => {
  const note = (n: number) => ({
    id: `n${n}`,
    tenantId: 't',
    warRoomId: 'w',
    incidentId: INCIDENT_ID,
    authorId: 'a',
    authorName: `Author ${n}`,
    text: `Note number ${n}`,
    at: `2026-10-24T20:${String(10 + n).padStart(2, '0')}:00Z`,
  });

  test('the owner is named on the card, literally', () => {
    const c = card({ owner: { id: '29:anna', name: 'Anna **Berg**' } });
    expect(textsOf(c)).toContain('Owner Anna **Berg**');
    expect(literalTextsOf(c)).toContain('Anna **Berg**');
    expect(cardProblems(c)).toEqual([]);
  });

  test('the latest three notes are shown, newest last, with how many there are', () => {
    const c = card({}, { notes: [1, 2, 3, 4, 5].map(note) });
    const texts = textsOf(c);
    expect(texts).toContain('Notes (latest 3 of 5)');
    expect(texts.filter((x) => x?.includes('Note number'))).toEqual([
      expect.stringContaining('Author 3: Note number 3'),
      expect.stringContaining('Author 4: Note number 4'),
      expect.stringContaining('Author 5: Note number 5'),
    ]);
    expect(card({}, { notes: [note(1)] }).body).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'RichTextBlock' })]),
    );
    expect(textsOf(card({}, { notes: [note(1)] }))).toContain('Notes');
  });

  test('Call and Meet open Teams deep links with the people to call', () => {
    const c = card({}, { upns: ['anna@contoso.dk', 'ben@contoso.dk'] });
    const links = allActions(c.body).filter((a) => a.type === 'Action.OpenUrl') as (Action & {
      url: string;
    })[];
    expect(links.map((l) => l.title)).toEqual(['Call', 'Meet']);
    expect(links[0]!.url).toBe(
      'https://teams.microsoft.com/l/call/0/0?users=anna@contoso.dk,ben@contoso.dk',
    );
    const meet = new URL(links[1]!.url);
    expect(meet.origin + meet.pathname).toBe('https://teams.microsoft.com/l/meeting/new');
    expect(meet.searchParams.get('attendees')).toBe('anna@contoso.dk,ben@contoso.dk');
    expect(meet.searchParams.get('subject')).toBe('INC-4: Licences not assigned');
    expect(cardProblems(c)).toEqual([]);
  });
});

describe('buttons: one per allowed next status, labelled in the reader language', () => {
  const LABELS: [IncidentStatus, string, IncidentStatus[], string[]][] = [
    [
      'open',
      'en-GB',
      ['investigating', 'mitigated', 'resolved'],
      ['Start investigating', 'Mark mitigated', 'Resolve'],
    ],
    ['investigating', 'en-GB', ['mitigated', 'resolved'], ['Mark mitigated', 'Resolve']],
    ['mitigated', 'en-GB', ['investigating', 'resolved'], ['Reopen', 'Resolve']],
    ['resolved', 'en-GB', ['investigating'], ['Reopen']],
    [
      'open',
      'da-DK',
      ['investigating', 'mitigated', 'resolved'],
      ['Start undersøgelse', 'Marker som afbødet', 'Løs'],
    ],
    ['resolved', 'da-DK', ['investigating'], ['Genåbn']],
    [
      'open',
      'nl-BE',
      ['investigating', 'mitigated', 'resolved'],
      ['Onderzoek starten', 'Gemitigeerd', 'Oplossen'],
    ],
    ['resolved', 'nl-BE', ['investigating'], ['Heropenen']],
    [
      'open',
      'fr-BE',
      ['investigating', 'mitigated', 'resolved'],
      ["Commencer l'analyse", 'Marquer atténué', 'Résoudre'],
    ],
    ['mitigated', 'fr-BE', ['investigating', 'resolved'], ['Rouvrir', 'Résoudre']],
  ];

  test.each(LABELS)(
    '%s incident in %s: buttons to %j labelled %j',
    (status, locale, to, titles) => {
      const actions = actionsOf(card({ status }, { locale }));
      expect(actions.map((a) => a.data.status)).toEqual(to);
      expect(actions.map((a) => a.title)).toEqual(titles);
    },
  );
});

describe('facts shown in the reader language', () => {
  test.each([
    ['en-GB', { Severity: 'Sev 1 (critical)', Status: 'Investigating' }],
    ['da-DK', { Alvorlighed: 'Sev 1 (kritisk)', Status: 'Undersøges' }],
    ['nl-BE', { Ernst: 'Sev 1 (kritiek)', Status: 'In onderzoek' }],
    ['fr-BE', { Gravité: 'Sev 1 (critique)', Statut: 'En analyse' }],
  ])('in %s: %j', (locale, shown) => {
    expect(factsOf(card({ severity: 'sev1', status: 'investigating' }, { locale }))).toMatchObject(
      shown,
    );
  });

  test('the reporter is shown by name, on its own line', () => {
    expect(textsOf(card())).toContain('Reported by Mette Sørensen');
    expect(textsOf(card({}, { locale: 'da-DK' }))).toContain('Rapporteret af Mette Sørensen');
  });

  test('without a name, there is no "Reported by" line and the card stays valid', () => {
    const c = card({ reporterName: '' });
    expect(cardProblems(c)).toEqual([]);
    expect(textsOf(c)).toEqual(['INC-4 · Licences not assigned']);
  });

  test('a fresh incident shows when it was logged, in the war room zone, and no update time', () => {
    const facts = factsOf(card());
    expect(facts['Logged']).toContain('22:15');
    expect(facts['Logged']).toContain('CEST');
    expect(facts).not.toHaveProperty('Updated');
  });

  test('on the fall-back night, logged and updated at "02:30" are told apart by the zone', () => {
    const facts = factsOf(
      card({ createdAt: '2026-10-25T00:30:00Z', updatedAt: '2026-10-25T01:30:00Z' }),
    );
    expect(facts['Logged']).toMatch(/02:30.*CEST/);
    expect(facts['Updated']).toMatch(/02:30.*\bCET\b/);
  });

  test('the title line carries the incident reference', () => {
    expect(textsOf(card())).toContain('INC-4 · Licences not assigned');
  });
});

describe('the notice above the card', () => {
  test('is shown first when given', () => {
    const notice = 'Someone changed this incident a moment ago; this is how it stands now.';
    expect(textsOf(card({}, { notice }))[0]).toBe(notice);
    expect(cardProblems(card({}, { notice }))).toEqual([]);
  });

  test('is absent when not given', () => {
    expect(textsOf(card())).toEqual([
      'INC-4 · Licences not assigned',
      'Reported by Mette Sørensen',
    ]);
  });

  test('quoting a title, it shows the title literally, not as Markdown', () => {
    const notice = 'This channel already has a war room: "[Sign in](https://evil.example.com)".';
    const c = card({}, { notice });
    expect(cardProblems(c)).toEqual([]);
    expect(literalTextsOf(c)).toContain(notice);
    expect(markdownTextsOf(c).join('\n')).not.toContain('evil.example.com');
  });
});

describe('user text on the card', () => {
  test.each([
    '**Licences** not assigned',
    '[Reset your password](https://phish.example.com) now',
    '<b>Licences</b> not assigned',
    'Mail & calendar <down> "now"',
    '${incident.title} template',
  ])('the title %j is shown as typed, in the title line only', (title) => {
    const c = card({ title });
    expect(cardProblems(c)).toEqual([]);
    expect(textsOf(c).filter((line) => line?.includes(title))).toEqual([`INC-4 · ${title}`]);
    // Never where Markdown is rendered: a "**bold**" or "[link](…)" title stays literal text.
    expect(markdownTextsOf(c).join('\n')).not.toContain(title);
    expect(JSON.stringify(c.actions)).not.toContain(JSON.stringify(title).slice(1, -1));
  });

  // The security probe's display name: in a fact it became a link on the bot's own card.
  test.each([
    '[Approve here](https://evil.example.com) **Admin**',
    '<i>Jan</i> **Peeters**',
    '![pixel](https://evil.example.com/track.png)',
    '<https://evil.example.com>',
    '# Admin\n- approve',
    '_Mette_ `Sørensen`',
  ])('the reporter name %j is shown literally, never where Markdown is rendered', (name) => {
    const c = card({ reporterName: name });
    expect(cardProblems(c)).toEqual([]);
    expect(literalTextsOf(c)).toContain(name);
    expect(textsOf(c)).toContain(`Reported by ${name}`);
    const markdown = markdownTextsOf(c).join('\n');
    expect(markdown).not.toContain(name);
    expect(markdown).not.toMatch(/evil\.example|\*\*|\[|<|`/);
  });

  test('buttons never carry the title or the reporter, only ids', () => {
    const actions = JSON.stringify(card().actions);
    expect(actions).not.toContain('Licences not assigned');
    expect(actions).not.toContain('Mette');
  });
});

describe('readable in the light, dark and high-contrast Teams themes', () => {
  // 'Warning' is drawn yellow on white by some clients (~1.5:1); 'Light'/'Dark' vanish on
  // one of the backgrounds; subtle text is faded. Teams draws these two readably everywhere.
  const READABLE = ['Default', 'Attention'];

  test.each(SEVERITIES)('a %s card with a notice uses only readable colours', (severity) => {
    const c = card({ severity }, { notice: 'Someone changed this incident a moment ago.' });
    expect(cardProblems(c)).toEqual([]);
    const colours = nodesOf(c).flatMap((n) => (n.color === undefined ? [] : [n.color]));
    expect(colours.length).toBeGreaterThan(0);
    for (const colour of colours) expect(READABLE).toContain(colour);
    expect(JSON.stringify(c)).not.toMatch(/"isSubtle":true|"style":"warning"/i);
  });

  test.each([
    ['sev1', 'Attention', 'Sev 1 (critical)'],
    ['sev2', 'Default', 'Sev 2 (major)'],
    ['sev3', 'Default', 'Sev 3 (minor)'],
    ['sev4', 'Default', 'Sev 4 (low)'],
  ] as const)(
    '%s: a bold title line in %s, and the severity in words',
    (severity, colour, label) => {
      const c = card({ severity });
      for (const run of titleLineOf(c)?.inlines ?? []) {
        expect(run).toMatchObject({ color: colour, weight: 'Bolder' });
      }
      expect(factsOf(c)).toMatchObject({ Severity: label });
    },
  );

  test('the notice stands apart on an emphasis background, in the default text colour', () => {
    const c = card({}, { notice: 'Someone changed this incident a moment ago.' });
    const first = c.body as { type: string; style?: string }[];
    expect(first[0]).toMatchObject({ type: 'Container', style: 'emphasis' });
  });
});

describe('card size', () => {
  test.each([
    ['a 200-character title', 'x'.repeat(200)],
    ['a 200-character title of multi-byte letters', 'æøå🚑'.repeat(40)],
  ])('with %s, the card stays well under the 80 KB Teams budget', (_label, title) => {
    const c = card({ title }, { notice: 'n'.repeat(200), locale: 'fr-BE' });
    expect(cardProblems(c)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(c), 'utf8')).toBeLessThan(8 * 1024);
  });
});
