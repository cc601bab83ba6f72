import { da } from '../../shared/i18n/da';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { languageOf, messageFor, t } from '../../shared/i18n';
import { nl } from '../../shared/i18n/nl';

const TRANSLATIONS: [string, Record<string, string>][] = [
  ['da', da],
  ['nl', nl],
  ['fr', fr],
];

/** Each key's `{placeholders}`, sorted: a translation may reorder them, not drop or rename them. */
const placeholdersByKey = (catalog: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(catalog).map(([key, text]) => [
      key,
      [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort(),
    ]),
  );

describe.each(TRANSLATIONS)('the %s catalog', (_lang, catalog) => {
  test('has exactly the keys of English, no more, no fewer', () => {
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
  });

  test('has the same {placeholders} as English in every message', () => {
    expect(placeholdersByKey(catalog)).toEqual(placeholdersByKey(en));
  });

  test('has no empty messages', () => {
    expect(Object.entries(catalog).filter(([, text]) => text.trim() === '')).toEqual([]);
  });
});

describe('languageOf: the Teams locale decides the language', () => {
  test.each([
    ['da-DK', 'da'],
    ['da', 'da'],
    ['nl-BE', 'nl'],
    ['nl-NL', 'nl'],
    ['fr-BE', 'fr'],
    ['fr-FR', 'fr'],
    ['FR', 'fr'],
    ['en-GB', 'en'],
    ['en-US', 'en'],
    ['de-DE', 'en'],
    ['sv-SE', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    [null, 'en'],
  ])('%j → %s', (locale, language) => {
    expect(languageOf(locale)).toBe(language);
  });
});

describe('t: a sentence in the reader language', () => {
  test('fills every placeholder with its parameter', () => {
    expect(t('en-GB', 'incident.logged', { ref: 'INC-4', title: 'Licences not assigned' })).toBe(
      'INC-4 logged: Licences not assigned',
    );
    expect(t('da-DK', 'incident.logged', { ref: 'INC-4', title: 'Licenser' })).toBe(
      'INC-4 registreret: Licenser',
    );
  });

  test('shows numbers as numbers', () => {
    expect(t('fr-BE', 'incident.titleTooLong', { max: 200 })).toBe(
      'Ce titre est trop long : moins de 200 caractères, svp.',
    );
  });

  test('leaves a placeholder without a parameter visible rather than blank', () => {
    expect(t('en', 'incident.logged', { ref: 'INC-4' })).toBe('INC-4 logged: {title}');
  });

  test('does not expand placeholders inside a parameter (user text stays as typed)', () => {
    expect(t('en', 'incident.logged', { ref: 'INC-4', title: 'Template {ref} broken' })).toBe(
      'INC-4 logged: Template {ref} broken',
    );
  });

  test('falls back to English for a language we do not ship', () => {
    expect(t('de-DE', 'status.resolved')).toBe('Resolved');
  });

  test.each([
    ['en', 'Resolved'],
    ['da-DK', 'Løst'],
    ['nl-BE', 'Opgelost'],
    ['fr-BE', 'Résolu'],
  ])('in %s a resolved incident reads %j', (locale, text) => {
    expect(t(locale, 'status.resolved')).toBe(text);
  });
});

describe('messageFor: what a user reads when something is refused', () => {
  test('a known message key becomes the sentence in their language', () => {
    expect(messageFor('nl-BE', { messageKey: 'warroom.titleTooLong', params: { max: 200 } })).toBe(
      'Die titel is te lang: houd hem onder 200 tekens.',
    );
  });

  test.each(['no.such.key', 'toString', '__proto__', ''])(
    'an unknown key %j gives the generic apology, never the key itself',
    (messageKey) => {
      expect(messageFor('da-DK', { messageKey, params: {} })).toBe(da['error.internal']);
      expect(messageFor('en', { messageKey, params: {} })).toBe(en['error.internal']);
    },
  );
});

describe('messageFor', () => {
  test('a `<x>Key` parameter fills {x} in the reader’s words; other parameters stay as given', () => {
    const error = {
      messageKey: 'decision.alreadyDecided',
      params: { ref: 'DEC-1', statusKey: 'decision.status.approved', by: 'Anna', at: 'x' },
    };
    expect(messageFor('da-DK', error)).toBe('DEC-1 er allerede besluttet (Godkendt) af Anna x.');
    expect(messageFor('en', error)).toBe('DEC-1 is already decided (Approved) by Anna at x.');
    // A name that happens to look like a key is a name (people choose names).
    expect(messageFor('en', { ...error, params: { ...error.params, by: 'help.text' } })).toBe(
      'DEC-1 is already decided (Approved) by help.text at x.',
    );
  });

  test('an `at` instant is shown in the war room’s zone and the reader’s words', () => {
    const error = {
      messageKey: 'decision.alreadyDecided',
      params: {
        ref: 'DEC-1',
        statusKey: 'decision.status.rejected',
        by: 'Anna',
        at: '2026-10-24T20:15:00.000Z',
      },
    };
    expect(messageFor('en-GB', error, { timeZone: 'Europe/Copenhagen' })).toBe(
      'DEC-1 is already decided (Rejected) by Anna at Sat 24 Oct, 22:15 CEST.',
    );
    expect(messageFor('en-GB', error)).toBe(
      'DEC-1 is already decided (Rejected) by Anna at Sat 24 Oct, 20:15 UTC.',
    );
  });
});
