import type { AuditEntry } from '../../shared/domain/audit';
import type { ProgressPoint, StatusMove, TimelineRow } from '../../shared/report/model';

/** What an audit entry's subject (`incident:<id>`) is called in the report (`INC-4`). */
export type RefOf = (subject: string) => string;

/** Actions whose runs (same actor, same subject, one after the other) read as one line. */
const COLLAPSIBLE = new Set(['migration.imported', 'access.refused', 'incident.noted']);

/** Which kind of record a `status` in an entry's before/after belongs to. */
const MOVES: Record<string, StatusMove['of']> = {
  'incident.status_changed': 'incident',
  'decision.answered': 'decision',
  'decision.withdrawn': 'decision',
  'decision.expired': 'decision',
  'action.status_changed': 'action',
  'freeze.released': 'freeze',
};

interface StatusChange {
  from: string | null;
  to: string;
  count: number;
  examples?: string[];
}

/**
 * Folds a war room's audit entries, in chain order and page by page, into the report's
 * timeline (summarised: runs of imports or refusals collapse into one line), the progress
 * over the weekend (completed and failed mailboxes after each import, from the imports'
 * recorded status moves) and the mailboxes those moves name as failed.
 */
export class TimelineFold {
  private readonly rows: TimelineRow[] = [];
  private readonly points: ProgressPoint[] = [];
  private lastKey = '';
  private completed = 0;
  private failed = 0;
  /** Mailboxes the log names as having failed, with when (first time). */
  readonly failedSeen = new Map<string, string>();

  constructor(private readonly refOf: RefOf) {}

  add(e: AuditEntry): void {
    const after = record(e.after);
    const before = record(e.before);
    const changes = e.action === 'migration.imported' ? statusChanges(after) : [];
    if (changes.length > 0) this.progress(e.at, changes);
    const ofKind = MOVES[e.action];
    const move: StatusMove | null =
      ofKind && typeof after.status === 'string' && before.status !== after.status
        ? {
            of: ofKind,
            from: typeof before.status === 'string' ? before.status : null,
            to: after.status,
          }
        : null;
    const changed = changes.length > 0 ? changes.reduce((n, c) => n + c.count, 0) : null;
    const ref = this.refOf(e.subject);
    const key = `${e.action}\u0000${e.actorId}\u0000${ref}`;
    const previous = this.rows.at(-1);
    if (previous && COLLAPSIBLE.has(e.action) && key === this.lastKey) {
      previous.toSeq = e.seq;
      previous.count += 1;
      if (changed !== null) previous.changed = (previous.changed ?? 0) + changed;
      return;
    }
    this.lastKey = key;
    this.rows.push({
      seq: e.seq,
      toSeq: e.seq,
      at: e.at,
      actorName: e.actorName,
      action: e.action,
      ref,
      detail:
        e.action.endsWith('.status_changed') || e.action === 'migration.imported'
          ? ''
          : detailOf(after),
      move,
      changed,
      count: 1,
    });
  }

  timeline(): TimelineRow[] {
    return this.rows;
  }

  progress(at?: string, changes?: StatusChange[]): ProgressPoint[] {
    if (at === undefined || changes === undefined) return this.points;
    for (const c of changes) {
      if (c.to === 'completed') this.completed += c.count;
      if (c.from === 'completed') this.completed -= c.count;
      if (c.to === 'failed') {
        this.failed += c.count;
        for (const identity of c.examples ?? []) {
          if (!this.failedSeen.has(identity)) this.failedSeen.set(identity, at);
        }
      }
      if (c.from === 'failed') this.failed -= c.count;
    }
    this.points.push({ at, completed: this.completed, failed: this.failed });
    return this.points;
  }
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

function statusChanges(after: Record<string, unknown>): StatusChange[] {
  const raw = after.statusChanges;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (c): c is StatusChange =>
      !!c &&
      typeof c === 'object' &&
      typeof (c as StatusChange).to === 'string' &&
      typeof (c as StatusChange).count === 'number',
  );
}

/** What people wrote that names the record: a title, a question, a reason, a note, a name. */
function detailOf(after: Record<string, unknown>): string {
  for (const field of ['title', 'question', 'text', 'reason']) {
    const v = after[field];
    if (typeof v === 'string' && v !== '') return v;
  }
  if (typeof after.name === 'string' && typeof after.role === 'string')
    return `${after.name}: ${after.role}`;
  return '';
}
