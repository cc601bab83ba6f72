import type { LiveEventDto } from '../../shared/api/live';
import type { Logger } from '../logger';
import type { AuditSignal, Storage } from '../storage/types';
import type { Clock } from './clock';
import type { Viewer, WarRoomService } from './warRooms';

/** Where one stream's events go (the HTTP layer writes them to the response). */
export interface LiveSink {
  /** Queues an event; false when the client is too far behind (it is then dropped). */
  send(event: LiveEventDto): boolean;
  /** Keeps proxies from closing an idle stream; false when the client is too far behind. */
  heartbeat(): boolean;
  /** Resolves once what was queued has left (catch-up waits on it between pages). */
  drained(): Promise<void>;
  /** Ends the stream; the client reconnects and catches up from its last event id. */
  close(): void;
}

export interface LiveEventOptions {
  /** Streams this instance serves at once. */
  maxStreams: number;
  /** Streams one person (tenant + user) may hold on this instance. */
  maxStreamsPerUser: number;
  heartbeatMs: number;
  /** Reads every followed war room this often, for appends whose signal was lost. */
  pollMs: number;
  /** A stream is ended after this long, so its reconnect is authorised afresh. */
  maxStreamMs: number;
  /** Audit entries read per query. */
  pageSize: number;
}

export const DEFAULT_LIVE_OPTIONS: LiveEventOptions = {
  maxStreams: 1000,
  maxStreamsPerUser: 20,
  heartbeatMs: 15_000,
  pollMs: 5_000,
  maxStreamMs: 30 * 60_000,
  pageSize: 500,
};

/** This instance or this person already holds as many streams as allowed. */
export class StreamLimitReached extends Error {
  constructor(readonly scope: 'instance' | 'user') {
    super(`too many live streams (${scope})`);
    this.name = 'StreamLimitReached';
  }
}

interface Subscriber {
  user: string;
  sink: LiveSink;
  openedAt: number;
  /** The last seq this client has (or, before catch-up ends, null: fan-out skips it). */
  sentSeq: number | null;
}

interface Room {
  tenantId: string;
  subscribers: Set<Subscriber>;
  /** Reads of this war room's log run one at a time, in order. */
  queue: Promise<void>;
  /** A read is queued and not started: further signals need no other. */
  readQueued: boolean;
}

/**
 * Fans a war room's audit log out to its open streams. The audit log is the event log:
 * a signal that a war room's log grew (any instance, via storage) makes one read of the
 * new entries for that war room, whatever the number of clients, sent to each of them.
 */
