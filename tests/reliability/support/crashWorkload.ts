import { VERBS } from '../../../shared/cards/actions';
import type { channel } from '../../support/activities';
import type { ServerProcess } from '../../support/serverProcess';
import type { LiveReader } from './crashReader';

/** One activity Teams would deliver until the bot acknowledges it (HTTP 2xx). */
export interface Delivery {
  kind: 'message' | 'click';
  /** The incident title (message) or the clicked incident's id (click). */
  key: string;
  /** Posted byte-for-byte the same on every (re)delivery: same `id`. */
  body: string;
  acked: boolean;
  /** Acknowledged on its first delivery, during the burst. */
  ackedFirstTime: boolean;
  attempts: number;
  /** Why the last unacknowledged attempt failed (status or network error). */
  lastFailure?: string;
}

export interface BurstOptions {
  server: ServerProcess;
  room: ReturnType<typeof channel>;
  /** Read-only view of the store: which incidents exist, to click their cards. */
  reader: LiveReader;
  /** Titles are `Burst <label>-<i>`. */
  label: string;
  messages: number;
  concurrency: number;
  /** Share of stored incidents that also get a card click. */
  clickShare: number;
  /** SIGKILLs during the burst, each followed by a restart. */
  kills: number;
  random: () => number;
}

export interface BurstResult {
  deliveries: Delivery[];
  kills: number;
  /** Time from each SIGKILL until the restarted server answered, summed. */
  downMs: number;
  /** POSTs after the burst: redeliveries of unacknowledged (and a few acknowledged) activities. */
  redelivered: number;
  /** Redeliveries of activities that had already been acknowledged. */
  redeliveredAcked: number;
  /** Looks at the store that failed (the reader retries; many would mean few clicks). */
  readerErrors: number;
  /** Problems seen on the wire (an acknowledged activity refused on redelivery, retries exhausted). */
  problems: string[];
}

const REQUEST_TIMEOUT_MS = 15_000;
const REDELIVERY_ROUNDS = 5;
/** Teams sometimes redelivers what was acknowledged: this share of acknowledged ones, again. */
const SPURIOUS_REDELIVERY = 0.03;
const READER_INTERVAL_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** mulberry32: a small seeded generator, so a failing run can be replayed (timing aside). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** POSTs one activity; 2xx is an acknowledgement, anything else (or no answer) is not. */
export async function deliver(baseUrl: string, body: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await res.arrayBuffer();
    return res.status >= 200 && res.status < 300 ? undefined : `HTTP ${res.status}`;
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    return cause ?? (e instanceof Error ? e.message : String(e));
  }
}

/**
 * A burst of `incident …` messages and card clicks with `concurrency` in flight, the server
 * SIGKILLed and restarted `kills` times at random moments, then Teams-style redelivery of
 * every unacknowledged activity (same JSON, same id) until each is acknowledged.
 */
