import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { LocalJwks } from '../../support/jwks';

/** Which credentials an endpoint takes: Bot Framework tokens, Teams SSO tokens, or none. */
export type Surface = 'bot' | 'tab' | 'public';

/** An identity provider as one surface sees it: its keys and what a valid token claims. */
export interface Issuer {
  jwks: LocalJwks;
  /** Claims of a valid token for `tenant` (tab) or for an activity from `serviceUrl` (bot). */
  claims(tenant: string, serviceUrl: string): JWTPayload;
  /** An issuer this surface must not trust. */
  wrongIssuer: string;
}

/** Who calls: the tenant they act for (token's tid, or the activity's tenant) and headers. */
export interface Caller {
  tenant: string;
  headers: Record<string, string>;
}

export interface CredentialContext {
  /** The surface's own issuer, and the other one (for a token meant elsewhere). */
  own: Issuer;
  other: Issuer;
  serviceUrl: string;
  allowedTenant: string;
  otherTenant: string;
}

const bearer = (tenant: string, token: string): Caller => ({
  tenant,
  headers: { authorization: `Bearer ${token}` },
});

/** Every credential of the matrix, in column order. */
export const CREDENTIALS = {
  none: {
    label: 'no credentials',
    make: async (c: CredentialContext) => ({ tenant: c.allowedTenant, headers: {} }),
  },
  malformed: {
    label: 'a malformed Authorization header',
    make: async (c: CredentialContext) => ({
      tenant: c.allowedTenant,
      headers: { authorization: 'Bearer not-a-jwt' },
    }),
  },
  expired: {
    label: 'an expired token',
    make: async (c: CredentialContext) =>
      bearer(
        c.allowedTenant,
        await c.own.jwks.sign(c.own.claims(c.allowedTenant, c.serviceUrl), { expiresIn: -3600 }),
      ),
  },
  wrongAudience: {
    label: 'a token for another audience',
    make: async (c: CredentialContext) =>
      bearer(
        c.allowedTenant,
        await c.own.jwks.sign({
          ...c.own.claims(c.allowedTenant, c.serviceUrl),
          aud: randomUUID(),
        }),
      ),
  },
  wrongIssuer: {
    label: 'a token from another issuer',
    make: async (c: CredentialContext) =>
      bearer(
        c.allowedTenant,
        await c.own.jwks.sign({
          ...c.own.claims(c.allowedTenant, c.serviceUrl),
          iss: c.own.wrongIssuer,
        }),
      ),
  },
  forged: {
    label: 'a forged signature (published kid, unpublished key)',
    make: async (c: CredentialContext) =>
      bearer(
        c.allowedTenant,
        await c.own.jwks.sign(c.own.claims(c.allowedTenant, c.serviceUrl), {
          key: 'unpublished',
          kid: 'key-1',
        }),
      ),
  },
  hs256: {
    label: 'an HS256 token',
    make: async (c: CredentialContext) =>
      bearer(
        c.allowedTenant,
        await c.own.jwks.sign(c.own.claims(c.allowedTenant, c.serviceUrl), { alg: 'HS256' }),
      ),
  },
  otherEndpoint: {
    label: 'a valid token meant for the other endpoint',
    make: async (c: CredentialContext) =>
      bearer(
        c.allowedTenant,
        await c.other.jwks.sign(c.other.claims(c.allowedTenant, c.serviceUrl)),
      ),
  },
  tenantNotAllowed: {
    label: 'a valid token of a tenant not allowed',
    make: async (c: CredentialContext) =>
      bearer(c.otherTenant, await c.own.jwks.sign(c.own.claims(c.otherTenant, c.serviceUrl))),
  },
  valid: {
    label: 'a valid token',
    make: async (c: CredentialContext) =>
      bearer(c.allowedTenant, await c.own.jwks.sign(c.own.claims(c.allowedTenant, c.serviceUrl))),
  },
} as const;

export type CredentialId = keyof typeof CREDENTIALS;
export const CREDENTIAL_IDS = Object.keys(CREDENTIALS) as CredentialId[];

/** What a protected route answers each credential. */
export const PROTECTED: Record<CredentialId, number> = {
  none: 401,
  malformed: 401,
  expired: 401,
  wrongAudience: 401,
  wrongIssuer: 401,
  forged: 401,
  hs256: 401,
  otherEndpoint: 401,
  tenantNotAllowed: 403,
  valid: 200,
};

/** Public by design: the same answer whatever the caller sends. */
export const PUBLIC: Record<CredentialId, number> = Object.fromEntries(
  CREDENTIAL_IDS.map((id) => [id, 200]),
) as Record<CredentialId, number>;
