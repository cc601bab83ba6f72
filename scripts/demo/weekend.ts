import { at, channelMessage } from './activities';
import { generateMailboxes, LAB_RESULTS_TAG, migrationUsersCsv, type Mailbox } from './mailboxes';
import {
  GENERAL_CHANNEL_ID,
  JONAS,
  MARIANNE,
  OLIVIER,
  PRIYA,
  TOM,
  type DemoPerson,
} from './playground';

export interface DemoOptions {
  /** The running server, e.g. http://127.0.0.1:3978 (local development mode). */
  baseUrl: string;
  /** Where the bot sends its replies: the Playground's Bot Connector (`…/_connector`). */
  serviceUrl: string;
  /** How many mailboxes (about 3,500 for the real thing). */
  mailboxes?: number;
  /** One line per step. */
  log?: (line: string) => void;
  /** Each request's limit. */
  timeoutMs?: number;
  /**
   * Time between two messages: the bot's replies are paced as Teams paces a conversation
   * (8 in 2 s), so a faster script only queues them; at this pace each reply shows as sent.
   */
  stepMs?: number;
  /**
   * How long the first status card stays before the second export edits it (an edit made
   * while the post still waits in the outbox replaces it, and no change would be seen).
   */
  pauseMs?: number;
}

export interface DemoResult {
  warRoomId: string;
  /** False when the war room already existed and only the migration data was refreshed. */
  created: boolean;
  mailboxes: number;
}

/** Why the demo stopped: which step, and what the server said. */
export class DemoError extends Error {
  override readonly name = 'DemoError';
}

const SLUG = 'demo weekend';

/**
 * Fills the Playground team's General channel with a cutover weekend through the paths real
 * input takes: Teams-shaped activities to /api/messages (the server must be in local
 * development mode, which accepts them without a token), then Get-MigrationUser exports
 * posted to the import API with an API key the development identity creates (it must be
 * Sofie, who starts the war room: env/.env.local says so). A second run finds the war room
 * and only imports the migration data again.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const log = options.log ?? (() => undefined);
  const http = client(options.baseUrl, options.timeoutMs ?? 30_000);
  const say = async (text: string, people: readonly DemoPerson[] = []) => {
    await sleep(options.stepMs ?? 300);
    log(`  @War Room ${text.replace(/<at>([^<]*)<\/at>/g, '@$1')}`);
    await http.expect(200, 'POST', '/api/messages', {
      json: channelMessage(options.serviceUrl, text, people),
    });
  };

  let warRoomId = await findWarRoom(http);
  const created = warRoomId === undefined;
  if (warRoomId === undefined) {
    log('War room: starting it in General as Sofie Hansen (the lead)');
    await say('start Mailbox cutover weekend');
    warRoomId = await findWarRoom(http);
    if (warRoomId === undefined) throw new DemoError('`start` did not open a war room in General');
    log('Roles, incidents, a decision and actions:');
    await say(`role ${at(MARIANNE)} approver`, [MARIANNE]);
    await say(`role ${at(OLIVIER)} observer`, [OLIVIER]);
    await say(`incident Licences not assigned sev2 ${at(JONAS)}`, [JONAS]);
    await say(`incident Outlook on ward PCs still opens the old mailbox sev3 ${at(TOM)}`, [TOM]);
    await say(`decide Buy 40 extra E3 licences now? ${at(MARIANNE)} by ${clockTimeIn(3)}`, [
      MARIANNE,
    ]);
    await say(`action Recreate the five failed mailboxes ${at(JONAS)} due in 2h`, [JONAS]);
    await say(`action Confirm the lab feed is paused with the LIS vendor ${at(PRIYA)} due in 1h`, [
      PRIYA,
    ]);
    await say(`action Send the Sunday status to ward managers ${at(TOM)} due tomorrow 07:30`, [
      TOM,
    ]);
  } else {
    log(`War room: already exists in General (${warRoomId}); refreshing the migration data only`);
  }

  const mailboxes = generateMailboxes(options.mailboxes ?? 3500);
  log(`Migration: ${mailboxes.length} mailboxes in 12 batches; creating an API key`);
  const key = await createKey(http, warRoomId);
  try {
    if (created) {
      await importWave(http, warRoomId, key.key, mailboxes, 1, log);
      await tagLabResults(http, warRoomId, key.key, mailboxes, log);
      log('Freeze window and the status card:');
      await say(
        `freeze tag ${LAB_RESULTS_TAG} from now to in 14h Lab results feed must keep flowing`,
      );
      await say('status');
      await sleep(options.pauseMs ?? 3000);
    }
    await importWave(http, warRoomId, key.key, mailboxes, 2, log);
    const totals = (await http.expect(200, 'GET', `/api/v1/war-rooms/${warRoomId}/migration`, {
      bearer: key.key,
    })) as { items: number; byStatus: Record<string, number> };
    log(`Migration now: ${totals.items} mailboxes, ${describe(totals.byStatus)}`);
  } finally {
    // The demo's key is of no use afterwards; a live key lying around is a risk.
    await http.expect(204, 'DELETE', `/api/v1/war-rooms/${warRoomId}/api-keys/${key.id}`);
  }
  return { warRoomId, created, mailboxes: mailboxes.length };
}

async function findWarRoom(http: Client): Promise<string | undefined> {
  const query = new URLSearchParams({ channelId: GENERAL_CHANNEL_ID });
  const body = (await http.expect(200, 'GET', `/api/v1/war-rooms?${query}`)) as {
    warRooms: { id: string }[];
  };
  return body.warRooms[0]?.id;
}

async function createKey(http: Client, warRoomId: string): Promise<{ id: string; key: string }> {
  const res = await http.call('POST', `/api/v1/war-rooms/${warRoomId}/api-keys`, {
    json: { name: SLUG },
  });
  if (res.status === 403) {
    throw new DemoError(
      'the server refused an API key: its development identity is not the war room’s lead. ' +
        'Start it with WARROOM_DEV_USER_ID=5f1b7a40-2c3e-4d1a-9b6e-0a1c2d3e4f01 (Sofie, as env/.env.local sets it).',
    );
  }
  if (res.status !== 201) throw unexpected('POST api-keys', res);
  return res.body as { id: string; key: string };
}

async function importWave(
  http: Client,
  warRoomId: string,
  key: string,
  mailboxes: readonly Mailbox[],
  wave: 1 | 2,
  log: (line: string) => void,
): Promise<void> {
  const csv = migrationUsersCsv(mailboxes, wave, new Date());
  const summary = (await http.expect(
    200,
    'POST',
    `/api/v1/war-rooms/${warRoomId}/migration/imports`,
    {
      bearer: key,
      csv,
    },
  )) as { rowsRead: number; created: number; updated: number; unchanged: number };
  log(
    `  import ${wave === 1 ? 'Saturday evening' : 'Sunday morning'} (Get-MigrationUser CSV, ${Math.round(csv.length / 1024)} kB): ` +
      `${summary.rowsRead} rows, ${summary.created} new, ${summary.updated} changed, ${summary.unchanged} unchanged`,
  );
}

/** Get-MigrationUser has no tags: a script tags the lab-results mailboxes with JSON items. */
async function tagLabResults(
  http: Client,
  warRoomId: string,
  key: string,
  mailboxes: readonly Mailbox[],
  log: (line: string) => void,
): Promise<void> {
  const items = mailboxes
    .filter((m) => m.labResults)
    .map((m) => ({ identity: m.address, status: 'Synced', tags: [LAB_RESULTS_TAG] }));
  await http.expect(200, 'POST', `/api/v1/war-rooms/${warRoomId}/migration/imports`, {
    bearer: key,
    json: { items },
  });
  log(`  tagged ${items.length} mailboxes ${LAB_RESULTS_TAG} (JSON items)`);
}

