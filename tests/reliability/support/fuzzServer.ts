import type { z } from 'zod';
import { apiErrorSchema } from '../../../shared/api/schemas';
import type { Logger } from '../../../bot/logger';
import { startTestApp, type TestApp } from '../../support/app';
import type { FuzzTarget } from './activityArbs';
import { watchUncaught } from './crashGuard';
import { rawRequest, type RawRequest, type RawResponse } from './http';
import { storeCounter } from './storeCounts';

const STACK_TRACE = /\n\s+at .+:\d+:\d+|\bat [\w.<>]+ \(.+\.[jt]s:\d+/;

export const excerpt = (r: RawResponse) => `${r.status} ${r.text.slice(0, 300)}`;

/**
 * Node's HTTP parser answers a request line it cannot parse itself (bare 400, no body,
 * connection closed) before any of our code runs: no contract applies, only "no 5xx".
 */
const refusedByNodeParser = (res: RawResponse) =>
  res.status === 400 && res.text === '' && res.headers['content-type'] === undefined;

/** The `id` of a posted activity, when the body is JSON with a string id. */
function activityIdOf(body: RawRequest['body']): string | undefined {
  try {
    const id = (JSON.parse(String(body ?? '')) as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined; // not JSON: no activity id to look for
  }
}

export interface FuzzServer {
  t: TestApp;
  /** A channel with a war room and an incident, for inputs to act on. */
  target: FuzzTarget;
  warRoomId: string;
  /**
   * Sends one input and checks what must hold for every input: answered, no 5xx, no
   * stack trace, nothing stored when refused (4xx), no uncaught error in the process, and
   * no turn that failed inside (logged with the activity's id, whatever the status).
   */
  send(req: RawRequest): Promise<RawResponse>;
  /** `send`, plus: a GET stores nothing, and the answer is in the API's contract. */
  getApi(req: RawRequest, ok: z.ZodType): Promise<void>;
  /** Throws unless /healthz answers 200 and nothing was thrown outside a handler. */
  checkHealthy(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real server in local development mode (so inputs reach the turn logic), seeded with
 * a war room and an incident, with a row counter and an uncaught-error guard.
 */
export async function startFuzzServer(): Promise<FuzzServer> {
  const guard = watchUncaught();
  const errorLogs: { msg: string; fields: Record<string, unknown> }[] = [];
  const quiet = () => undefined;
  const logger: Logger = {
    debug: quiet,
    info: quiet,
    warn: quiet,
    error: (msg, fields = {}) => errorLogs.push({ msg, fields }),
  };
  const t = await startTestApp({}, { logger });
  const store = storeCounter(t.app.config.dataDir);
  const empty = JSON.stringify(store.counts());
  const seeding = [await t.say('start Fuzz target'), await t.say('incident Seeded incident sev2')];
  const { room, incidents } = await t.app.storage.transaction(async (tx) => {
    const room = await tx.warRooms.findByChannel(t.tenantId, t.room.channelId);
    return { room, incidents: room ? await tx.incidents.listByWarRoom(t.tenantId, room.id) : [] };
  });
  const seeded = store.counts();
  // The counter must see what the port writes, or "nothing stored" would prove nothing.
  const counted = seeded.warRooms === 1 && seeded.incidents === 1 && seeded.audit >= 2;
  if (!room || incidents.length !== 1 || !counted) {
    store.close();
    await t.stop();
    guard.stop();
    throw new Error(
      `seeding failed: ${JSON.stringify(seeding)}; rows ${empty} → ${JSON.stringify(seeded)}`,
    );
  }

  const send = async (req: RawRequest): Promise<RawResponse> => {
    // War rooms, incidents and audit entries are written in the turn's transaction, before
    // the answer (replies leave later through the outbox, not counted): the counts taken
    // around one request belong to that request.
    const before = JSON.stringify(store.counts());
    errorLogs.length = 0;
    const res = await guard.race(rawRequest(t.baseUrl, req)).catch((e: unknown) => {
      guard.take(); // reported here, not again by the next case
      throw e;
    });
    const uncaught = guard.take();
    if (uncaught.length > 0) throw new Error(`uncaught error in the server: ${uncaught[0]!.stack}`);
    if (res.status >= 500) throw new Error(`answered ${excerpt(res)}`);
    if (STACK_TRACE.test(res.text)) throw new Error(`a stack trace in the answer: ${excerpt(res)}`);
    // Bot Framework answers 200 to a message whose turn crashed: the log tells.
    const id = activityIdOf(req.body);
    const crashed = errorLogs.find((l) => 'activityId' in l.fields && l.fields.activityId === id);
    if (id !== undefined && crashed) {
      const error = crashed.fields.error as { message?: string } | undefined;
      throw new Error(`the turn failed inside (${res.status}): ${crashed.msg}: ${error?.message}`);
    }
    const after = JSON.stringify(store.counts());
    if (res.status >= 400 && after !== before) {
      throw new Error(`refused with ${res.status} but stored: ${before} → ${after}`);
    }
    return res;
  };

  return {
    t,
    target: {
      serviceUrl: t.connector.url,
      tenantId: t.tenantId,
      channelId: t.room.channelId,
      incidentId: incidents[0]!.id,
    },
    warRoomId: room.id,
    send,
    getApi: async (req, ok) => {
      const before = JSON.stringify(store.counts());
      const res = await send(req);
      if (JSON.stringify(store.counts()) !== before) throw new Error('a GET stored something');
      if (refusedByNodeParser(res)) return; // e.g. a raw non-ASCII byte: the app never saw it
      const schema = res.status < 300 ? ok : apiErrorSchema;
      if (!schema.safeParse(res.json).success) {
        throw new Error(`answer outside the contract: ${excerpt(res)}`);
      }
    },
    checkHealthy: async () => {
      const health = await rawRequest(t.baseUrl, { path: '/healthz' });
      if (health.status !== 200) throw new Error(`/healthz answered ${excerpt(health)}`);
      const uncaught = guard.take();
      if (uncaught.length > 0) {
        throw new Error(`uncaught errors: ${uncaught.map((e) => e.stack).join('\n')}`);
      }
    },
    stop: async () => {
      store.close();
      await t.stop();
      guard.stop();
    },
  };
}
