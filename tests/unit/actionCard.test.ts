import { actionCard } from '../../bot/cards/actionCard';
import { actionFormCard, followUpActionForm } from '../../bot/cards/actionForm';
import { ACTION_INPUTS, CARD_ACTION_SCHEMAS, VERBS } from '../../shared/cards/actions';
import type { Action } from '../../shared/domain/action';
import { LANGUAGES, t } from '../../shared/i18n';
import { parseWhen } from '../../shared/time/parse';
import { cardProblems } from '../support/cards';

const ACTION_ID = '5b7e2c41-8a9d-4f3e-b6c2-1d0e9f8a7b6c';
const INCIDENT_ID = '3f0c9a52-5d8e-4b7a-9c61-2a4e8f1b7d30';
const JONAS = {
  id: '29:jonas',
  aadObjectId: 'dddddddd-0000-0000-0000-0000000d0005',
  name: 'Jonas [Ops](https://evil.example)',
};

function action(overrides: Partial<Action> = {}): Action {
  return {
    id: ACTION_ID,
    tenantId: 'tenant',
    warRoomId: 'room',
    number: 7,
    title: 'Recreate the five failed mailboxes',
    owner: JONAS,
    due: '2026-12-05T22:00:00.000Z',
    status: 'open',
    origin: { kind: 'meeting' },
    createdById: 'aad-lead',
    createdByName: 'Alice Lead',
    createdAt: '2026-12-05T20:00:00.000Z',
    updatedAt: '2026-12-05T20:00:00.000Z',
    doneAt: null,
    remindedAt: null,
    version: 3,
    followUpOf: null,
    ...overrides,
  };
}
const view = (a: Action, locale = 'en') =>
  actionCard({ action: a, timeZone: 'Europe/Copenhagen', locale });

/** Every object in a card, depth first (inputs sit inside ShowCards). */
function all(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(all);
  if (typeof node !== 'object' || node === null) return [];
  return [node as Record<string, unknown>, ...Object.values(node).flatMap(all)];
}
const ofType = (card: unknown, type: string) => all(card).filter((n) => n.type === type);
const utf16Bytes = (card: unknown) => JSON.stringify(card).length * 2;

describe('action card: reassign', () => {
  test('an open action offers Reassign: a people picker of the channel’s members, prefilled', () => {
    const card = view(action());
    expect(cardProblems(card)).toEqual([]);
    const [show] = ofType(card, 'Action.ShowCard');
    expect(show?.title).toBe('Reassign');
    const [picker] = ofType(show, 'Input.ChoiceSet');
    expect(picker).toMatchObject({
      id: ACTION_INPUTS.newOwner,
      isRequired: true,
      value: JONAS.aadObjectId,
      choices: [{ title: JONAS.name, value: JONAS.aadObjectId }],
      'choices.data': {
        type: 'Data.Query',
        dataset: 'graph.microsoft.com/users?scope=currentContext',
      },
    });
    const [submit] = ofType(show, 'Action.Execute');
    expect(submit).toMatchObject({
      verb: VERBS.actionReassign,
      data: { actionId: ACTION_ID, version: 3 },
    });
    // What Teams sends back (the data with the picked id merged in) passes the verb's schema.
    const merged = { ...(submit?.data as object), [ACTION_INPUTS.newOwner]: JONAS.aadObjectId };
    expect(CARD_ACTION_SCHEMAS[VERBS.actionReassign].safeParse(merged).success).toBe(true);
  });

  test('an owner known only by a mention is not prefilled (the picker needs an Entra id)', () => {
    const [picker] = ofType(view(action({ owner: { id: '29:x', name: 'X' } })), 'Input.ChoiceSet');
    expect(picker?.choices).toEqual([]);
    expect(picker).not.toHaveProperty('value');
  });

  test.each(['done', 'cancelled'] as const)('a %s action cannot be reassigned', (status) => {
    expect(ofType(view(action({ status })), 'Action.ShowCard')).toEqual([]);
  });

  test('a follow-up says what it follows up, in every language', () => {
    const followUp = action({ followUpOf: { kind: 'incident', id: INCIDENT_ID, ref: 'INC-4' } });
    expect(JSON.stringify(view(followUp))).toContain('Follow-up of INC-4');
    expect(JSON.stringify(view(followUp, 'fr'))).toContain('Suite de INC-4');
    expect(JSON.stringify(view(action()))).not.toContain('INC-4');
  });
});

