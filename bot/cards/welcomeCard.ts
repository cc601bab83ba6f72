import { t } from '../../shared/i18n';
import { BOT_MENTION, heading, prose } from './helpCard';
import { literal } from './literal';
import type { AdaptiveCardJson } from './types';

/** Where the app was added: a team (the card goes to its General channel) or a personal chat. */
export type WelcomeScope = 'team' | 'personal';

export interface WelcomeCardView {
  where: WelcomeScope;
  locale: string;
}

const TEXT = {
  team: { what: 'welcome.team', next: 'welcome.team.next' },
  personal: { what: 'welcome.personal', next: 'welcome.personal.next' },
} as const;

/**
 * The welcome card, posted once when the app is added: what War Room does, the command
 * that starts a war room, and where to read more. A personal chat has no war room, so its
 * card sends people to a team channel.
 */
export function welcomeCard({ where, locale }: WelcomeCardView): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      heading(t(locale, 'welcome.title')),
      prose(t(locale, TEXT[where].what)),
      literal([
        { text: `${BOT_MENTION} ${t(locale, 'help.start.example')}`, fontType: 'Monospace' },
      ]),
      prose(t(locale, TEXT[where].next)),
    ],
  };
}
