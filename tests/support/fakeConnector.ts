import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Misbehaviour =
  | { kind: 'status'; status: number; headers: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'slow'; delayMs: number };

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  /** Decoded conversation id from the path. */
  conversationId: string;
  /** Activity id in the path: the replied-to one (POST) or the edited one (PUT). */
  activityId: string | undefined;
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: unknown[] };
  authorization: string | undefined;
}

/** A team member as `GET /v3/conversations/{team}/pagedmembers` lists them. */
export interface FakeMember {
  id: string;
  name?: string;
  aadObjectId?: string;
  userPrincipalName?: string;
  email?: string;
  [field: string]: unknown;
}

/** One call for a page of a team's members. */
export interface MembersCall {
  teamId: string;
  pageSize: string | null;
  continuationToken: string | null;
}

/** One `POST /v3/conversations`: the bot asked to open a chat. */
export interface CreateConversationCall {
  isGroup: unknown;
  bot: unknown;
  /** The Teams user ids of the members asked for. */
  members: string[];
  tenantId: unknown;
  channelData: unknown;
  /** The status it was answered with. */
  status: number;
}

/**
 * A stand-in for Teams' Bot Connector on loopback: it speaks the v3 conversations REST
 * protocol the bot uses to post and edit messages and to read a team's members, and
 * records every call.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private server = http.createServer((req, res) => void this.handle(req, res));
  private counter = 0;
  /**
   * Misbehaviours instead of success, first in first out: an error status (e.g. a 429 with
   * Retry-After), never answering, resetting the connection, or answering late.
   */
  private readonly failures: Misbehaviour[] = [];
  /** Misbehaviour for every request while set (a connector that is down for a while). */
  always: Misbehaviour | undefined;
  private readonly hanging = new Set<http.ServerResponse>();
  /** Every request, failed ones included (calls holds only the ones that succeeded). */
  readonly attempts: { method: string; at: number; status: number }[] = [];
  private waiters: (() => void)[] = [];
  url = '';
  /** Each team's members (a team not set has none). */
  private readonly members = new Map<string, readonly unknown[]>();
  /** Members per page, whatever the bot asks for: small, so that paging is exercised. */
  membersPageSize = 2;
  /** Every request for a page of members, in order (hung and failed ones too). */
  readonly membersCalls: MembersCall[] = [];
  /** Like `failures`, for member pages only (posts and edits are not affected). */
  private readonly membersFailures: Misbehaviour[] = [];
  /** Every request to open a conversation, refused ones too. */
  readonly conversationsCreated: CreateConversationCall[] = [];
  /** People the bot cannot open a personal chat with, and the status Teams answers. */
  private readonly unreachable = new Map<string, number>();
  /** The personal chat of each person, once opened (Teams gives the same one every time). */
  private readonly personalChats = new Map<string, string>();

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` requests are answered with `status` (and `headers`) instead. */
  failNext(times: number, status: number, headers: Record<string, string> = {}): void {
    for (let i = 0; i < times; i++) this.failures.push({ kind: 'status', status, headers });
  }

  /** The next `times` requests get `behaviour` instead of a normal answer. */
  misbehaveNext(times: number, behaviour: Misbehaviour): void {
    for (let i = 0; i < times; i++) this.failures.push(behaviour);
  }

  /** The team's members from now on: usually FakeMembers, anything to test the bot's checks. */
  setMembers(teamId: string, members: readonly unknown[]): void {
    this.members.set(teamId, members);
  }

  /** The next `times` requests for a page of members get `behaviour` instead. */
  membersMisbehaveNext(times: number, behaviour: Misbehaviour): void {
    for (let i = 0; i < times; i++) this.membersFailures.push(behaviour);
  }

  /**
   * Opening a personal chat with this person (Teams user id) is refused with `status`, as
   * Teams refuses it when the person has not installed the app (403).
   */
  refuseConversationWith(teamsUserId: string, status = 403): void {
    this.unreachable.set(teamsUserId, status);
  }

  /** The id of the personal chat opened with this person, if one was. */
  personalChatOf(teamsUserId: string): string | undefined {
    return this.personalChats.get(teamsUserId);
  }

  /** Resolves once at least `count` calls arrived (or rejects after `timeoutMs`). */
  async waitForCalls(count: number, timeoutMs = 5000): Promise<ConnectorCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.calls.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} connector calls, got ${this.calls.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.calls;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method === 'POST' && /^\/v3\/conversations\/?(?:\?|$)/.test(req.url ?? '')) {
      this.createConversation(Buffer.concat(chunks).toString('utf8'), res);
      return;
    }
    const paged = /^\/v3\/conversations\/([^/?]+)\/pagedmembers(?:\?|$)/.exec(req.url ?? '');
    if (paged && req.method === 'GET') {
      await this.pageOfMembers(decodeURIComponent(paged[1] ?? ''), req, res);
      return;
    }
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
    if (!m || !['POST', 'PUT'].includes(req.method ?? '')) {
      // No chaining: restify patches ServerResponse.prototype and its writeHead returns nothing.
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"NotFound"}}');
      return;
    }
    const failure = this.failures.shift() ?? this.always;
    this.attempts.push({
      method: req.method ?? '',
      at: Date.now(),
      status:
        failure?.kind === 'status' ? failure.status : failure && failure.kind !== 'slow' ? 0 : 200,
    });
    if (failure?.kind === 'status') {
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      res.end('{"error":{"code":"Throttled","message":"Too many requests"}}');
      return;
    }
    if (failure?.kind === 'hang') {
      this.hanging.add(res); // never answered; closed by stop()
      return;
    }
    if (failure?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (failure?.kind === 'slow') await new Promise((r) => setTimeout(r, failure.delayMs));
    const activity = JSON.parse(
      Buffer.concat(chunks).toString('utf8') || '{}',
    ) as ConnectorCall['activity'];
    this.calls.push({
      method: req.method ?? '',
      conversationId: decodeURIComponent(m[1] ?? ''),
      activityId: m[2] ? decodeURIComponent(m[2]) : undefined,
      activity,
      authorization: req.headers.authorization,
    });
    const id =
      req.method === 'PUT' && m[2] ? decodeURIComponent(m[2]) : `1:reply-${++this.counter}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id }));
    this.waiters.splice(0).forEach((wake) => wake());
  }

  /** A page of a team's members; the continuation token is the offset of the next page. */
  private async pageOfMembers(
    teamId: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    const query = new URL(req.url ?? '', 'http://connector').searchParams;
    const token = query.get('continuationToken');
    this.membersCalls.push({ teamId, pageSize: query.get('pageSize'), continuationToken: token });
    const failure = this.membersFailures.shift();
    if (failure?.kind === 'status') {
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      res.end('{"error":{"code":"Throttled","message":"Too many requests"}}');
      return;
    }
    if (failure?.kind === 'hang') {
      this.hanging.add(res); // never answered; closed by stop()
      return;
    }
    if (failure?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (failure?.kind === 'slow') await new Promise((r) => setTimeout(r, failure.delayMs));
    const all = this.members.get(teamId) ?? [];
    const from = token ? Number(/^page:(\d+)$/.exec(token)?.[1] ?? NaN) : 0;
    if (!Number.isInteger(from)) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"BadArgument","message":"Invalid continuation token"}}');
      return;
    }
    const next = from + this.membersPageSize;
    const body = {
      members: all.slice(from, next),
      ...(next < all.length ? { continuationToken: `page:${next}` } : {}),
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  /**
   * `POST /v3/conversations` as Teams answers it for a one-to-one chat: the conversation's id
   * (the same one for the same person every time), or a refusal for a person set with
   * `refuseConversationWith`.
   */
  private createConversation(body: string, res: http.ServerResponse): void {
    const parsed = JSON.parse(body || '{}') as Record<string, unknown>;
    const members = (Array.isArray(parsed.members) ? parsed.members : []).map((m) =>
      String((m as { id?: unknown }).id ?? ''),
    );
    const [member] = members;
    const refusal = member === undefined ? 400 : this.unreachable.get(member);
    const status = refusal ?? (members.length === 1 && parsed.isGroup === false ? 201 : 400);
    this.conversationsCreated.push({
      isGroup: parsed.isGroup,
      bot: parsed.bot,
      members,
      tenantId: parsed.tenantId,
      channelData: parsed.channelData,
      status,
    });
    if (status >= 400) {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            code: status === 403 ? 'Forbidden' : 'BadArgument',
            message:
              status === 403 ? 'The bot is not installed for this user.' : 'Invalid members.',
          },
        }),
      );
      return;
    }
    let id = this.personalChats.get(member!);
    if (!id) {
      id = `a:personal-${this.personalChats.size + 1}`;
      this.personalChats.set(member!, id);
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id }));
  }
}
