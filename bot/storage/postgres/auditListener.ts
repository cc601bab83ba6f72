import { Client } from 'pg';
import type { SignalHub } from '../signals';
import type { AuditSignal } from '../types';

/** The channel audit_log's trigger notifies (migration 12); payload `<war room id> <seq>`. */
export const AUDIT_CHANNEL = 'war_room_audit';

export interface AuditListenerOptions {
  connectTimeoutMs?: number;
  /** First reconnect delay; doubles per failure up to `maxBackoffMs`, with jitter. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** The listening connection failed (it reconnects by itself). */
  onError?: (error: Error) => void;
}

/**
 * The one connection per instance that LISTENs for audit appends, outside the pools (a
 * pooled connection would be handed to transactions). When it drops it reconnects with
 * backoff, then signals `resync`: notices sent while it was away are lost, so listeners
 * read what they follow again.
 */
export class AuditListener {
  private client: Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private running = false;

  constructor(
    private readonly url: string,
    private readonly hub: SignalHub<AuditSignal>,
    private readonly options: AuditListenerOptions = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined); // ending a broken connection: nothing to keep
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.url,
      application_name: 'war-room-listen',
      connectionTimeoutMillis: this.options.connectTimeoutMs ?? 3000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    let lost = false;
    const onLost = (error: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined); // already broken; end() only releases the socket
      if (!this.running) return;
      this.options.onError?.(error);
      this.retry();
    };
    client.on('error', onLost);
    client.on('end', () => onLost(new Error('PostgreSQL listening connection ended')));
    client.on('notification', (message) => {
      const [warRoomId, seq] = (message.payload ?? '').split(' ');
      const n = Number(seq);
      if (warRoomId && Number.isSafeInteger(n)) {
        this.hub.emit({ kind: 'appended', warRoomId, seq: n });
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${AUDIT_CHANNEL}`);
    } catch (e) {
      onLost(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    if (!this.running || lost) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
    this.hub.emit({ kind: 'resync' });
  }

  private retry(): void {
    const min = this.options.minBackoffMs ?? 250;
    const max = this.options.maxBackoffMs ?? 15_000;
    const delay = Math.min(max, min * 2 ** this.failures++);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), delay / 2 + Math.random() * (delay / 2));
    this.timer.unref();
  }
}
