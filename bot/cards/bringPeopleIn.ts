import { t } from '../../shared/i18n';
import { callLink, meetingLink } from './deepLinks';

/**
 * The "Call" and "Meet" buttons of a card: deep links with the people who must talk it
 * through. None when none of them has a known user principal name (the roster not read yet).
 */
export function bringPeopleIn(upns: readonly string[], subject: string, locale: string) {
  if (upns.length === 0) return [];
  return [
    { type: 'Action.OpenUrl', title: t(locale, 'card.call'), url: callLink(upns) },
    { type: 'Action.OpenUrl', title: t(locale, 'card.meet'), url: meetingLink(upns, subject) },
  ];
}
