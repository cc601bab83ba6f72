import http from 'node:http';
import type { AddressInfo } from 'node:net';

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

/**
 * A stand-in for Teams' Bot Connector on loopback: it speaks the v3 conversations REST
 * protocol the bot uses to post and edit messages, and records every call.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private server = http.createServer((req, res) => void this.handle(req, res));
  private counter = 0;
  /** Answers to give instead of success, first in first out (e.g. a 429 with Retry-After). */
  private readonly failures: { status: number; headers: Record<string, string> }[] = [];
  /** Every request, failed ones included (calls holds only the ones that succeeded). */
  readonly attempts: { method: string; at: number; status: number }[] = [];
  private waiters: (() => void)[] = [];
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` requests are answered with `status` (and `headers`) instead. */
  failNext(times: number, status: number, headers: Record<string, string> = {}): void {
    for (let i = 0; i < times; i++) this.failures.push({ status, headers });
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
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
    if (!m || !['POST', 'PUT'].includes(req.method ?? '')) {
      // No chaining: restify patches ServerResponse.prototype and its writeHead returns nothing.
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"NotFound"}}');
      return;
    }
    const failure = this.failures.shift();
    this.attempts.push({
      method: req.method ?? '',
      at: Date.now(),
      status: failure?.status ?? 200,
    });
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      res.end('{"error":{"code":"Throttled","message":"Too many requests"}}');
      return;
    }
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
}
