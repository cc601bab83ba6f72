import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../shared/domain/audit';
import type { Role, WarRoom } from '../../shared/domain/warRoom';
import { startTestApp, type TestApp } from './app';
import { LocalJwks } from './jwks';
import { startPostgres, type TestPostgres } from './postgres';

const CLIENT_ID = '22222222-3333-4444-5555-666666666666';
export const TENANT_A = 'aaaaaaaa-1111-1111-1111-111111111111';
export const TENANT_B = 'bbbbbbbb-2222-2222-2222-222222222222';

export interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * The real server with Teams SSO tokens from a local JWKS (so lead, engineer and observer
 * are different people), on a fresh SQLite file or a throwaway PostgreSQL database.
 */
export interface MigrationApp {
  t: TestApp;
  /** A bearer header for a person of TENANT_A (or `tenant`) with this Entra object id. */
  as(userId: string, tenant?: string): Promise<Record<string, string>>;
  /** A war room of TENANT_A started by `lead`, with `roles` given. */
  room(lead: string, roles?: Partial<Record<Role, string>>): Promise<WarRoom>;
  call(
    method: string,
    path: string,
    options?: { headers?: Record<string, string>; body?: string | Uint8Array; json?: unknown },
  ): Promise<Reply>;
  audit(w: WarRoom): Promise<AuditEntry[]>;
  stop(): Promise<void>;
}

export async function startMigrationApp(engine: 'sqlite' | 'postgres'): Promise<MigrationApp> {
  const jwks = await new LocalJwks('https://login.microsoftonline.com/{tenantid}/v2.0').start();
  let pg: TestPostgres | undefined;
  let t: TestApp | undefined;
  try {
    pg = engine === 'postgres' ? await startPostgres() : undefined;
    const databaseUrl: Record<string, string> = pg
      ? { DATABASE_URL: await pg.createDatabase('migration_api') }
      : {};
    t = await startTestApp({
      WARROOM_LOCAL_DEV: '0',
      MICROSOFT_APP_ID: randomUUID(),
      MICROSOFT_APP_PASSWORD: 'unused',
      AAD_APP_CLIENT_ID: CLIENT_ID,
      TAB_APP_ID_URI: `api://localhost/${CLIENT_ID}`,
      TAB_JWKS_URL: jwks.jwksUrl,
      WARROOM_ALLOWED_TENANTS: `${TENANT_A},${TENANT_B}`,
      ...databaseUrl,
    });
  } catch (e) {
    await pg?.stop();
    await jwks.stop();
    throw e;
  }
  const app = t;
  const storage = app.app.storage;
  return {
    t: app,
    async as(userId, tenant = TENANT_A) {
      const token = await jwks.sign({
        iss: `https://login.microsoftonline.com/${tenant}/v2.0`,
        aud: CLIENT_ID,
        tid: tenant,
        oid: userId,
        name: `Person ${userId.slice(0, 4)}`,
      });
      return { authorization: `Bearer ${token}` };
    },
    async room(lead, roles = {}) {
      const now = new Date().toISOString();
      const id = randomUUID();
      const w: WarRoom = {
        id,
        tenantId: TENANT_A,
        teamId: null,
        channelId: `19:${id}@thread.tacv2`,
        conversationId: `19:${id}@thread.tacv2`,
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        title: 'Hospital mailbox cutover',
        timeZone: 'Europe/Copenhagen',
        language: 'en',
        phase: 'cutover',
        createdById: lead,
        createdByName: 'Mette Lead',
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      await storage.transaction(async (tx) => {
        await tx.warRooms.insert(w);
        for (const [role, userId] of Object.entries(roles) as [Role, string][]) {
          await tx.roles.put({
            tenantId: TENANT_A,
            warRoomId: id,
            teamsUserId: `29:${userId}`,
            userId,
            name: `Person ${role}`,
            role,
            assignedById: lead,
            assignedAt: now,
          });
        }
      });
      return w;
    },
    async call(method, path, { headers = {}, body, json } = {}) {
      const res = await fetch(`${app.baseUrl}${path}`, {
        method,
        headers: {
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: json === undefined ? (body as BodyInit | undefined) : JSON.stringify(json),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text; // not JSON: the raw text shows in the assertion
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    audit: (w) => storage.transaction((tx) => tx.audit.list(w.tenantId, w.id)),
    async stop() {
      await app.stop();
      await pg?.stop();
      await jwks.stop();
    },
  };
}
