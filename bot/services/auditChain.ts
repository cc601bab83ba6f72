import { GENESIS_HASH, type AuditEntry } from '../../shared/domain/audit';
import type { Storage } from '../storage/types';
import { hashEntry } from './auditHash';

/** Why an entry breaks its war room's chain. */
export type ChainBreakReason = 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch';

/** The first entry that breaks a chain, and why. */
export interface ChainBreak {
  seq: number;
  reason: ChainBreakReason;
}

/** What recomputing one war room's chain found. */
export interface ChainReport {
  verified: boolean;
  entries: number;
  /** Null for an empty chain. */
  firstSeq: number | null;
  lastSeq: number | null;
  /** The newest entry's hash: write it down elsewhere, and a later cut-off tail shows. */
  lastHash: string | null;
  brokenAt?: ChainBreak;
  /**
   * Entries of the first hash scheme whose personal values were erased: their place in the
   * chain is checked, their content no longer can be (decision 022). Absent when none.
   */
  erasedLegacy?: number;
}

/** Readable reasons, for the command line and logs. */
export const BREAK_REASON_TEXT: Record<ChainBreakReason, string> = {
  seq_gap: 'gap in seq',
  prev_hash_mismatch: 'prev-hash mismatch',
  hash_mismatch: 'hash mismatch',
};

/**
 * Checks one war room's entries as they come, in seq order, holding only the last hash:
 * a chain of any length is verified page by page. The first break is kept; later entries
 * are still counted so the report says how far the chain goes.
 */
export class ChainVerifier {
  private count = 0;
  private first: number | null = null;
  private last: AuditEntry | undefined;
  private broken: ChainBreak | undefined;
  private erasedLegacy = 0;

  /** Adds the next entry; returns the break it caused, if it is the first one. */
  add(entry: AuditEntry): ChainBreak | undefined {
    const expectedSeq = (this.last?.seq ?? 0) + 1;
    const prevHash = this.last?.hash ?? GENESIS_HASH;
    this.count += 1;
    this.first ??= entry.seq;
    this.last = entry;
    const legacyErased = entry.personal?.scheme === 1;
    if (legacyErased) this.erasedLegacy += 1;
    if (this.broken) return undefined;
    const { hash, ...rest } = entry;
    const reason: ChainBreakReason | undefined =
      entry.seq !== expectedSeq
        ? 'seq_gap'
        : entry.prevHash !== prevHash
          ? 'prev_hash_mismatch'
          : !legacyErased && hashEntry(rest) !== hash
            ? 'hash_mismatch'
            : undefined;
    if (reason) this.broken = { seq: entry.seq, reason };
    return this.broken;
  }

  report(): ChainReport {
    return {
      verified: !this.broken,
      entries: this.count,
      firstSeq: this.first,
      lastSeq: this.last?.seq ?? null,
      lastHash: this.last?.hash ?? null,
      ...(this.broken ? { brokenAt: this.broken } : {}),
      ...(this.erasedLegacy > 0 ? { erasedLegacy: this.erasedLegacy } : {}),
    };
  }
}

/** Entries read per transaction: small enough not to hold the store, large enough to be quick. */
export const AUDIT_PAGE_SIZE = 1000;

/**
 * A war room's chain, page by page, each page read in a transaction of its own (a long
 * read must not hold SQLite's write lock). The log is append-only, so pages cannot shift
 * under the reader; `upToSeq` stops at a known head, leaving out what was appended since.
 */
export async function* auditPages(
  storage: Storage,
  tenantId: string,
  warRoomId: string,
  options: { pageSize?: number; upToSeq?: number } = {},
): AsyncGenerator<AuditEntry[]> {
  const limit = options.pageSize ?? AUDIT_PAGE_SIZE;
  let afterSeq = 0;
  for (;;) {
    const page = await storage.transaction((tx) =>
      tx.audit.page(tenantId, warRoomId, { afterSeq, limit, upToSeq: options.upToSeq }),
    );
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < limit) return;
    afterSeq = last.seq;
  }
}

/** Recomputes a stored chain without holding more than one page in memory. */
export async function verifyStoredChain(
  storage: Storage,
  tenantId: string,
  warRoomId: string,
  options: { pageSize?: number } = {},
): Promise<ChainReport> {
  const verifier = new ChainVerifier();
  for await (const page of auditPages(storage, tenantId, warRoomId, options)) {
    for (const entry of page) verifier.add(entry);
  }
  return verifier.report();
}
