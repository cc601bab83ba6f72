/**
 * Teams deep links that bring people together from a card: a call and a new meeting with
 * them. Teams identifies the people by their user principal names; the links open in the
 * reader's own Teams client, so they need no permission of the app's.
 */

const TEAMS = 'https://teams.microsoft.com/l';

/** Teams caps what a link can carry; a call or meeting with more people is set up by hand. */
export const MAX_LINKED_PEOPLE = 20;

/** Starts a call with `upns` (audio; Teams offers video from there). */
export function callLink(upns: readonly string[]): string {
  return `${TEAMS}/call/0/0?${query({ users: list(upns) })}`;
}

/** Opens the scheduling form of a new meeting with `upns` invited and the subject filled in. */
export function meetingLink(upns: readonly string[], subject: string): string {
  return `${TEAMS}/meeting/new?${query({ subject, attendees: list(upns) })}`;
}

function list(upns: readonly string[]): string {
  return [...new Set(upns)].slice(0, MAX_LINKED_PEOPLE).join(',');
}

/** `encodeURIComponent` for every value (spaces as %20, which every Teams client reads). */
function query(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}
