import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration, parsed once at start-up from environment variables. Nothing else in the
 * server reads `process.env`: the composition root passes this object down.
 */
export interface Config {
  port: number;
  host: string;
  localDev: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
  tabDir: string;
  defaultTimeZone: string;
  /** Where people reach this server (TAB_ENDPOINT): the report card's links. */
  publicUrl: string | undefined;
  /** The app's id in its Teams manifest (`TEAMS_APP_ID`): cards link into the tab with it. */
  teamsAppId: string | undefined;
  /** `'*'` admits every tenant; otherwise the tenant ids that may use this instance. */
  allowedTenants: '*' | string[];
  /** URL prefixes the bot may call (the `serviceUrl` of inbound activities). */
  serviceUrlAllowList: string[];
  bot: {
    appId: string;
    appPassword: string | undefined;
    appTenantId: string | undefined;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    /** Only to point token validation at another OpenID endpoint (tests, sovereign clouds). */
    openIdMetadataUrl: string | undefined;
    tokenIssuer: string | undefined;
  };
  tabAuth: {
    /** Accepted `aud` values of tab SSO tokens (client id and application id URI). */
    audiences: string[];
    jwksUrl: string;
  };
  devIdentity: { tenantId: string; userId: string; name: string };
  /** Tenant administrators (Entra object ids by tenant id): may export and erase people. */
  tenantAdmins: Record<string, string[]>;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Files people send the bot in a personal chat (docs/decisions/023). */
  fileDownload: FileDownloadConfig;
}

export interface FileDownloadConfig {
  /** Host patterns a download URL may name: `contoso-my.sharepoint.com`, `*.sharepoint.com`. */
  hosts: string[];
  /** Local development and tests only: loopback hosts over plain http too. */
  allowLoopback: boolean;
  maxBytes: number;
  /** For the whole download, body included. */
  timeoutMs: number;
}

/** Teams' public-cloud connector hosts. */
const TEAMS_SERVICE_URLS = [
  'https://smba.trafficmanager.net/',
  'https://smba.infra.gov.teams.microsoft.us/',
];
const LOOPBACK_SERVICE_URLS = ['http://127.0.0.1:', 'http://localhost:', 'http://[::1]:'];
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false; // Intl throws RangeError for unknown zones: that is the answer.
  }
};

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).optional(),
  WARROOM_LOCAL_DEV: flag,
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave it unset for SQLite)')
    .optional(),
  WARROOM_DATA_DIR: z.string().min(1).default('./data'),
  WARROOM_TAB_DIR: z.string().min(1).optional(),
  WARROOM_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone')
    .default('Europe/Copenhagen'),
  WARROOM_ALLOWED_TENANTS: z.string().optional(),
  WARROOM_SERVICE_URLS: z.string().optional(),
  TAB_ENDPOINT: z.url().optional(),
  TEAMS_APP_ID: z.uuid().optional(),
  MICROSOFT_APP_ID: z.string().optional(),
  MICROSOFT_APP_PASSWORD: z.string().optional(),
  MICROSOFT_APP_TENANT_ID: z.string().optional(),
  MICROSOFT_APP_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
    .default('MultiTenant'),
  BOT_OPENID_METADATA_URL: z.url().optional(),
  BOT_TOKEN_ISSUER: z.string().optional(),
  AAD_APP_CLIENT_ID: z.string().optional(),
  TAB_APP_ID_URI: z.string().optional(),
  TAB_JWKS_URL: z.url().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  // The Agents Playground's tenant (sic: 13 digits in the last group), so its war rooms show in the tab.
  WARROOM_DEV_TENANT_ID: z.string().default('00000000-0000-0000-0000-0000000000001'),
  WARROOM_DEV_USER_ID: z.string().default('00000000-0000-0000-0000-00000000d3v1'),
  WARROOM_DEV_USER_NAME: z.string().default('Local Developer'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  WARROOM_FILE_HOSTS: z
    .string()
    .refine(
      (v) => list(v).every((h) => /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(h)),
      'must be host names, each optionally starting with *. (e.g. *.sharepoint.com)',
    )
    .default('*.sharepoint.com'),
  WARROOM_FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  WARROOM_FILE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  // `<tenant id>=<object id>[,<object id>…]` per tenant, tenants separated by `;` (decision 022).
  WARROOM_TENANT_ADMINS: z
    .string()
    .transform((v, ctx) => {
      const admins: Record<string, string[]> = {};
      for (const part of v
        .split(';')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const m = /^([^=\s]+)\s*=\s*(.+)$/.exec(part);
        const ids = list(m?.[2]);
        if (!m?.[1] || ids.length === 0) {
          ctx.addIssue({
            code: 'custom',
            message: `"${part}" is not <tenant id>=<object id>[,<object id>…]`,
          });
          return z.NEVER;
        }
        admins[m[1]] = [...(admins[m[1]] ?? []), ...ids];
      }
      return admins;
    })
    .optional(),
});

