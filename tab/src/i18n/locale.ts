import { createContext, useCallback, useContext } from 'react';
import { t, type MessageKey } from '../../../shared/i18n';

/** The user's BCP 47 locale (from Teams, else the browser). */
export const LocaleContext = createContext<string>('en');

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The locale plus `t` bound to it: `const { t } = useT(); t('tab.title')`. */
export function useT(): { locale: string; t: Translate } {
  const locale = useContext(LocaleContext);
  const translate = useCallback<Translate>((key, params) => t(locale, key, params), [locale]);
  return { locale, t: translate };
}
