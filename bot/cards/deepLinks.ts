/**
 * Teams deep links that bring people together from a card: a call and a new meeting with
 * them. Teams identifies the people by their user principal names; the links open in the
 * reader's own Teams client, so they need no permission of the app's.
 */

import { TAB_ENTITY_ID, type TabPage } from '../../shared/cards/tabPages';

const TEAMS = 'https://teams.microsoft.com/l';

/**
 * A link carries at most this many people (the first named): links stay short, and a
 * call or meeting with more is set up in Teams itself.
 */
export const MAX_LINKED_PEOPLE = 10;

/** Starts a call with `upns` (audio; Teams offers video from there). */
export function callLink(upns: readonly string[]): string {
  return `${TEAMS}/call/0/0?${query({ users: list(upns) }, ['users'])}`;
}

/** Opens the scheduling form of a new meeting with `upns` invited and the subject filled in. */
export function meetingLink(upns: readonly string[], subject: string): string {
  return `${TEAMS}/meeting/new?${query({ subject, attendees: list(upns) }, ['attendees'])}`;
}

/**
 * Opens a page of the war-room tab pinned in `channelId` (`appId`: the manifest's id). The
 * tab reads `page` back as its sub-page and opens that view, signed in as the reader.
 */
export function tabPageLink(appId: string, channelId: string, page: TabPage, label: string) {
  const context = JSON.stringify({ subEntityId: page, channelId });
  return `${TEAMS}/entity/${encodeURIComponent(appId)}/${TAB_ENTITY_ID}?${query({ label, context }, [])}`;
}

/** The people as Teams' own examples write them: `a@x.dk,b@x.dk` (each encoded, `@` kept). */
function list(upns: readonly string[]): string {
  return [...new Set(upns)]
    .slice(0, MAX_LINKED_PEOPLE)
    .map((upn) => encodeURIComponent(upn).replace(/%40/g, '@'))
    .join(',');
}

/** The query string; `encoded` values are already encoded (spaces as %20). */
function query(params: Record<string, string>, encoded: readonly string[]): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${encoded.includes(k) ? v : encodeURIComponent(v)}`)
    .join('&');
}
