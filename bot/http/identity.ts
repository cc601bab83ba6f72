import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Actor } from '../../shared/domain/actor';
import type { Config } from '../config';

/** Why a caller of the API could not be identified; mapped to 401/403 by errors.ts. */
export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly code: 'unauthenticated' | 'tenant_not_allowed',
    detail: string,
  ) {
    super(detail);
    this.name = 'AuthError';
  }
}

/** The caller of the API; `devIdentity` marks the local development stand-in. */
export type Identity = Actor & { devIdentity: boolean };
export type IdentityResolver = (authorization: string | undefined) => Promise<Identity>;

/**
 * Identifies the caller of the JSON API. Local development mode uses the configured
 * development identity; otherwise a Teams SSO token is required and fully validated:
 * signature (JWKS), audience, expiry, issuer (v1 or v2 form, for the token's own tenant),
 * and an allowed tenant. Identity is (tid, oid), never a name.
 */
export function createIdentityResolver(config: Config): IdentityResolver {
  if (config.localDev) {
    const dev = { ...config.devIdentity, devIdentity: true };
    return async () => dev;
  }
  const jwks = createRemoteJWKSet(new URL(config.tabAuth.jwksUrl));
  return async (authorization) => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new AuthError(401, 'unauthenticated', 'missing bearer token');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        audience: config.tabAuth.audiences,
        algorithms: ['RS256'],
        clockTolerance: 60,
      }));
    } catch (e) {
      throw new AuthError(401, 'unauthenticated', `token rejected: ${(e as Error).message}`);
    }
    const tid = typeof payload.tid === 'string' ? payload.tid : '';
    const oid = typeof payload.oid === 'string' ? payload.oid : '';
    const issuers = [
      `https://login.microsoftonline.com/${tid}/v2.0`,
      `https://sts.windows.net/${tid}/`,
    ];
    if (!tid || !oid || !issuers.includes(payload.iss ?? '')) {
      throw new AuthError(401, 'unauthenticated', 'token lacks tid/oid or has a foreign issuer');
    }
    if (config.allowedTenants !== '*' && !config.allowedTenants.includes(tid)) {
      throw new AuthError(403, 'tenant_not_allowed', `tenant ${tid} is not allowed`);
    }
    const name = typeof payload.name === 'string' ? payload.name : '';
    return { tenantId: tid, userId: oid, name, devIdentity: false };
  };
}