/** `https://host/path/` or `http://host:` (any port of a host). */
function isServiceUrlEntry(entry: string): boolean {
  if (/^https?:\/\/[^/]+:$/i.test(entry)) return true;
  try {
    return ['http:', 'https:'].includes(new URL(entry).protocol);
  } catch {
    return false; // not a URL: reported by the caller
  }
}

/** Thrown when the environment is unusable; the message names each bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment (treating blank strings as unset) into a Config, or throws ConfigError. */
export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  // Blank counts as unset: `PORT= ` must not become port 0, nor a blank tenant list "any tenant".
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const localDev = e.WARROOM_LOCAL_DEV;
  const problems: string[] = [];
  const host = e.HOST ?? (localDev ? '127.0.0.1' : '0.0.0.0');
  const appId = e.MICROSOFT_APP_ID ?? '';

  if (localDev && !LOOPBACK_HOSTS.includes(host)) {
    problems.push(`HOST: local development mode listens on loopback only, not on ${host}`);
  }
  if (!localDev) {
    if (!appId) {
      problems.push(
        'MICROSOFT_APP_ID: required (or set WARROOM_LOCAL_DEV=1 for local development without authentication)',
      );
    }
    if (!e.WARROOM_ALLOWED_TENANTS) {
      problems.push(
        'WARROOM_ALLOWED_TENANTS: required: a comma-separated list of tenant ids, or * for any tenant',
      );
    }
    if (!e.AAD_APP_CLIENT_ID && !e.TAB_APP_ID_URI) {
      problems.push(
        'AAD_APP_CLIENT_ID: required for tab sign-in (the Entra app registration of the tab)',
      );
    }
  }
  if (appId && e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !e.MICROSOFT_APP_PASSWORD) {
    problems.push('MICROSOFT_APP_PASSWORD: required when MICROSOFT_APP_ID is set');
  }
  if (e.MICROSOFT_APP_TYPE === 'SingleTenant' && !e.MICROSOFT_APP_TENANT_ID) {
    problems.push('MICROSOFT_APP_TENANT_ID: required for a SingleTenant bot');
  }
  const serviceUrls = list(e.WARROOM_SERVICE_URLS);
  for (const entry of serviceUrls.filter((u) => !isServiceUrlEntry(u))) {
    problems.push(`WARROOM_SERVICE_URLS: "${entry}" is not an http(s) URL prefix`);
  }
  if (problems.length) throw new ConfigError(problems);

  const tenants = e.WARROOM_ALLOWED_TENANTS?.trim();
  const audiences = [e.AAD_APP_CLIENT_ID, e.TAB_APP_ID_URI].filter((a): a is string => !!a);
  return {
    port: e.PORT,
    host,
    localDev,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(cwd, e.WARROOM_DATA_DIR),
    tabDir: path.resolve(cwd, e.WARROOM_TAB_DIR ?? 'dist/tab'),
    defaultTimeZone: e.WARROOM_TIME_ZONE,
    publicUrl: e.TAB_ENDPOINT?.replace(/\/+$/, ''),
    teamsAppId: e.TEAMS_APP_ID,
    allowedTenants: !tenants || tenants === '*' ? '*' : list(tenants),
    serviceUrlAllowList: [
      ...(serviceUrls.length ? serviceUrls : TEAMS_SERVICE_URLS),
      ...(localDev ? LOOPBACK_SERVICE_URLS : []),
    ],
    bot: {
      appId,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      appTenantId: e.MICROSOFT_APP_TENANT_ID,
      appType: e.MICROSOFT_APP_TYPE,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
      tokenIssuer: e.BOT_TOKEN_ISSUER,
    },
    tabAuth: { audiences, jwksUrl: e.TAB_JWKS_URL },
    devIdentity: {
      tenantId: e.WARROOM_DEV_TENANT_ID,
      userId: e.WARROOM_DEV_USER_ID,
      name: e.WARROOM_DEV_USER_NAME,
    },
    tenantAdmins: e.WARROOM_TENANT_ADMINS ?? {},
    logLevel: e.LOG_LEVEL,
    fileDownload: {
      hosts: list(e.WARROOM_FILE_HOSTS).map((h) => h.toLowerCase()),
      allowLoopback: localDev,
      maxBytes: e.WARROOM_FILE_MAX_BYTES,
      timeoutMs: e.WARROOM_FILE_TIMEOUT_MS,
    },
  };
}

/**
 * Only where the store is (`DATABASE_URL`, `WARROOM_DATA_DIR`), read exactly as the server
 * reads them: for operator tools run beside the server, which need no bot or tab settings.
 */
export function parseStoreConfig(
  env: Record<string, string | undefined>,
  cwd = process.cwd(),
): { databaseUrl: string | undefined; dataDir: string } {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const parsed = envSchema.pick({ DATABASE_URL: true, WARROOM_DATA_DIR: true }).safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const { DATABASE_URL, WARROOM_DATA_DIR } = parsed.data;
  return { databaseUrl: DATABASE_URL, dataDir: path.resolve(cwd, WARROOM_DATA_DIR) };
}
