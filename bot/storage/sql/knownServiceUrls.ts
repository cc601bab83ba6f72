/**
 * How long a service URL learned here is trusted. Another instance may store a newer one
 * meanwhile; after this long this process writes again what Teams sends it.
 */
const TRUST_MS = 10 * 60_000;
/** More channels than this at once: start afresh rather than grow. */
const MAX_CHANNELS = 10_000;

/** What one transaction learns about stored service URLs, kept only if it commits. */
export interface TxServiceUrls {
  /** Whether `serviceUrl` is known to be the channel's stored one (so a write changes nothing). */
  isStored(tenantId: string, channelId: string, serviceUrl: string): boolean;
  /** The transaction stored (or found) `serviceUrl` as the channel's. */
  stored(tenantId: string, channelId: string, serviceUrl: string): void;
}

/**
 * The service URLs this process knows are stored, per tenant and channel. Every turn keeps
 * its channel's URL current, and it almost never changes: knowing it spares a statement
 * a turn (a round trip on PostgreSQL). Learned only from transactions that committed.
 */
export class KnownServiceUrls {
  private readonly known = new Map<string, { url: string; at: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** A transaction's view; `commit` after its COMMIT teaches this memo what it stored. */
  forTransaction(): TxServiceUrls & { commit(): void } {
    const learned = new Map<string, string>();
    return {
      isStored: (tenantId, channelId, serviceUrl) => {
        const key = keyOf(tenantId, channelId);
        if (learned.has(key)) return learned.get(key) === serviceUrl;
        const entry = this.known.get(key);
        return entry?.url === serviceUrl && this.now() - entry.at < TRUST_MS;
      },
      stored: (tenantId, channelId, serviceUrl) => {
        learned.set(keyOf(tenantId, channelId), serviceUrl);
      },
      commit: () => {
        const at = this.now();
        for (const [key, url] of learned) {
          if (this.known.size >= MAX_CHANNELS && !this.known.has(key)) this.known.clear();
          this.known.set(key, { url, at });
        }
      },
    };
  }
}

const keyOf = (tenantId: string, channelId: string) => `${tenantId}\n${channelId}`;
