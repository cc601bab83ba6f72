/**
 * Someone a message names: their Teams identity, not just a name. `id` is the Teams user
 * id (`29:…`), what a mention needs; `aadObjectId` the Entra object id when Teams gives
 * it (the roster fills it in otherwise); `name` as people read it (entities decoded).
 */
export interface Person {
  id: string;
  aadObjectId?: string;
  name: string;
}
