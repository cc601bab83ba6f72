import { freeTextPointers, nameMatcher, scrubJson } from '../../shared/domain/privacyText';

const P = { id: 'erased-1', name: '[erased 1]' };
const IDS = new Set(['aad-soeren', '29:soeren']);

describe('a person named in free text', () => {
  const names = nameMatcher(['Søren Ærø', 'soeren@hospital.example', 'Søren Ærø '])!;

  test.each([
    ['Call Søren Ærø now', 'Call [erased 1] now'],
    ['call SØREN ærø', 'call [erased 1]'], // any case, Danish letters included
    ['Søren\u00a0 Ærø: licences', '[erased 1]: licences'], // any run of spaces
    ['(Søren Ærø)', '([erased 1])'],
    ['mail soeren@hospital.example', 'mail [erased 1]'],
  ])('%j becomes %j', (text, erased) => {
    expect(names.test(text)).toBe(true);
    expect(names.replace(text, P.name)).toBe(erased);
  });

  test.each([
    'Søren Ærøskøbing ferry', // the name inside a longer word
    'Søren Ærøs laptop', // a Danish genitive is another word: a known limit (PRIVACY.md)
    'Søren alone', // a first name alone is not a stored name
    'xSøren Ærø',
  ])('%j is left alone', (text) => {
    expect(names.test(text)).toBe(false);
    expect(names.replace(text, P.name)).toBe(text);
  });

  test('names too short to be safe, and stand-ins, are no names', () => {
    expect(nameMatcher(['B', ' ', '[someone else]', '[erased 2]'])).toBeUndefined();
    expect(nameMatcher(['Bo'])!.test('ask Bo')).toBe(true);
  });

  test('free text is found by key wherever it is in an entry', () => {
    expect(
      freeTextPointers({
        after: { title: 'x', owner: { name: 'y' }, responses: [{ comment: 'z', verdict: 'go' }] },
        text: 1,
      }),
    ).toEqual(['/after/title', '/after/responses/0/comment']);
  });

  test('a message: their mention and refresh entry go, their name becomes the pseudonym, others stay', () => {
    const activity = {
      text: '<at>Søren Ærø</at> and <at>Søren Ærø</at> (the other one)',
      entities: [
        {
          type: 'mention',
          text: '<at>Søren Ærø</at>',
          mentioned: { id: '29:soeren', name: 'Søren Ærø' },
        },
        {
          type: 'mention',
          text: '<at>Søren Ærø</at>',
          mentioned: { id: '29:namesake', name: 'Søren Ærø' },
        },
      ],
      refresh: { userIds: ['29:soeren', '29:namesake'] },
      data: { verb: 'decision.answer', decisionId: 'd1' },
    };
    const { value, changed } = scrubJson(activity, IDS, P, names);
    expect(changed).toBe(true);
    expect(value).toEqual({
      // Text cannot tell the two apart: both mentions read as the pseudonym.
      text: '[erased 1] and [erased 1] (the other one)',
      entities: [
        // The namesake's entity is someone else's person field: kept as it was.
        {
          type: 'mention',
          text: '[erased 1]',
          mentioned: { id: '29:namesake', name: 'Søren Ærø' },
        },
      ],
      refresh: { userIds: ['29:namesake'] },
      data: { verb: 'decision.answer', decisionId: 'd1' },
    });
    expect(scrubJson({ data: { verb: 'x' } }, IDS, P, names).changed).toBe(false);
  });
});
