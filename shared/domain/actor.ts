/**
 * Who does something. Identity is (tenantId, userId) — the Entra object id — never a
 * display name; the name is kept only to show it.
 */
export interface Actor {
  tenantId: string;
  userId: string;
  name: string;
  /** Teams user id (`29:…`) when the request came from Teams: mentions carry only this. */
  teamsUserId?: string;
}
