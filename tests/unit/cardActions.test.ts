import { CARD_ACTION_SCHEMAS, VERBS } from '../../shared/cards/actions';
import { CARD_ACTIONS } from '../../bot/teams/cardActions';

/** The registry of card verbs: every shared verb has exactly one handler, with its schema. */
describe('card action registry', () => {
  test.each(Object.values(VERBS))('%s is registered with its shared schema', (verb) => {
    const action = CARD_ACTIONS.get(verb);
    expect(action?.verb).toBe(verb);
    expect(action?.schema).toBe(CARD_ACTION_SCHEMAS[verb]);
  });

  test('no handler answers a verb that cards cannot send', () => {
    expect([...CARD_ACTIONS.keys()].sort()).toEqual(Object.values(VERBS).sort());
  });
});
