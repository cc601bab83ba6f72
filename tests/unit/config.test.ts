import path from 'node:path';
import { ConfigError, parseConfig } from '../../bot/config';

const CWD = path.resolve('/srv/warroom');
const LOCAL = { WARROOM_LOCAL_DEV: '1' };
/** The least a real deployment needs. */
const DEPLOYED = {
  MICROSOFT_APP_ID: '67529c8b-3361-4cf7-b3b6-b19b0222c9a8',
  MICROSOFT_APP_PASSWORD: 'secret',
  WARROOM_ALLOWED_TENANTS: '3a5e0f0c-1111-4222-8333-444455556666',
  AAD_APP_CLIENT_ID: '5bceda9c-2d4f-44f9-b9eb-c08b83eb0137',
};

/** The problems a refused configuration reports (fails the test if it was accepted). */
function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env, CWD);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('the configuration was accepted');
}

describe('local development defaults', () => {
  const config = parseConfig(LOCAL, CWD);

  test('listens on 127.0.0.1:3978', () => {
    expect(config.port).toBe(3978);
    expect(config.host).toBe('127.0.0.1');
    expect(config.localDev).toBe(true);
  });

  test('stores data in SQLite under ./data, resolved against the working directory', () => {
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(path.join(CWD, 'data'));
    expect(path.isAbsolute(config.tabDir)).toBe(true);
  });

  test('admits every tenant and shows times in Copenhagen', () => {
    expect(config.allowedTenants).toBe('*');
    expect(config.defaultTimeZone).toBe('Europe/Copenhagen');
  });

  test('accepts the Teams service URLs and loopback ones (for the Agents Playground)', () => {
    expect(config.serviceUrlAllowList).toEqual(
      expect.arrayContaining([
        'https://smba.trafficmanager.net/',
        'http://127.0.0.1:',
        'http://localhost:',
      ]),
    );
  });

  test('runs without a bot app id: authentication is off only here', () => {
    expect(config.bot.appId).toBe('');
  });

  test.each([['localhost'], ['::1']])('HOST=%s (loopback) is accepted', (HOST) => {
    expect(parseConfig({ ...LOCAL, HOST }, CWD).host).toBe(HOST);
  });
});

describe('outside local development', () => {
  test('refuses to start with nothing set, naming each missing variable', () => {
    const problems = problemsOf({});
    expect(problems).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_ID: /),
      expect.stringMatching(/^WARROOM_ALLOWED_TENANTS: /),
      expect.stringMatching(/^AAD_APP_CLIENT_ID: /),
    ]);
  });

  test.each(['MICROSOFT_APP_ID', 'WARROOM_ALLOWED_TENANTS', 'AAD_APP_CLIENT_ID'] as const)(
    'refuses to start without %s, and says so',
    (name) => {
      const problems = problemsOf({ ...DEPLOYED, [name]: undefined });
      expect(problems).toEqual([expect.stringMatching(new RegExp(`^${name}: required`))]);
    },
  );

  test('the error message lists every problem for the operator', () => {
    expect(() => parseConfig({}, CWD)).toThrow(/MICROSOFT_APP_ID[\s\S]*AAD_APP_CLIENT_ID/);
  });

  test('refuses an app id without its password', () => {
    expect(problemsOf({ ...DEPLOYED, MICROSOFT_APP_PASSWORD: undefined })).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_PASSWORD: /),
    ]);
  });

  test('a complete configuration listens on every interface and trusts only Teams', () => {
    const config = parseConfig(DEPLOYED, CWD);
    expect(config.localDev).toBe(false);
    expect(config.host).toBe('0.0.0.0');
    expect(config.allowedTenants).toEqual(['3a5e0f0c-1111-4222-8333-444455556666']);
    expect(config.serviceUrlAllowList.some((u) => u.startsWith('http://'))).toBe(false);
    expect(config.tabAuth.audiences).toEqual(['5bceda9c-2d4f-44f9-b9eb-c08b83eb0137']);
  });
});

