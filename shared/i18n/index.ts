import { da } from './da';
import { en, type Catalog, type MessageKey } from './en';
import { fr } from './fr';
import { nl } from './nl';

export type { MessageKey } from './en';

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

/** The message `key` in the language of `locale`, with `{name}` placeholders filled in. */
export function t(
  locale: string | undefined | null,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = CATALOGS[languageOf(locale)][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The user-facing sentence for a domain error's message key; a generic one for unknown keys. */
export function messageFor(
  locale: string | undefined | null,
  error: { messageKey: string; params: Record<string, string | number> },
): string {
  return isMessageKey(error.messageKey)
    ? t(locale, error.messageKey, error.params)
    : t(locale, 'error.internal');
}