describe('action form', () => {
  test.each(LANGUAGES)('the form in %s is valid, small, and submits action.create', (locale) => {
    const card = actionFormCard({ locale });
    expect(cardProblems(card)).toEqual([]);
    expect(utf16Bytes(card)).toBeLessThan(40_000);
    expect(ofType(card, 'Input.Text').map((i) => i.id)).toEqual([
      ACTION_INPUTS.title,
      ACTION_INPUTS.due,
    ]);
    expect(ofType(card, 'Input.ChoiceSet').map((i) => i.id)).toEqual([ACTION_INPUTS.owner]);
    expect(ofType(card, 'Action.Execute')).toEqual([
      expect.objectContaining({ verb: VERBS.actionCreate, data: {} }),
    ]);
  });

  test.each(LANGUAGES)('the due examples shown in %s are words the parser reads', (locale) => {
    const examples = t(locale, 'action.form.duePlaceholder')
      .replace(/^[^:]*?(?=\d)/, '') // "e.g. ", "p. ex. "
      .split(', ');
    expect(examples).toHaveLength(3);
    for (const words of examples) {
      const read = parseWhen(words, {
        now: new Date('2026-12-05T12:00:00Z'),
        timeZone: 'Europe/Copenhagen',
        locale,
      });
      expect([words, read.kind]).toEqual([words, 'ok']);
    }
  });

  test('followUpActionForm: a ShowCard of the same form that carries only the ids', () => {
    const followUpOf = { kind: 'incident', id: INCIDENT_ID, ref: 'INC-4' } as const;
    const show = followUpActionForm({ locale: 'en', followUpOf });
    expect(show).toMatchObject({ type: 'Action.ShowCard', title: 'Follow-up action…' });
    // Valid where the other cards will put it: among a card's actions.
    const host = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'INC-4' }],
      actions: [show],
    };
    expect(cardProblems(host)).toEqual([]);
    expect(JSON.stringify(show)).toContain('Follow-up action for INC-4');
    const [submit] = ofType(show, 'Action.Execute');
    expect(submit).toMatchObject({
      verb: VERBS.actionCreate,
      data: { followUp: { kind: 'incident', id: INCIDENT_ID } },
    });
    expect(JSON.stringify(submit?.data)).not.toContain('INC-4'); // the ref is the server's
    const merged = {
      ...(submit?.data as object),
      [ACTION_INPUTS.title]: 'Ask the vendor for a licence report',
      [ACTION_INPUTS.owner]: JONAS.aadObjectId,
      [ACTION_INPUTS.due]: '',
    };
    expect(CARD_ACTION_SCHEMAS[VERBS.actionCreate].safeParse(merged).success).toBe(true);
  });

  test('a picked id that is not an Entra object id is refused by the schemas', () => {
    expect(
      CARD_ACTION_SCHEMAS[VERBS.actionReassign].safeParse({
        actionId: ACTION_ID,
        version: 1,
        [ACTION_INPUTS.newOwner]: "29:x' OR 1=1",
      }).success,
    ).toBe(false);
    expect(
      CARD_ACTION_SCHEMAS[VERBS.actionCreate].safeParse({ [ACTION_INPUTS.owner]: 'Jonas' }).success,
    ).toBe(false);
  });
});

test('the card check forgives an empty ChoiceSet only when Teams fills it (people picker)', () => {
  const card = (choiceSet: Record<string, unknown>) => ({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'Input.ChoiceSet', id: 'x', choices: [], ...choiceSet }],
  });
  expect(cardProblems(card({}))).toEqual([
    'An Input.ChoiceSet must have at least one choice defined.',
  ]);
  const picker = { type: 'Data.Query', dataset: 'graph.microsoft.com/users?scope=currentContext' };
  expect(cardProblems(card({ 'choices.data': picker }))).toEqual([]);
});
