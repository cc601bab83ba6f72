import { randomUUID } from 'node:crypto';

/** Time and id sources, injected so tests can pin them. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export type IdGenerator = () => string;
export const uuidIds: IdGenerator = () => randomUUID();
