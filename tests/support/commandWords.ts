/**
 * The command words of each shipped language, in the order the help card and the
 * manifest's team command list give them: what people click or type first.
 */
export const COMMAND_WORDS = {
  en: [
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
    'role',
    'help',
  ],
  da: [
    'start',
    'hændelse',
    'notat',
    'beslut',
    'tilbagekald',
    'handling',
    'handlinger',
    'status',
    'frys',
    'frigiv',
    'rolle',
    'hjælp',
  ],
  nl: [
    'start',
    'incident',
    'notitie',
    'besluit',
    'intrekken',
    'actie',
    'acties',
    'status',
    'bevries',
    'vrijgeven',
    'rol',
    'help',
  ],
  fr: [
    'démarrer',
    'incident',
    'note',
    'décider',
    'retirer',
    'action',
    'actions',
    'statut',
    'geler',
    'dégeler',
    'rôle',
    'aide',
  ],
} as const satisfies Record<'en' | 'da' | 'nl' | 'fr', readonly string[]>;

/**
 * Commands the help card teaches beyond the manifest's command list (12 per list at
 * manifest 1.24, all taken; these are typed), in the help card's order: tag and import for
 * migration status, the evaluation report, the shift handover, and the lead's close,
 * retention and channel language.
 */
export const TYPED_COMMANDS = {
  tag: { en: 'tag', da: 'mærk', nl: 'label', fr: 'étiqueter' },
  import: { en: 'import', da: 'importer', nl: 'importeer', fr: 'importer' },
  report: { en: 'report', da: 'rapport', nl: 'rapport', fr: 'rapport' },
  handover: { en: 'handover', da: 'vagtskifte', nl: 'overdracht', fr: 'relève' },
  close: { en: 'close', da: 'luk', nl: 'sluiten', fr: 'fermer' },
  retention: { en: 'retention', da: 'opbevaring', nl: 'bewaartermijn', fr: 'conservation' },
  language: { en: 'language', da: 'sprog', nl: 'taal', fr: 'langue' },
} as const satisfies Record<string, Record<keyof typeof COMMAND_WORDS, string>>;

const TYPED_COMMAND_WORDS = (lang: keyof typeof COMMAND_WORDS): string[] =>
  Object.values(TYPED_COMMANDS).map((words) => words[lang]);

/** Every command word in the help card's order: the typed ones come before role and help. */
export const HELP_CARD_WORDS = Object.fromEntries(
  (Object.keys(COMMAND_WORDS) as (keyof typeof COMMAND_WORDS)[]).map((lang) => [
    lang,
    [
      ...COMMAND_WORDS[lang].slice(0, -2),
      ...TYPED_COMMAND_WORDS(lang),
      ...COMMAND_WORDS[lang].slice(-2),
    ],
  ]),
) as unknown as Record<keyof typeof COMMAND_WORDS, readonly string[]>;
