import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../services/clock';
import { AuthError, type Identity } from './identity';

/** Bound into every signature: a ticket is worth nothing anywhere else. */
const PURPOSE = 'war-room:events-ticket:v1';
export const TICKET_TTL_MS = 60_000;

const claimsSchema = z.object({
  w: z.string(),
  t: z.string(),
  u: z.string(),
  d: z.boolean(),
  exp: z.number().int(),
});

export interface StreamTickets {
  /** A ticket for `identity` to open `warRoomId`'s event stream until `expiresAt`. */
  issue(identity: Identity, warRoomId: string): { ticket: string; expiresAt: string };
  /** The identity a ticket stands for; AuthError (401) unless it is valid for `warRoomId` now. */
  verify(ticket: string, warRoomId: string): Identity;
}

/**
 * Short-lived, single-purpose tickets for the event stream: a browser's EventSource cannot
 * send an Authorization header, and an SSO token must not go into a URL. HMAC-SHA256 with
 * a key every instance shares (storage), so any instance accepts any instance's ticket.
 * docs/decisions/017-live-events.md says why.
 */
export function streamTickets(key: string, clock: Clock, ttlMs = TICKET_TTL_MS): StreamTickets {
  const sign = (body: string) => createHmac('sha256', key).update(`${PURPOSE}.${body}`).digest();
  return {
    issue(identity, warRoomId) {
      const exp = clock.now().getTime() + ttlMs;
      const claims = {
        w: warRoomId,
        t: identity.tenantId,
        u: identity.userId,
        d: identity.devIdentity,
        exp,
      };
      const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return {
        ticket: `${body}.${sign(body).toString('base64url')}`,
        expiresAt: new Date(exp).toISOString(),
      };
    },
    verify(ticket, warRoomId) {
      const refuse = (detail: string) => new AuthError(401, 'unauthenticated', detail);
      const [body, mac, ...rest] = ticket.split('.');
      if (!body || !mac || rest.length > 0) throw refuse('malformed stream ticket');
      const given = Buffer.from(mac, 'base64url');
      const expected = sign(body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw refuse('stream ticket signature does not match');
      }
      let raw: unknown;
      try {
        raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch (e) {
        throw refuse(`stream ticket body is not JSON: ${(e as Error).message}`);
      }
      const claims = claimsSchema.safeParse(raw);
      if (!claims.success) throw refuse('stream ticket claims are malformed');
      const { w, t, u, d, exp } = claims.data;
      if (exp <= clock.now().getTime()) throw refuse('stream ticket expired');
      if (w !== warRoomId) throw refuse('stream ticket is for another war room');
      return { tenantId: t, userId: u, name: '', devIdentity: d };
    },
  };
}
