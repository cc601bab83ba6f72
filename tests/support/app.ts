import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App, type AppOverrides } from '../../bot/app';
import { parseConfig } from '../../bot/config';
import { channel } from './activities';
import { FakeConnector } from './fakeConnector';

export interface PostResult {
  status: number;
  body: unknown;
}

export interface TestApp {
  app: App;
  /** http://127.0.0.1:<port> of the real server. */
  baseUrl: string;
  connector: FakeConnector;
  /** The dev identity's tenant, which the default channel belongs to. */
  tenantId: string;
  /** A channel of that tenant whose serviceUrl is the fake connector. */
  room: ReturnType<typeof channel>;
  /** Posts any body to /api/messages. */
  post(activity: unknown, headers?: Record<string, string>): Promise<PostResult>;
  /** `@War Room <text>` in the default channel; resolves when the turn is done. */
  say(text: string): Promise<PostResult>;
  get(pathname: string, headers?: Record<string, string>): Promise<PostResult>;
  stop(): Promise<void>;
}

/**
 * Starts the real server (the production composition root) on a loopback port with a
 * fresh SQLite file or the given DATABASE_URL, plus a fake Bot Connector. Local
 * development mode unless `env` says otherwise.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  overrides: AppOverrides = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-test-'));
  const config = parseOrCleanUp(dataDir, {
    WARROOM_LOCAL_DEV: '1',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    WARROOM_DATA_DIR: dataDir,
    WARROOM_TAB_DIR: path.resolve(__dirname, '../../dist/tab'),
    ...env,
  });
  const connector = await new FakeConnector().start();
  const app = await createApp(config, overrides);
  const baseUrl = await app.listen();
  const room = channel({ serviceUrl: connector.url, tenantId: config.devIdentity.tenantId });

  const request = async (
    method: string,
    pathname: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${baseUrl}${pathname}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    // Replies leave through the outbox after the commit: let them reach the connector.
    if (pathname === '/api/messages') await app.delivery.idle();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text; // not JSON: keep the raw text for the assertion message
    }
    return { status: res.status, body: parsed };
  };

  return {
    app,
    baseUrl,
    connector,
    tenantId: config.devIdentity.tenantId,
    room,
    post: (activity, headers) => request('POST', '/api/messages', activity, headers),
    say: (text) => request('POST', '/api/messages', room.message(text)),
    get: (pathname, headers) => request('GET', pathname, undefined, headers),
    stop: async () => {
      await app.close();
      await connector.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function parseOrCleanUp(dataDir: string, env: Record<string, string>) {
  try {
    return parseConfig(env);
  } catch (e) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Sends everything `app` owes Teams now, past pacing waits: ticks until one finds nothing,
 * then waits for the sends its storage's signals started meanwhile (a job's commit kicks
 * the delivery while the test ticks).
 */
export async function sendOwed(app: TestApp['app']): Promise<void> {
  for (;;) {
    await app.delivery.idle();
    if ((await app.delivery.tick()) === 0) break;
  }
  await app.delivery.idle();
}
