import { da } from './da';
import { en, type Catalog, type MessageKey } from './en';
import { fr } from './fr';
import { nl } from './nl';
import { formatInstant } from '../time/format';

export type { MessageKey } from './en';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

export const LANGUAGES = ['en', 'da', 'nl', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

const CATALOGS: Record<Language, Catalog> = { en, da, nl, fr };

/** `da-DK`, `nl-BE`, `fr` → the shipped language; anything else → English. */
export function languageOf(locale: string | undefined | null): Language {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : 'en';
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/**
 * A message whose words depend on a number: the form for each plural category the
 * language has (`Intl.PluralRules`: Danish and English tell one from other, French counts
 * 0 and 1 as one), chosen by the `count` parameter; `other` is required.
 */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | Plural;

const pluralRules = new Map<Language, Intl.PluralRules>();
const numberFormats = new Map<Language, Intl.NumberFormat>();

/** Numbers that name something (a CSV line, an audit entry, a typed value) stay as they are. */
const AS_WRITTEN = new Set(['line', 'seq', 'value', 'actual', 'expected', 'number']);

/** A parameter as the reader writes it: 3,500 in English, 3.500 in Danish and Dutch. */
function shown(language: Language, name: string, value: string | number): string {
  if (typeof value !== 'number' || AS_WRITTEN.has(name)) return String(value);
  let format = numberFormats.get(language);
  if (!format) numberFormats.set(language, (format = new Intl.NumberFormat(language)));
  return format.format(value);
}

/** The text of a message for these parameters (a plural picks its form by `count`). */
function textOf(message: Message, language: Language, params: Record<string, string | number>) {
  if (typeof message === 'string') return message;
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  return message[rules.select(Number(params.count ?? 0))] ?? message.other;
}

/** The message `key` in the language of `locale`, with `{name}` placeholders filled in. */
export function t(
  locale: string | undefined | null,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const language = languageOf(locale);
  const template = textOf(CATALOGS[language][key], language, params);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? shown(language, name, params[name]!) : whole,
  );
}

/** The user-facing sentence for a domain error's message key; a generic one for unknown keys. */
export function messageFor(
  locale: string | undefined | null,
  error: { messageKey: string; params: Record<string, string | number> },
  { timeZone }: { timeZone?: string } = {},
): string {
  if (!isMessageKey(error.messageKey)) return t(locale, 'error.internal');
  // A parameter named `<x>Key` names a message (a status, say): it fills `{x}` in the
  // reader's words. Only code sets such parameters; what people typed is never one.
  // One named `at` or `<x>At` is an instant: shown in the war room's zone when known.
  const params = Object.fromEntries(
    Object.entries(error.params).map(([k, v]) =>
      k.endsWith('Key') && typeof v === 'string' && isMessageKey(v)
        ? [k.slice(0, -3), t(locale, v)]
        : (k === 'at' || k.endsWith('At')) && typeof v === 'string' && ISO_INSTANT.test(v)
          ? [k, formatInstant(v, { timeZone: timeZone ?? 'UTC', locale: locale ?? 'en' })]
          : [k, v],
    ),
  );
  return t(locale, error.messageKey, params);
}
