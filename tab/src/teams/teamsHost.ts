import { app, authentication, pages } from '@microsoft/teams-js';
import { TAB_ENTITY_ID, isTabPage, type TabPage } from '../../../shared/cards/tabPages';

/** The Teams themes; anything outside Teams is treated as `default` (light). */
export type ThemeName = 'default' | 'dark' | 'contrast';

/** What the tab needs from its host, whether that is Teams or a plain browser. */
export interface TeamsHost {
  inTeams: boolean;
  /** BCP 47 locale of the user, e.g. `da-DK`. */
  locale: string;
  theme: ThemeName;
  /**
   * The Teams channel the tab is pinned in (`19:…@thread.tacv2`): the tab then shows that
   * channel's war room only. `null` outside Teams and in personal or chat scope.
   */
  channelId: string | null;
  /** The page a deep link asked for (a card's "Open in the tab"), or null. */
  page: TabPage | null;
  /** An SSO token for our API inside Teams; `null` outside Teams (local development). */
  getToken(): Promise<string | null>;
  /** Calls `handler` whenever the user switches the Teams theme. No-op outside Teams. */
  onThemeChange(handler: (theme: ThemeName) => void): void;
}

/** Outside Teams `app.initialize()` rejects or never settles, so we stop waiting after this. */
const INIT_TIMEOUT_MS = 1500;

export function toThemeName(theme: string | undefined): ThemeName {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

function browserLocale(): string {
  return navigator.language || 'en';
}

const outsideTeams: TeamsHost = {
  inTeams: false,
  locale: browserLocale(),
  theme: 'default',
  channelId: null,
  page: null,
  getToken: async () => null,
  onThemeChange: () => undefined,
};

async function initializeWithTimeout(): Promise<boolean> {
  const init = app.initialize().then(
    () => true,
    () => false,
  );
  const timeout = new Promise<boolean>((resolve) =>
    setTimeout(() => resolve(false), INIT_TIMEOUT_MS),
  );
  return Promise.race([init, timeout]);
}

/** Connects to Teams if the tab runs inside it, else describes the plain browser. Never rejects. */
export async function connectToHost(): Promise<TeamsHost> {
  if (!(await initializeWithTimeout())) return outsideTeams;
  const context = await app.getContext().catch((error: unknown) => {
    console.error('Could not read the Teams context', error);
    return null;
  });
  if (context === null) return outsideTeams;
  // Ends Teams' loading indicator in case the manifest turns it on (showLoadingIndicator).
  app.notifySuccess().catch((error: unknown) => console.error('notifySuccess failed', error));
  return {
    inTeams: true,
    locale: context.app.locale || browserLocale(),
    theme: toThemeName(context.app.theme),
    // Only a channel tab has one; personal and chat scope do not.
    channelId: context.channel?.id || null,
    page: isTabPage(context.page.subPageId) ? context.page.subPageId : null,
    getToken: () => authentication.getAuthToken(),
    onThemeChange: (handler) =>
      app.registerOnThemeChangeHandler((theme) => handler(toThemeName(theme))),
  };
}

/**
 * Makes the channel-tab configuration page savable: on Save, Teams pins a tab that
 * opens the dashboard at `contentUrl`.
 */
export function enableConfigSave(contentUrl: string, displayName: string): void {
  pages.config.registerOnSaveHandler((event) => {
    pages.config
      .setConfig({
        entityId: TAB_ENTITY_ID,
        contentUrl,
        websiteUrl: contentUrl,
        suggestedDisplayName: displayName,
      })
      .then(
        () => event.notifySuccess(),
        // Without a reason Teams shows its own generic, localised failure text.
        () => event.notifyFailure(),
      );
  });
  pages.config.setValidityState(true);
}
