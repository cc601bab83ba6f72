import fc from 'fast-check';
import { mention } from '../../bot/cards/mention';
import { peopleMentioned } from '../../bot/teams/activity';
import type { Activity } from 'botbuilder';
import type { Person } from '../../shared/domain/person';

const BOT = { id: '28:bot', name: 'War Room' };
const botMention = mention({ id: BOT.id, name: BOT.name });

/** A Teams message addressed to the bot that mentions `people` after `words`. */
function message(words: string, people: Person[]): Activity {
  const mentions = people.map(mention);
  return {
    type: 'message',
    recipient: BOT,
    text: `${botMention.text} ${words} ${mentions.map((m) => m.text).join(' ')}`,
    entities: [botMention.entity, ...mentions.map((m) => m.entity)],
  } as unknown as Activity;
}

describe('mentions keep identity', () => {
  test('people are taken from the entities, in text order, without the bot', () => {
    const anna = { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna Jensen' };
    const ben = { id: '29:ben', name: 'Ben Olsen' };
    const activity = message('decide Buy licences?', [ben, anna]);
    // Teams puts the object id on the entity when it has one.
    (
      activity.entities![2] as unknown as { mentioned: Record<string, string> }
    ).mentioned.aadObjectId = 'aad-anna';
    expect(peopleMentioned(activity)).toEqual([ben, anna]);
  });

  test('two people with the same name stay two identities', () => {
    const one = { id: '29:one', name: 'Anna Jensen' };
    const two = { id: '29:two', name: 'Anna Jensen' };
    expect(peopleMentioned(message('x', [one, two])).map((p) => p.id)).toEqual([
      '29:one',
      '29:two',
    ]);
  });

  test('a typed <at> without an entity is not a person', () => {
    const activity = {
      ...message('x', []),
      text: `${botMention.text} assign <at>Nobody</at>`,
    } as Activity;
    expect(peopleMentioned(activity)).toEqual([]);
  });

  test('names with HTML-special characters round-trip through a mention', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }).filter((n) => n.trim() === n && /\S/.test(n)),
        (raw) => {
          const name = raw.replace(/\s+/g, ' ').replace(/\p{Cc}/gu, 'x');
          const person = { id: '29:p', name };
          const [back] = peopleMentioned(message('owner', [person]));
          expect(back).toEqual(person);
        },
      ),
      { numRuns: 300 },
    );
    const tricky = { id: '29:t', name: 'Ben & Jerry <IT> "ops"' };
    expect(peopleMentioned(message('owner', [tricky]))).toEqual([tricky]);
  });
});
