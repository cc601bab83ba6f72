import { da } from '../../shared/i18n/da';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { languageOf, messageFor, t } from '../../shared/i18n';
import type { Catalog } from '../../shared/i18n/en';
import { nl } from '../../shared/i18n/nl';

const TRANSLATIONS: [string, Catalog][] = [
  ['da', da],
  ['nl', nl],
  ['fr', fr],
];
const ALL: [string, Catalog][] = [['en', en], ...TRANSLATIONS];

/** The texts of a message: itself, or each form of a plural. */
const formsOf = (message: Catalog[keyof Catalog]): string[] =>
  typeof message === 'string' ? [message] : Object.values(message);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * Each key's `{placeholders}` (a plural's `other` form), sorted: a translation may reorder
 * them, not drop or rename them.
 */
const placeholdersByKey = (catalog: Catalog) =>
  Object.fromEntries(
    Object.entries(catalog).map(([key, message]) => [
      key,
      placeholders(typeof message === 'string' ? message : message.other),
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
    expect(
      Object.entries(catalog).filter(([, message]) => formsOf(message).some((x) => !x.trim())),
    ).toEqual([]);
  });
});

describe.each(ALL)('plural messages in %s', (lang, catalog) => {
  const plurals = Object.entries(catalog).filter(([, m]) => typeof m !== 'string');
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;

  test('have a form for every plural category of the language, and no other', () => {
    expect(plurals.length).toBeGreaterThan(0);
    for (const [key, message] of plurals) {
      expect([key, Object.keys(message).sort()]).toEqual([key, [...categories].sort()]);
    }
  });

  test('use no placeholder their `other` form lacks, and a message is plural in every language', () => {
    for (const [key, message] of plurals) {
      const other = placeholders((message as { other: string }).other);
      for (const form of formsOf(message)) {
        for (const p of placeholders(form))
          expect([key, other]).toEqual([key, expect.arrayContaining([p])]);
      }
      expect([key, typeof en[key as keyof typeof en]]).toEqual([key, 'object']);
    }
  });
});

describe('plural forms are chosen by count, as each language counts', () => {
  test.each([
    ['en', 1, '1 earlier answer is in the tab.'],
    ['en', 2, '2 earlier answers are in the tab.'],
    ['en', 0, '0 earlier answers are in the tab.'],
    ['nl', 1, '1 eerder antwoord staat in het tabblad.'],
    ['nl', 3, '3 eerdere antwoorden staan in het tabblad.'],
    // French counts 0 and 1 as one.
    ['fr', 0, '0 réponse antérieure est dans l’onglet.'],
    ['fr', 1, '1 réponse antérieure est dans l’onglet.'],
    ['fr', 2, '2 réponses antérieures sont dans l’onglet.'],
  ])('%s, %i', (lang, count, text) => {
    expect(t(lang, 'decision.earlierAnswers', { count })).toBe(text);
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

describe('numbers in messages', () => {
  it('are written as the reader writes them', () => {
    expect(t('en-GB', 'tag.added', { count: 3500, tag: 'lab' })).toContain('3,500 mailboxes');
    expect(t('da-DK', 'tag.added', { count: 3500, tag: 'lab' })).toContain('3.500');
    expect(t('nl-NL', 'file.download.tooLarge', { maxMb: 0.06 })).toContain('0,06');
  });

  it('except numbers that name something, such as a line of a file', () => {
    expect(t('en', 'file.rejectedLine', { line: 1234, reason: 'x' })).toBe('Line 1234: x');
  });
});