export class LiveEventService {
  private readonly options: LiveEventOptions;
  private readonly rooms = new Map<string, Room>();
  private readonly perUser = new Map<string, number>();
  private streams = 0;
  private unsubscribe: (() => void) | undefined;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly deps: {
      storage: Storage;
      clock: Clock;
      logger: Logger;
      warRooms: WarRoomService;
      options?: Partial<LiveEventOptions>;
    },
  ) {
    this.options = { ...DEFAULT_LIVE_OPTIONS, ...deps.options };
  }

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.deps.storage.auditSignals.subscribe((s) => this.onSignal(s));
    const every = (ms: number, fn: () => void) => {
      const timer = setInterval(fn, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.heartbeatMs, () => this.beat());
    every(this.options.pollMs, () => {
      for (const id of this.rooms.keys()) this.read(id);
    });
  }

  /** Stops following the log and ends every stream (the server cannot close while they are open). */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.closeAll();
  }

  /** Ends every open stream; each client reconnects and catches up from its last event id. */
  closeAll(): void {
    for (const room of this.rooms.values()) {
      for (const s of room.subscribers) s.sink.close();
    }
  }

  /** Open streams, for tests and health. */
  get size(): number {
    return this.streams;
  }

  /**
   * Opens a stream of the war room for `viewer` (not found unless they may see it).
   * With `lastEventId`, first resends every entry after it, in order; without, starts at
   * the current end. Resolves once the stream follows the log, with the function that ends
   * it; rejects (the stream closed) if the catch-up could not be read.
   */
  async open(
    viewer: Viewer,
    warRoomId: string,
    lastEventId: number | undefined,
    sink: LiveSink,
  ): Promise<() => void> {
    const user = `${viewer.tenantId} ${viewer.userId}`;
    // Counted before any await, so a burst of opens cannot all pass the check.
    if (this.streams >= this.options.maxStreams) throw new StreamLimitReached('instance');
    if ((this.perUser.get(user) ?? 0) >= this.options.maxStreamsPerUser) {
      throw new StreamLimitReached('user');
    }
    this.count(user, +1);
    const warRoom = await this.deps.warRooms.getVisible(viewer, warRoomId).catch((e: unknown) => {
      this.count(user, -1);
      throw e;
    });
    let room = this.rooms.get(warRoom.id);
    if (!room) {
      room = {
        tenantId: warRoom.tenantId,
        subscribers: new Set(),
        queue: Promise.resolve(),
        readQueued: false,
      };
      this.rooms.set(warRoom.id, room);
    }
    const subscriber: Subscriber = {
      user,
      sink,
      openedAt: this.deps.clock.now().getTime(),
      sentSeq: null,
    };
    room.subscribers.add(subscriber);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      this.count(user, -1);
      room.subscribers.delete(subscriber);
      if (room.subscribers.size === 0 && this.rooms.get(warRoom.id) === room) {
        this.rooms.delete(warRoom.id);
      }
    };
    // In the room's queue: reads that fan out before or after it cannot interleave. Once it
    // resolves the stream is following: whatever commits later reaches it.
    const caughtUp = room.queue.then(() => this.catchUp(room, warRoom.id, subscriber, lastEventId));
    room.queue = caughtUp.catch(() => undefined); // the caller hears of it, below
    try {
      await caughtUp;
    } catch (e) {
      close();
      throw e;
    }
    return close;
  }

  private count(user: string, delta: 1 | -1): void {
    this.streams += delta;
    const n = (this.perUser.get(user) ?? 0) + delta;
    if (n > 0) this.perUser.set(user, n);
    else this.perUser.delete(user);
  }

  private async catchUp(
    room: Room,
    warRoomId: string,
    subscriber: Subscriber,
    lastEventId: number | undefined,
  ): Promise<void> {
    const { storage } = this.deps;
    const head = await storage.transaction((tx) => tx.audit.lastSeq(room.tenantId, warRoomId));
    // An id beyond the end (another database, a typo) resends nothing and follows from here.
    let seq = Math.min(lastEventId ?? head, head);
    while (seq < head && room.subscribers.has(subscriber)) {
      const page = await this.page(room.tenantId, warRoomId, seq);
      if (page.length === 0) break;
      for (const event of page) {
        if (!subscriber.sink.send(event)) return subscriber.sink.close();
        seq = event.seq;
      }
      await subscriber.sink.drained();
    }
    subscriber.sentSeq = seq;
  }

  private page(tenantId: string, warRoomId: string, afterSeq: number) {
    return this.deps.storage.transaction((tx) =>
      tx.audit.listSince(tenantId, warRoomId, afterSeq, this.options.pageSize),
    );
  }

  private onSignal(signal: AuditSignal): void {
    if (signal.kind === 'resync') {
      for (const id of this.rooms.keys()) this.read(id);
      return;
    }
    const room = this.rooms.get(signal.warRoomId);
    if (!room) return;
    // Already sent to everyone (a catch-up read got there first): nothing to read.
    const behind = [...room.subscribers].some((s) => s.sentSeq === null || s.sentSeq < signal.seq);
    if (behind) this.read(signal.warRoomId);
  }

  /** Queues one read of the war room's new entries, unless one is queued already. */
  private read(warRoomId: string): void {
    const room = this.rooms.get(warRoomId);
    if (!room || room.readQueued) return;
    room.readQueued = true;
    room.queue = room.queue.then(async () => {
      room.readQueued = false;
      try {
        await this.fanOut(room, warRoomId);
      } catch (error) {
        // The next signal or poll reads again; clients keep their place meanwhile.
        this.deps.logger.warn('live stream: could not read new audit entries', {
          warRoomId,
          error,
        });
      }
    });
  }

  private async fanOut(room: Room, warRoomId: string): Promise<void> {
    for (;;) {
      const ready = [...room.subscribers].filter((s) => s.sentSeq !== null);
      if (ready.length === 0) return;
      const from = Math.min(...ready.map((s) => s.sentSeq!));
      const page = await this.page(room.tenantId, warRoomId, from);
      for (const s of ready) {
        if (!room.subscribers.has(s)) continue;
        for (const event of page) {
          if (event.seq <= s.sentSeq!) continue;
          if (!s.sink.send(event)) {
            s.sink.close();
            break;
          }
          s.sentSeq = event.seq;
        }
      }
      if (page.length < this.options.pageSize) return;
    }
  }

  private beat(): void {
    const now = this.deps.clock.now().getTime();
    for (const room of this.rooms.values()) {
      for (const s of room.subscribers) {
        if (now - s.openedAt >= this.options.maxStreamMs || !s.sink.heartbeat()) s.sink.close();
      }
    }
  }
}