describe('bad values are refused, naming the variable', () => {
  test.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://db/warroom'],
    ['DATABASE_URL', 'warroom.db'],
    ['WARROOM_TIME_ZONE', 'Europe/Kopenhagen'],
    ['WARROOM_TIME_ZONE', 'CEST+1'],
    ['WARROOM_LOCAL_DEV', 'maybe'],
    ['HOST', '0.0.0.0'],
    ['HOST', '192.168.1.20'],
  ])('%s=%j in local development', (name, value) => {
    expect(problemsOf({ ...LOCAL, [name]: value })).toEqual([
      expect.stringMatching(new RegExp(`^${name}: `)),
    ]);
  });

  test('several bad values are all reported at once', () => {
    const problems = problemsOf({
      ...LOCAL,
      PORT: 'abc',
      DATABASE_URL: 'mysql://db',
      WARROOM_TIME_ZONE: 'Mars/Olympus',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'PORT',
      'DATABASE_URL',
      'WARROOM_TIME_ZONE',
    ]);
  });

  test.each(['postgres://warroom@db/warroom', 'postgresql://warroom@db:5432/warroom'])(
    'a PostgreSQL URL (%s) is accepted',
    (DATABASE_URL) => {
      expect(parseConfig({ ...LOCAL, DATABASE_URL }, CWD).databaseUrl).toBe(DATABASE_URL);
    },
  );
});

describe('values as they come out of .env files', () => {
  test.each(['', ' ', '\t'])('a blank PORT (%j) means the default 3978', (PORT) => {
    expect(parseConfig({ ...LOCAL, PORT }, CWD).port).toBe(3978);
  });

  test('empty strings count as unset: an empty app id is a missing one', () => {
    expect(problemsOf({ ...DEPLOYED, MICROSOFT_APP_ID: '' })).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_ID: required/),
    ]);
  });

  test('a blank tenant list is a missing one, not "every tenant"', () => {
    expect(problemsOf({ ...DEPLOYED, WARROOM_ALLOWED_TENANTS: '  ' })).toEqual([
      expect.stringMatching(/^WARROOM_ALLOWED_TENANTS: required/),
    ]);
  });

  test('comma-separated lists are trimmed and empty items dropped', () => {
    const config = parseConfig(
      {
        ...DEPLOYED,
        WARROOM_ALLOWED_TENANTS: ' tenant-a , tenant-b,,',
        WARROOM_SERVICE_URLS: ' https://smba.trafficmanager.net/emea/ ,https://example.test/ ',
      },
      CWD,
    );
    expect(config.allowedTenants).toEqual(['tenant-a', 'tenant-b']);
    expect(config.serviceUrlAllowList).toEqual([
      'https://smba.trafficmanager.net/emea/',
      'https://example.test/',
    ]);
  });

  test('"*" (with spaces around it) admits every tenant', () => {
    expect(parseConfig({ ...DEPLOYED, WARROOM_ALLOWED_TENANTS: ' * ' }, CWD).allowedTenants).toBe(
      '*',
    );
  });

  test.each([
    ['1', true],
    ['true', true],
    ['yes', true],
    ['0', false],
    ['false', false],
    ['no', false],
  ])('WARROOM_LOCAL_DEV=%s means local development is %s', (value, local) => {
    const config = parseConfig({ ...DEPLOYED, WARROOM_LOCAL_DEV: value }, CWD);
    expect(config.localDev).toBe(local);
  });
});

describe('tenant administrators (WARROOM_TENANT_ADMINS)', () => {
  test('none unless listed', () => {
    expect(parseConfig(DEPLOYED, CWD).tenantAdmins).toEqual({});
  });

  test('object ids per tenant, tenants separated by ";", spaces allowed, a tenant twice merged', () => {
    const config = parseConfig(
      { ...DEPLOYED, WARROOM_TENANT_ADMINS: 't1=oid-a, oid-b ; t2 = oid-c;t1=oid-d;' },
      CWD,
    );
    expect(config.tenantAdmins).toEqual({ t1: ['oid-a', 'oid-b', 'oid-d'], t2: ['oid-c'] });
  });

  test.each(['t1', 't1=', '=oid-a', 't1=oid-a;oops'])(
    '"%s" stops the start naming the variable',
    (value) => {
      expect(problemsOf({ ...DEPLOYED, WARROOM_TENANT_ADMINS: value })).toEqual([
        expect.stringMatching(/^WARROOM_TENANT_ADMINS: .*is not <tenant id>=<object id>/),
      ]);
    },
  );
});
