import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  type JWK,
  type JWTPayload,
  type CryptoKey,
} from 'jose';

export interface SignOptions {
  /**
   * Which key signs: the published one (default), one published without the endorsement,
   * or a key the JWKS does not publish at all.
   */
  key?: 'published' | 'unendorsed' | 'unpublished';
  /** kid in the header; defaults to the signing key's own kid. */
  kid?: string;
  alg?: 'RS256' | 'HS256';
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
}

/**
 * A local stand-in for an identity provider's OpenID metadata + JWKS endpoints (Entra ID,
 * or the Bot Framework's login service), on loopback, with keys the test controls.
 */
export class LocalJwks {
  private server = http.createServer((req, res) => this.handle(req, res));
  private published!: { kid: string; privateKey: CryptoKey; jwk: JWK };
  private unendorsed!: { kid: string; privateKey: CryptoKey; jwk: JWK };
  private unpublished!: { kid: string; privateKey: CryptoKey };
  url = '';

  /** `endorsements` go on the published key (Bot Framework keys list the channels they vouch for). */
  constructor(
    private readonly issuer: string,
    private readonly endorsements?: string[],
  ) {}

  get metadataUrl() {
    return `${this.url}/.well-known/openid-configuration`;
  }
  get jwksUrl() {
    return `${this.url}/keys`;
  }

  async start(): Promise<this> {
    const a = await generateKeyPair('RS256', { extractable: true });
    const b = await generateKeyPair('RS256', { extractable: true });
    const c = await generateKeyPair('RS256', { extractable: true });
    const jwkOf = async (key: CryptoKey, kid: string) => ({
      ...(await exportJWK(key)),
      kid,
      use: 'sig',
      alg: 'RS256',
    });
    this.published = {
      kid: 'key-1',
      privateKey: a.privateKey,
      jwk: await jwkOf(a.publicKey, 'key-1'),
    };
    this.unpublished = { kid: 'key-2', privateKey: b.privateKey };
    this.unendorsed = {
      kid: 'key-3',
      privateKey: c.privateKey,
      jwk: await jwkOf(c.publicKey, 'key-3'),
    };
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async sign(claims: JWTPayload, opts: SignOptions = {}): Promise<string> {
    const expiresIn = opts.expiresIn ?? 3600;
    const now = Math.floor(Date.now() / 1000);
    const body = { iat: now - 10, nbf: now - 10, exp: now + expiresIn, ...claims };
    if (opts.alg === 'HS256') {
      const secret = new TextEncoder().encode('a-shared-secret-anyone-could-know-0123456789');
      return new SignJWT(body)
        .setProtectedHeader({ alg: 'HS256', kid: opts.kid ?? this.published.kid })
        .sign(secret);
    }
    const signer =
      opts.key === 'unpublished'
        ? this.unpublished
        : opts.key === 'unendorsed'
          ? this.unendorsed
          : this.published;
    return new SignJWT(body)
      .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? signer.kid, typ: 'JWT' })
      .sign(signer.privateKey);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openid-configuration') {
      send({
        issuer: this.issuer,
        jwks_uri: this.jwksUrl,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    } else if (req.url === '/keys') {
      const endorsed = this.endorsements ? { endorsements: this.endorsements } : {};
      const other = this.endorsements ? { endorsements: ['webchat'] } : {};
      send({
        keys: [
          { ...this.published.jwk, ...endorsed },
          { ...this.unendorsed.jwk, ...other },
        ],
      });
    } else {
      res.writeHead(404);
      res.end();
    }
  }
}
