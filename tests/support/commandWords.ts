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
 * The help card's words: the manifest's (its team list is full) with the commands people
 * type but do not pick from the list, `tag` and `import`, before `role`.
 */
const HELP_ONLY = {
  en: ['tag', 'import'],
  da: ['mærk', 'importer'],
  nl: ['label', 'importeer'],
  fr: ['étiqueter', 'importer'],
} as const;

const helpCardWords = (lang: keyof typeof COMMAND_WORDS): readonly string[] => {
  const words = COMMAND_WORDS[lang];
  return [...words.slice(0, -2), ...HELP_ONLY[lang], ...words.slice(-2)];
};

export const HELP_CARD_WORDS: Record<keyof typeof COMMAND_WORDS, readonly string[]> = {
  en: helpCardWords('en'),
  da: helpCardWords('da'),
  nl: helpCardWords('nl'),
  fr: helpCardWords('fr'),
};