/**
 * `21:15`: a quarter hour `hours` from now on Copenhagen's clock, as a lead would type it
 * (the war room's zone unless WARROOM_TIME_ZONE says otherwise; then it is still a time ahead).
 */
function clockTimeIn(hours: number): string {
  const quarter = 15 * 60_000;
  const at = new Date(Math.ceil((Date.now() + hours * 3_600_000) / quarter) * quarter);
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Copenhagen',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const describe = (byStatus: Record<string, number>) =>
  Object.entries(byStatus)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');

interface Response {
  status: number;
  body: unknown;
}
/** A JSON body, a CSV body or none, and an API key. */
interface Send {
  json?: unknown;
  csv?: string;
  bearer?: string;
}
type Client = ReturnType<typeof client>;

/** fetch with a time limit on every call; only the given base URL. */
function client(baseUrl: string, timeoutMs: number) {
  const call = async (method: string, path: string, options: Send = {}): Promise<Response> => {
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.csv !== undefined) {
      headers['content-type'] = 'text/csv';
      body = options.csv;
    }
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    let res: globalThis.Response;
    try {
      res = await fetch(new URL(path, baseUrl), {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new DemoError(
        `${method} ${path}: ${e instanceof Error ? e.message : String(e)} (is the server running at ${baseUrl}?)`,
      );
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text; // not JSON: shown as it is in the error
    }
    return { status: res.status, body: parsed };
  };
  return {
    call,
    async expect(status: number, method: string, path: string, options: Send = {}) {
      const res = await call(method, path, options);
      if (res.status !== status) throw unexpected(`${method} ${path}`, res);
      return res.body;
    },
  };
}

function unexpected(what: string, res: Response): DemoError {
  return new DemoError(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
}