export async function runBurst(o: BurstOptions): Promise<BurstResult> {
  const deliveries: Delivery[] = [];
  const prefix = `Burst ${o.label}-`;
  // Decided up front from the seed: after which dispatched message each kill comes, and how late.
  const kills = Array.from({ length: o.kills }, () => ({
    afterMessage: Math.floor(o.messages * (0.05 + 0.9 * o.random())),
    delayMs: Math.floor(o.random() * 15),
  })).sort((a, b) => a.afterMessage - b.afterMessage);
  const clickRandom = seededRandom(Math.floor(o.random() * 2 ** 31));

  // Stored incidents, seen through the read-only reader; a share of them get a click.
  const seen = new Set<string>();
  const clickable: string[] = [];
  let readerErrors = 0;
  const look = async () => {
    try {
      for (const id of await o.reader.incidentIds(prefix)) {
        if (seen.has(id)) continue;
        seen.add(id);
        if (clickRandom() < o.clickShare) clickable.push(id);
      }
    } catch {
      readerErrors++; // e.g. the file is being recovered after a kill: look again shortly
    }
  };
  let bursting = true;
  const watching = (async () => {
    while (bursting) {
      await o.server.whenUp();
      await look();
      await sleep(READER_INTERVAL_MS);
    }
  })();

  let nextMessage = 0;
  const newDelivery = (kind: Delivery['kind'], key: string, activity: unknown): Delivery => {
    const d: Delivery = {
      kind,
      key,
      body: JSON.stringify(activity),
      acked: false,
      ackedFirstTime: false,
      attempts: 0,
    };
    deliveries.push(d);
    return d;
  };
  const nextClick = () => {
    const incidentId = clickable.splice(Math.floor(clickRandom() * clickable.length), 1)[0];
    if (!incidentId) return undefined;
    const data = { incidentId, status: 'investigating', version: 1 };
    return newDelivery('click', incidentId, o.room.cardAction(VERBS.incidentSetStatus, data));
  };
  const nextJob = (): Delivery | undefined => {
    if (clickable.length > 0 && (nextMessage >= o.messages || clickRandom() < 0.5)) {
      return nextClick();
    }
    if (nextMessage >= o.messages) return undefined;
    // A kill point reached while the server restarts waits for the next message.
    if (kills[0] && nextMessage >= kills[0].afterMessage && !crashing) {
      crash(kills.shift()!.delayMs);
    }
    const key = `${prefix}${nextMessage++}`;
    return newDelivery('message', key, o.room.message(`incident ${key} sev3`));
  };

  let killed = 0;
  let downMs = 0;
  let crashing: Promise<void> | undefined;
  let restartFailure: unknown;
  const crash = (delayMs: number) => {
    crashing = (async () => {
      await sleep(delayMs);
      const down = Date.now();
      await o.server.kill();
      killed++;
      await o.server.restart();
      downMs += Date.now() - down;
    })()
      .catch((e: unknown) => {
        restartFailure ??= e; // workers waiting for the server see it too (whenUp rejects)
      })
      .finally(() => {
        crashing = undefined;
      });
  };

  const attempt = async (d: Delivery) => {
    const url = await o.server.whenUp();
    d.attempts++;
    const failure = await deliver(url, d.body);
    if (failure) d.lastFailure = failure;
    else d.acked = true;
  };
  const firstDelivery = async (d: Delivery) => {
    await attempt(d);
    d.ackedFirstTime = d.acked;
  };

  try {
    await pool(o.concurrency, async () => {
      for (let d = nextJob(); d; d = nextJob()) await firstDelivery(d);
    });
    while (crashing) await crashing;
    // Incidents stored by the last messages get their share of clicks too.
    await look();
    await pool(o.concurrency, async () => {
      for (let d = nextClick(); d; d = nextClick()) await firstDelivery(d);
    });
  } finally {
    bursting = false;
    await watching.catch(() => undefined); // its only failure, whenUp, is the burst's too
  }
  while (crashing) await crashing;
  if (restartFailure) throw restartFailure;

  const problems: string[] = [];
  const spurious = deliveries.filter((d) => d.acked && clickRandom() < SPURIOUS_REDELIVERY);
  let redelivered = 0;
  for (const d of spurious) {
    redelivered++;
    const failure = await deliver(await o.server.whenUp(), d.body);
    if (failure) {
      problems.push(`acknowledged ${d.kind} "${d.key}" refused on redelivery: ${failure}`);
    }
  }
  for (let round = 0; round < REDELIVERY_ROUNDS; round++) {
    const pending = deliveries.filter((d) => !d.acked);
    if (pending.length === 0) break;
    if (round > 0) await sleep(200 * round);
    await pool(o.concurrency, async () => {
      for (let d = pending.shift(); d; d = pending.shift()) {
        redelivered++;
        await attempt(d);
      }
    });
  }
  for (const d of deliveries.filter((x) => !x.acked)) {
    problems.push(
      `${d.kind} "${d.key}" still unacknowledged after ${d.attempts} deliveries: ${d.lastFailure}`,
    );
  }
  return {
    deliveries,
    kills: killed,
    downMs,
    redelivered,
    redeliveredAcked: spurious.length,
    readerErrors,
    problems,
  };
}

/** Runs `worker` `n` times concurrently; resolves when all are done. */
async function pool(n: number, worker: () => Promise<void>): Promise<void> {
  await Promise.all(Array.from({ length: n }, () => worker()));
}
