import type { AuditEntry } from '../../shared/domain/audit';
import type { Action } from '../../shared/domain/action';
import type { ApiKey } from '../../shared/domain/apiKey';
import type { Decision } from '../../shared/domain/decision';
import type { FreezeTarget, FreezeWindow } from '../../shared/domain/freeze';
import type {
  Incident,
  IncidentListing,
  IncidentNote,
  IncidentStatus,
  Severity,
} from '../../shared/domain/incident';
import type {
  MigrationCount,
  MigrationImport,
  MigrationItem,
  MigrationSettings,
} from '../../shared/domain/migration';
import type { MigrationStatus } from '../../shared/migration/status';
import type { Role, WarRoom } from '../../shared/domain/warRoom';
import type { Pseudonym } from '../../shared/domain/privacy';
import type { NameMatcher } from '../../shared/domain/privacyText';
import type { Language } from '../../shared/i18n';

/**
 * The storage port. Services see only this; SQL stays in the implementations beside it
 * (sqlite/, postgres/), which pass the same contract tests (tests/storage).
 *
 * Every read and write is scoped by tenant id: no method can reach another tenant's rows.
 */
export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one transaction: everything it writes commits together, or nothing does
   * if it throws. Transactions never interleave on the same rows (SQLite serialises them;
   * PostgreSQL locks the war-room row for counters and the audit chain). A statement that
   * fails inside it fails the whole transaction, even if `fn` catches its error: it then
   * rejects with TransactionAbortedError instead of committing (docs/decisions/029). A
   * write PostgreSQL holds to the commit (`Exec.write`) fails there, with its own error.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs `fn`, which runs exactly one statement, committed on its own: atomic as any single
   * statement is, without BEGIN and COMMIT (two round trips on PostgreSQL). A second
   * statement throws (a mistake of the caller's): the first has committed, unless it is a
   * write PostgreSQL holds (`Exec.write`), which is then dropped unsent.
   */
  single<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs `fn`, which only reads, like `transaction`. PostgreSQL runs its statements without
   * BEGIN and COMMIT, two round trips fewer: at READ COMMITTED each statement takes its own
   * snapshot inside a transaction too. A statement that is not a SELECT is refused.
   */
  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * As `read`, and every statement sees the database as one moment left it: a record read
   * first cannot be older than its history read after it (docs/decisions/029). PostgreSQL:
   * one REPEATABLE READ, READ ONLY transaction (BEGIN and COMMIT again); SQLite: `read`.
   */
  snapshot<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Rejects unless the database answers a trivial query (for health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Tells who listens when audit entries commit (the live event stream, services/liveEvents.ts). */
  readonly auditSignals: AuditSignals;
  /**
   * Tells who listens when a transaction of this process that enqueued outbox messages
   * commits (the delivery, which sends them at once instead of at its next poll).
   */
  readonly outboxSignals: Signals<OutboxSignal>;
}

export interface Tx {
  readonly warRooms: WarRoomRepo;
  readonly incidents: IncidentRepo;
  readonly audit: AuditRepo;
  readonly inbox: InboxRepo;
  readonly outbox: OutboxRepo;
  readonly jobs: JobRepo;
  readonly roles: RoleRepo;
  readonly decisions: DecisionRepo;
  readonly actions: ActionRepo;
  readonly roster: RosterRepo;
  readonly personalChats: PersonalChatRepo;
  readonly migrationItems: MigrationItemRepo;
  readonly migrationImports: MigrationImportRepo;
  readonly migrationSettings: MigrationSettingsRepo;
  readonly apiKeys: ApiKeyRepo;
  readonly freezes: FreezeRepo;
  readonly signingKeys: SigningKeyRepo;
  readonly lessons: LessonsRepo;
  readonly handovers: HandoverRepo;
  readonly dashboard: DashboardRepo;
  readonly privacy: PrivacyRepo;
  readonly lifecycle: LifecycleRepo;
  /** Items per batch and status, kept by the item writers (docs/decisions/025). */
  readonly migrationTotals: MigrationTotalsRepo;
}

export interface WarRoomRepo {
  /** Throws `StorageConflictError` if the channel already has a war room. */
  insert(warRoom: WarRoom): Promise<void>;
  findById(tenantId: string, id: string): Promise<WarRoom | undefined>;
  findByChannel(tenantId: string, channelId: string): Promise<WarRoom | undefined>;
  /** `findById` and its count of incidents not resolved, in one statement. */
  findWithOpenIncidents(
    tenantId: string,
    id: string,
  ): Promise<{ warRoom: WarRoom; openIncidents: number } | undefined>;
  /** Newest first. */
  listByTenant(tenantId: string): Promise<WarRoom[]>;
  /**
   * Every tenant's war rooms, oldest first: for operator tools that check the whole store
   * (`npm run audit:verify`), never for anything a tenant's user can reach.
   */
  listAcrossTenants(): Promise<WarRoom[]>;
  /**
   * Keeps the channel's service URL current (Teams may move a tenant to another one, and
   * proactive messages must use the latest). Returns true when it changed.
   */
  refreshServiceUrl(tenantId: string, channelId: string, serviceUrl: string): Promise<boolean>;
  /**
   * Takes the war room's write lock until the transaction ends, so changes to its records
   * and its audit chain apply one after the other. `earlierReadsCurrent` says whether rows
   * read before the lock are still current (SQLite: the transaction has been alone since it
   * began) or must be read again (PostgreSQL: another may have committed meanwhile).
   */
  lock(tenantId: string, warRoomId: string): Promise<{ earlierReadsCurrent: boolean }>;
  /** Atomically takes the next number of a per-war-room sequence (1, 2, 3…). */
  nextNumber(
    tenantId: string,
    warRoomId: string,
    sequence: 'incident' | 'decision' | 'action',
  ): Promise<number>;
}

export interface IncidentRepo {
  insert(incident: Incident): Promise<void>;
  findById(tenantId: string, id: string): Promise<Incident | undefined>;
  findByNumber(tenantId: string, warRoomId: string, number: number): Promise<Incident | undefined>;
  /**
   * Writes `incident` if the stored version is still `expectedVersion`
   * (`incident.version` is the new one). Returns false when it was not: a stale update.
   * The card activity id is not written here (see setCardActivityId).
   */
  update(incident: Incident, expectedVersion: number): Promise<boolean>;
  /**
   * Records the Teams message that shows the incident's card. Touches only that column (and
   * not the version), so it can never overwrite or be overwritten by a status change.
   * No such incident (erased, another tenant's) fails the transaction with RowMissingError.
   */
  setCardActivityId(tenantId: string, id: string, activityId: string): Promise<void>;
  /** Oldest first. */
  listByWarRoom(tenantId: string, warRoomId: string): Promise<Incident[]>;
  addNote(note: IncidentNote): Promise<void>;
  /** The incident's notes, oldest first. */
  listNotes(tenantId: string, incidentId: string): Promise<IncidentNote[]>;
  /**
   * Incidents numbered after `after`, oldest first, at most `limit`: a page costs its size.
   * Only what a list shows (`IncidentListing`): a page of 200 decodes no more than it needs.
   */
  listAfter(
    tenantId: string,
    warRoomId: string,
    after: number,
    limit: number,
  ): Promise<IncidentListing[]>;
  /** Newest first: one page of those that match, and how many match (counted by the database). */
  page(tenantId: string, warRoomId: string, filter: IncidentPageFilter): Promise<IncidentPage>;
}

export interface IncidentPageFilter {
  /** Empty or absent: any. */
  statuses?: readonly IncidentStatus[];
  severities?: readonly Severity[];
  offset: number;
  limit: number;
}

export interface IncidentPage {
  incidents: Incident[];
  total: number;
}

export interface AuditRepo {
  /**
   * The newest entry of a war room's chain. Within a transaction this also takes the
   * chain's lock, so the append that follows cannot race another writer.
   */
  head(tenantId: string, warRoomId: string): Promise<{ seq: number; hash: string } | undefined>;
  append(entry: AuditEntry): Promise<void>;
  /** In chain order. */
  list(tenantId: string, warRoomId: string): Promise<AuditEntry[]>;
  /**
   * Up to `limit` entries with seq greater than `afterSeq` (and at most `upToSeq` when
   * given), in chain order: a long chain is read page by page, each page in a transaction
   * of its own.
   */
  page(
    tenantId: string,
    warRoomId: string,
    range: { afterSeq: number; limit: number; upToSeq?: number },
  ): Promise<AuditEntry[]>;
  /** The headlines of the entries after `afterSeq`, in chain order, at most `limit`. */
  listSince(
    tenantId: string,
    warRoomId: string,
    afterSeq: number,
    limit: number,
  ): Promise<AuditHeadline[]>;
  /** The seq of the war room's newest entry (0 when it has none), without taking any lock. */
  lastSeq(tenantId: string, warRoomId: string): Promise<number>;
  /** Entries matching `filter`, newest first, at most `limit`: the tab's timeline. */
  search(tenantId: string, warRoomId: string, filter: AuditSearch): Promise<AuditEntry[]>;
  /**
   * How many entries of each action were written after `after` and at or before `upTo`:
   * the handover's window, read by time through an index.
   */
  countActions(
    tenantId: string,
    warRoomId: string,
    window: { after: string; upTo: string },
  ): Promise<{ action: string; count: number }[]>;
}

/** What the timeline asks of the log; every field narrows it (instants inclusive). */
export interface AuditSearch {
  actions?: readonly string[];
  actorId?: string;
  subject?: string;
  from?: string;
  to?: string;
  /** Only entries older than this seq (the next page). */
  beforeSeq?: number;
  limit: number;
}

/** Remembers which inbound Bot Framework activities were handled (redelivery guard). */
export interface InboxRepo {
  /**
   * Records the activity as handled by this transaction. If it was recorded before, the
   * transaction fails with `handledBefore()`: at once on SQLite; on PostgreSQL when the
   * claim, held with the transaction's other writes, is sent (at the commit at the latest).
   * Whatever the transaction did before then is undone with it.
   */
  claim(
    conversationId: string,
    activityId: string,
    at: string,
    handledBefore: () => Error,
  ): Promise<void>;
  /**
   * For work that failed before its commit, so that a redelivery is told from a refusal:
   * fails with a claim's `handledBefore()` if its activity was claimed by a committed
   * transaction. PostgreSQL reads the claim rather than writing it (decision 032). A claim
   * still in flight is not waited for: the work was refused on what it read, committed
   * without that claim's changes.
   */
  confirmClaims(): Promise<void>;
  /**
   * Forgets claims received before `before` (Bot Framework redelivers within minutes, so
   * old claims only take space). Returns how many were removed.
   */
  prune(before: string): Promise<number>;
}

/** Where a message to Teams goes: a conversation (a channel thread, a chat) at a service URL. */
export interface OutboxTarget {
  serviceUrl: string;
  /** Empty for a personal chat not opened yet (the sender opens it). */
  conversationId: string;
  /** Post as a reply to this activity (the command that asked). */
  replyToId?: string;
  /** For an update in place: the activity to replace. */
  activityId?: string;
  /**
   * A one-to-one chat between the bot and this person (a post only): the sender opens it
   * (or finds it in personalChats) and posts there. When that finally fails (the person
   * never installed the app, say), the message's failure notice goes to `fallback`.
   */
  personal?: { teamsUserId: string; fallback: OutboxTarget };
}

/** Messages to one conversation are ordered and paced together under this key. */
export const conversationKey = (t: OutboxTarget): string =>
  t.personal
    ? `${t.serviceUrl} personal:${t.personal.teamsUserId}`
    : `${t.serviceUrl} ${t.conversationId}`;

export type OutboxState = 'pending' | 'sending' | 'sent' | 'unknown' | 'failed';

/** A message owed to Teams, written in the same transaction as the work that owes it. */
export interface NewOutboxMessage {
  id: string;
  tenantId: string;
  target: OutboxTarget;
  operation: 'post' | 'update';
  /** What the message shows (`incident:<id>`): the posted activity id is recorded for it. */
  subject: string | null;
  /** The Bot Framework activity to send (text or attachments), as JSON. */
  activity: Record<string, unknown>;
  /** Posted in its place when this message finally cannot be delivered. */
  failureNotice: Record<string, unknown> | null;
  createdAt: string;
}

export interface OutboxMessage extends NewOutboxMessage {
  /** Order of sending within a conversation. */
  seq: number;
  state: OutboxState;
  attempts: number;
  notBefore: string;
  sentActivityId: string | null;
  lastError: string | null;
}

/** A message leased to be sent (`OutboxRepo.claimDue`). */
export interface ClaimedMessage extends OutboxMessage {
  /** Another message of its conversation was waiting behind it when it was leased. */
  followed: boolean;
}

/** How a send attempt ended, as the outbox records it. */
export type OutboxSettlement =
  | { state: 'sent'; activityId: string | null }
  | { state: 'pending'; notBefore: string; error: string; countAttempt: boolean }
  | { state: 'unknown' | 'failed'; error: string };

/** Messages owed to Teams; sent after the commit by a paced sender (services/delivery.ts). */
export interface OutboxRepo {
  enqueue(message: NewOutboxMessage): Promise<void>;
  /**
   * Leases due messages for sending until `leaseUntil`: only the oldest unsent message of
   * each conversation (messages to one conversation go out in order), at most `limit`.
   * A message is leased by one sender at a time, across instances.
   */
  claimDue(now: string, leaseUntil: string, limit: number): Promise<ClaimedMessage[]>;
  /**
   * Messages whose sender's lease ran out (the sender died mid-send): an update goes back
   * to pending (safe to repeat); a post becomes unknown (it may have arrived: never
   * re-posted blindly). Returns them as they now are.
   */
  expireLeases(now: string): Promise<OutboxMessage[]>;
  /** Records the end of a send attempt; false when the message was not being sent. */
  settle(id: string, outcome: OutboxSettlement, now: string): Promise<boolean>;
  /**
   * `settle` with `sent`, for a caller that does not need to know whether the message was
   * still being sent: one round trip fewer on PostgreSQL (see `Exec.write`).
   */
  settleSent(id: string, activityId: string | null, now: string): Promise<void>;
  findById(id: string): Promise<OutboxMessage | undefined>;
  /** Counts by state (for health and tests). */
  countByState(): Promise<Partial<Record<OutboxState, number>>>;
  /** The latest post showing `subject` (its card), whatever its state. */
  findPost(tenantId: string, subject: string): Promise<OutboxMessage | undefined>;
  /** The newest update in place of `subject` that has not left yet. */
  findPendingUpdate(tenantId: string, subject: string): Promise<OutboxMessage | undefined>;
  /** Replaces the activity of a message not yet sent; false when it is no longer pending. */
  replacePending(id: string, activity: Record<string, unknown>): Promise<boolean>;
  /**
   * Where the card of `subject` stands, in one read and without the cards themselves:
   * its latest post (as findPost) and its newest update not yet sent (as findPendingUpdate).
   */
  cardOf(tenantId: string, subject: string): Promise<CardInOutbox>;
  /**
   * Forgets sent messages settled before `before`, except posts with a subject (they say
   * where a card lives, for later updates in place). Returns how many.
   */
  prune(before: string): Promise<number>;
}

/** OutboxRepo.cardOf: a card's post and pending edit, without their activities. */
export interface CardInOutbox {
  post?: Pick<OutboxMessage, 'id' | 'state' | 'target' | 'sentActivityId'>;
  pendingUpdateId?: string;
}

/** A role the lead gave someone in a war room. */
export interface RoleAssignment {
  tenantId: string;
  warRoomId: string;
  /** Teams user id (`29:…`), what mentions carry. */
  teamsUserId: string;
  /** Entra object id, when known (actors are identified by it). */
  userId: string | null;
  name: string;
  role: Role;
  assignedById: string;
  assignedAt: string;
}

/** Roles given in war rooms. Someone without one has the default role (shared/domain/roles.ts). */
export interface RoleRepo {
  /** The assignment of the person with either id, if any. */
  find(
    tenantId: string,
    warRoomId: string,
    ids: { userId: string; teamsUserId?: string },
  ): Promise<RoleAssignment | undefined>;
  /** Creates or replaces the person's assignment (keyed by war room and Teams user id). */
  put(assignment: RoleAssignment): Promise<void>;
  /** In order of assignment. */
  list(tenantId: string, warRoomId: string): Promise<RoleAssignment[]>;
}

export interface DecisionRepo {
  insert(decision: Decision): Promise<void>;
  findById(tenantId: string, id: string): Promise<Decision | undefined>;
  /** DEC-`number` of the war room. */
  findByNumber(tenantId: string, warRoomId: string, number: number): Promise<Decision | undefined>;
  /**
   * Writes `decision` if the stored version is still `expectedVersion`; false when it was
   * not (someone answered first: the caller reloads and sees the outcome).
   */
  update(decision: Decision, expectedVersion: number): Promise<boolean>;
  /** Oldest first. */
  listByWarRoom(tenantId: string, warRoomId: string): Promise<Decision[]>;
}

export interface ActionRepo {
  insert(action: Action): Promise<void>;
  findById(tenantId: string, id: string): Promise<Action | undefined>;
  /** Writes `action` if the stored version is still `expectedVersion`; false otherwise. */
  update(action: Action, expectedVersion: number): Promise<boolean>;
  /** By number; only open ones when `openOnly`. */
  listByWarRoom(tenantId: string, warRoomId: string, openOnly?: boolean): Promise<Action[]>;
  /** The actions that follow up this incident or decision, by number. */
  listFollowUps(
    tenantId: string,
    of: { kind: 'incident' | 'decision'; id: string },
  ): Promise<Action[]>;
}

/** A write meant to change one row found none: it was deleted, or is another tenant's. */
export class RowMissingError extends Error {
  constructor(readonly table: string) {
    super(`no such row in ${table}`);
    this.name = 'RowMissingError';
  }
}

/** A uniqueness rule of the store was broken (e.g. a second war room in a channel). */
export class StorageConflictError extends Error {
  constructor(readonly constraint: string) {
    super(`storage conflict on ${constraint}`);
    this.name = 'StorageConflictError';
  }
}

export type JobState = 'pending' | 'running' | 'done' | 'failed';

/** Work due at a time (services/scheduler.ts), written in whichever transaction owes it. */
export interface NewJob {
  id: string;
  /** Which registered handler runs it (`housekeeping`, `decision.reminder`). */
  kind: string;
  tenantId: string | null;
  warRoomId: string | null;
  payload: Record<string, unknown>;
  /**
   * At most one job per key, ever (until a done job is pruned): a recurring job or a
   * per-subject one (`housekeeping`, `decision:<id>:reminder:1`) is scheduled once.
   */
  dedupeKey: string | null;
  dueAt: string;
  createdAt: string;
}

export interface Job extends NewJob {
  state: JobState;
  /** Runs started (counted when leased, so a run whose instance died counts too). */
  attempts: number;
  leaseUntil: string | null;
  lastError: string | null;
  updatedAt: string;
}

/** One run of a job: the job and its attempt number, which fences off an older run. */
export type JobLease = Pick<Job, 'id' | 'attempts'>;

/** How a run ended, as the jobs table records it. */
export type JobSettlement =
  | { state: 'done' }
  /** Runs again at `dueAt`: a retry (attempts kept) or a recurring job's next run (reset). */
  | { state: 'pending'; dueAt: string; error: string | null; resetAttempts: boolean }
  | { state: 'failed'; error: string };

/** Jobs with a due time, leased by one instance at a time (services/scheduler.ts). */
export interface JobRepo {
  /**
   * Adds a pending job. When its dedupe key is taken, changes nothing and returns false
   * (to move a pending job's due time: `cancel` it and schedule it again, in one transaction).
   */
  schedule(job: NewJob): Promise<boolean>;
  /**
   * Leases due pending jobs until `leaseUntil`, earliest due first, at most `limit`, only of
   * `kinds` when given (an instance leases only what it can run), and counts the attempt.
   * A job is leased by one instance at a time; PostgreSQL skips jobs another is leasing.
   */
  claimDue(
    now: string,
    leaseUntil: string,
    limit: number,
    kinds?: readonly string[],
  ): Promise<Job[]>;
  /**
   * Records the end of a run; false when that run no longer holds the job (its lease ran
   * out and the job was released or leased again).
   */
  settle(lease: JobLease, outcome: JobSettlement, now: string): Promise<boolean>;
  /** Jobs whose instance died mid-run (lease ran out) go back to pending; returns them. */
  expireLeases(now: string): Promise<Job[]>;
  /** Removes the pending job with this key (a running one finishes). True if one was. */
  cancel(dedupeKey: string): Promise<boolean>;
  findById(id: string): Promise<Job | undefined>;
  findByDedupeKey(dedupeKey: string): Promise<Job | undefined>;
  /** Forgets done jobs finished before `before` (which frees their keys). Returns how many. */
  prune(before: string): Promise<number>;
}

/** A member of a team as the Bot Connector lists them. */
export interface TeamMember {
  /** Teams user id (`29:…`). */
  teamsUserId: string;
  /** Entra object id: what a tab SSO token's `oid` is matched against. */
  aadObjectId: string | null;
  name: string;
  userPrincipalName: string | null;
  email: string | null;
}

/** A team member as stored: whose team, and when Teams last told us they were in it. */
export interface RosterEntry extends TeamMember {
  tenantId: string;
  teamId: string;
  refreshedAt: string;
}

/** Team rosters, a cache of the Bot Connector's member lists (services/roster.ts). */
export interface RosterRepo {
  /** Makes `members` the team's whole roster, all confirmed at `at`. */
  replaceTeam(tenantId: string, teamId: string, members: TeamMember[], at: string): Promise<void>;
  /**
   * Adds or refreshes one member. A field the entry lacks (null aadObjectId, userPrincipalName
   * or email, empty name) keeps its stored value: membership events carry little.
   */
  upsert(entry: RosterEntry): Promise<void>;
  /** True when the member was there. */
  remove(tenantId: string, teamId: string, teamsUserId: string): Promise<boolean>;
  /** The teams the person (by Entra object id) is a member of, sorted. */
  teamsOf(tenantId: string, aadObjectId: string): Promise<string[]>;
  /** In order of Teams user id. */
  list(tenantId: string, teamId: string): Promise<RosterEntry[]>;
  /**
   * The team's members with one of these Teams user ids or Entra object ids, in no order:
   * a card names a few people, and a team may have thousands.
   */
  findPeople(
    tenantId: string,
    teamId: string,
    teamsUserIds: readonly string[],
    aadObjectIds: readonly string[],
  ): Promise<RosterEntry[]>;
  /** The team's member with this Entra object id (what a card's people picker sends). */
  findByAadObjectId(
    tenantId: string,
    teamId: string,
    aadObjectId: string,
  ): Promise<RosterEntry | undefined>;
  /**
   * How fresh the roster is: the oldest confirmation among its members (the last full
   * refresh, unless every member was confirmed since); undefined when the team has none.
   */
  lastRefreshed(tenantId: string, teamId: string): Promise<string | undefined>;
}

/** The one-to-one chat the bot opened with someone (Bot Connector `POST /v3/conversations`). */
export interface PersonalChat {
  tenantId: string;
  /** Teams user id (`29:…`). */
  teamsUserId: string;
  serviceUrl: string;
  conversationId: string;
  openedAt: string;
}

/** Personal chats opened so far: a cache, so each is opened once, not per message. */
export interface PersonalChatRepo {
  find(tenantId: string, teamsUserId: string): Promise<PersonalChat | undefined>;
  /** Records (or replaces) the person's chat. */
  put(chat: PersonalChat): Promise<void>;
  /** Forgets the person's chat (it refused a message); true if one was known. */
  forget(tenantId: string, teamsUserId: string): Promise<boolean>;
}

/**
 * An item as an import writes it: with a digest of what the import said of it, so the next
 * import can tell an unchanged row without reading the item (absent: null, compare in full).
 */
export type FingerprintedItem = MigrationItem & { fingerprint?: string | null };

/** Items of a war room's migration, one per identity (services/migration.ts writes them). */
export interface MigrationItemRepo {
  /** Every item of the war room, in no set order: what an import compares against. */
  listAll(tenantId: string, warRoomId: string): Promise<MigrationItem[]>;
  /**
   * Inserts the items, or replaces the stored ones with the same war room and identity
   * (all fields but `firstSeenAt`). Many statements of many rows each; pass only items
   * that changed. The items must be of one tenant's war rooms.
   */
  upsert(items: readonly FingerprintedItem[]): Promise<void>;
  find(tenantId: string, warRoomId: string, identity: string): Promise<MigrationItem | undefined>;
  /**
   * Each item's identity and the fingerprint it was written with (null: none), without
   * reading whole items: what an import compares against first.
   */
  fingerprints(tenantId: string, warRoomId: string): Promise<Map<string, string | null>>;
  /** The items with these identities (those that exist), in no set order. */
  findMany(
    tenantId: string,
    warRoomId: string,
    identities: readonly string[],
  ): Promise<MigrationItem[]>;
  /** Items with this status (and batch, when given; null: no batch), by identity, at most `limit`. */
  list(
    tenantId: string,
    warRoomId: string,
    filter: { status?: MigrationStatus; batch?: string | null; limit: number },
  ): Promise<MigrationItem[]>;
  /** How many items there are per batch and normalised status (counted by the database). */
  counts(tenantId: string, warRoomId: string): Promise<MigrationCount[]>;
}

/** The imports a war room accepted. */
export interface MigrationImportRepo {
  insert(record: MigrationImport): Promise<void>;
  findById(tenantId: string, id: string): Promise<MigrationImport | undefined>;
  /** The newest first, at most `limit`. */
  listRecent(tenantId: string, warRoomId: string, limit: number): Promise<MigrationImport[]>;
}

/** The lead's column mapping and status words, one per war room. */
export interface MigrationSettingsRepo {
  find(tenantId: string, warRoomId: string): Promise<MigrationSettings | undefined>;
  /** Creates or replaces the war room's settings. */
  put(settings: MigrationSettings): Promise<void>;
}

/** API keys of war rooms, stored as hashes. */
export interface ApiKeyRepo {
  /** Throws `StorageConflictError` if the hash is taken (a random 256-bit key never repeats). */
  insert(key: ApiKey): Promise<void>;
  /**
   * The key with this hash, revoked or not. The one lookup not scoped by tenant: the key
   * is what tells whose it is.
   */
  findByHash(keyHash: string): Promise<ApiKey | undefined>;
  findById(tenantId: string, id: string): Promise<ApiKey | undefined>;
  /** Oldest first, revoked ones included. */
  list(tenantId: string, warRoomId: string): Promise<ApiKey[]>;
  /** Marks the key revoked at `at`; false when it was revoked already (or is not there). */
  revoke(tenantId: string, id: string, at: string): Promise<boolean>;
  /**
   * Records a use at `at`, unless one at or after `notBefore` is recorded already: a script
   * calling every second does not write every second. True when it wrote.
   */
  markUsed(tenantId: string, id: string, at: string, notBefore: string): Promise<boolean>;
}

/** A mailbox an import showed moving inside a freeze window in force. */
export interface FreezeViolation {
  tenantId: string;
  warRoomId: string;
  freezeId: string;
  identity: string;
  importId: string;
  /** The incident raised for it. */
  incidentId: string | null;
  at: string;
}

/** Freeze windows of war rooms (services/freezes.ts). */
export interface FreezeRepo {
  /** Throws `StorageConflictError` when the number is taken. */
  insert(window: FreezeWindow): Promise<void>;
  /** The next FRZ number of the war room (call under the war room's lock). */
  nextNumber(tenantId: string, warRoomId: string): Promise<number>;
  findByNumber(
    tenantId: string,
    warRoomId: string,
    number: number,
  ): Promise<FreezeWindow | undefined>;
  /** The window a go/no-go decides the early release of. */
  findByReleaseDecision(tenantId: string, decisionId: string): Promise<FreezeWindow | undefined>;
  /** By number. */
  listByWarRoom(tenantId: string, warRoomId: string): Promise<FreezeWindow[]>;
  /** Writes status and release if the stored version is `expectedVersion`. */
  update(window: FreezeWindow, expectedVersion: number): Promise<boolean>;
  /** Records violations; one already recorded (window, identity, import) is kept. */
  addViolations(violations: readonly FreezeViolation[]): Promise<void>;
  /** Every violation of the war room's windows, oldest first (the evaluation report). */
  listViolations(tenantId: string, warRoomId: string): Promise<FreezeViolation[]>;
  /** How many mailboxes ever moved inside a window of the war room. */
  countViolations(tenantId: string, warRoomId: string): Promise<number>;
}

/** What the live event stream shows of an audit entry: no actors, no before/after. */
export type AuditHeadline = Pick<AuditEntry, 'seq' | 'action' | 'subject' | 'at'>;

/**
 * A war room's audit log grew (`appended`: up to `seq`, committed), or notices may have
 * been lost and every listener should read what it follows again (`resync`: PostgreSQL's
 * listening connection came back).
 */
export type AuditSignal = { kind: 'appended'; warRoomId: string; seq: number } | { kind: 'resync' };

/**
 * Audit commits as they happen. PostgreSQL: from every instance (NOTIFY in the appending
 * transaction, one LISTEN connection per instance); SQLite: from this process, after COMMIT.
 */
export type AuditSignals = Signals<AuditSignal>;

/** Messages were committed to the outbox by this process. */
export type OutboxSignal = { kind: 'enqueued' };

export interface Signals<S> {
  /** Returns the unsubscribe function. */
  subscribe(listener: (signal: S) => void): () => void;
}

/** Secrets the instances of one deployment share, created once (the stream ticket key). */
export interface SigningKeyRepo {
  /** The key named `name`; stores `candidate` first when there is none yet. */
  ensure(name: string, candidate: string, at: string): Promise<string>;
}

/** The lead's lessons learned of a war room, for its evaluation report. */
export interface StoredLessons {
  tenantId: string;
  warRoomId: string;
  text: string;
  byId: string;
  byName: string;
  at: string;
  version: number;
}

export interface LessonsRepo {
  find(tenantId: string, warRoomId: string): Promise<StoredLessons | undefined>;
  /** Creates or replaces the war room's lessons. */
  put(lessons: StoredLessons): Promise<void>;
}

/** A shift handover posted in a war room, with the migration figures it reported. */
export interface Handover {
  id: string;
  tenantId: string;
  warRoomId: string;
  at: string;
  byId: string;
  byName: string;
  completed: number;
  failed: number;
}

export interface HandoverRepo {
  insert(handover: Handover): Promise<void>;
  /** The newest handover of the war room posted at or before `at`. */
  lastBefore(tenantId: string, warRoomId: string, at: string): Promise<Handover | undefined>;
}

/** A count per UTC hour; `hour` is the hour's first instant. */
export interface HourCount {
  hour: string;
  count: number;
}

/** Filters and order of a page of migration items (the tab's items table). */
export interface ItemPageQuery {
  search?: string;
  status?: MigrationStatus;
  /** null: items without a batch. */
  batch?: string | null;
  tag?: string;
  sort: 'identity' | 'status' | 'batch' | 'updated';
  dir: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/**
 * The dashboard's reads (services/dashboard.ts): everything counted by the database, so
 * none of them loads a war room's items, incidents or actions to count them.
 */
export interface DashboardRepo {
  /** Incidents not resolved. */
  openIncidentCount(tenantId: string, warRoomId: string): Promise<number>;
  /** Incidents not resolved, per severity (severities with none are absent). */
  openIncidentsBySeverity(
    tenantId: string,
    warRoomId: string,
  ): Promise<{ severity: Severity; count: number }[]>;
  /** How many decisions are pending, and the first `limit` by deadline (none last). */
  pendingDecisions(
    tenantId: string,
    warRoomId: string,
    limit: number,
  ): Promise<{
    count: number;
    next: {
      number: number;
      question: string;
      kind: 'approval' | 'goNoGo';
      deadline: string | null;
    }[];
  }>;
  /** Open actions, and those of them due before `now`. */
  actionCounts(
    tenantId: string,
    warRoomId: string,
    now: string,
  ): Promise<{ open: number; overdue: number }>;
  /** Items any of the targets holds, each counted once. */
  countHeld(tenantId: string, warRoomId: string, targets: FreezeTarget[]): Promise<number>;
  /**
   * One page of items and how many match the filters in all: `total` when the caller
   * knows it already (from the kept totals), else counted.
   */
  itemPage(
    tenantId: string,
    warRoomId: string,
    query: ItemPageQuery,
    total?: number,
  ): Promise<{ total: number; items: MigrationItem[] }>;
  /**
   * Items now completed or failed, by the UTC hour their status last changed (at or after
   * `since`). An item that failed and then completed counts only as completed: items keep
   * their last status change, not their history.
   */
  statusChangesPerHour(
    tenantId: string,
    warRoomId: string,
    since: string,
  ): Promise<{ hour: string; status: MigrationStatus; count: number }[]>;
  /** Incidents by the UTC hour they were opened, and resolved ones by the hour they were. */
  incidentsPerHour(
    tenantId: string,
    warRoomId: string,
  ): Promise<{ opened: HourCount[]; resolved: HourCount[] }>;
}

/** Rows about one person, by table, as an export shows them (column names as stored). */
export type PersonRows = Record<string, Record<string, unknown>[]>;

/** What is left of a purged war room: what went, when; no personal data, no title. */
export interface Tombstone {
  tenantId: string;
  warRoomId: string;
  closedAt: string | null;
  purgedAt: string;
  /** Rows deleted, by table. */
  counts: Record<string, number>;
  /** The chain's head when it was deleted: matches an export taken before. */
  lastSeq: number;
  lastHash: string | null;
}

/** A person's records across tables, and the two ends of a war room's life (decision 022). */
export interface PrivacyRepo {
  /** The person's Entra object id and the Teams user ids the roster and roles know for it. */
  identifiersOf(tenantId: string, aadObjectId: string): Promise<string[]>;
  /**
   * The war room's rows (its own row included) that identify or name one of `ids`, or whose
   * free text holds one of the person's `names`.
   */
  findRows(
    tenantId: string,
    warRoomId: string,
    ids: ReadonlySet<string>,
    names?: NameMatcher,
  ): Promise<PersonRows>;
  /** The tenant's roster and personal-chat rows of one of `ids`. */
  findTenantRows(tenantId: string, ids: ReadonlySet<string>): Promise<PersonRows>;
  /** Puts the pseudonym in place of the person in the war room's records; counts by table. */
  pseudonymiseRows(
    tenantId: string,
    warRoomId: string,
    ids: ReadonlySet<string>,
    p: Pseudonym,
    names?: NameMatcher,
  ): Promise<Record<string, number>>;
  /** Display names, user principal names and e-mails the tenant's rows hold for `ids`. */
  namesOf(tenantId: string, ids: ReadonlySet<string>): Promise<string[]>;
  /**
   * The pseudonym in place of the person in the tenant's messages to Teams and job payloads;
   * a message to their personal chat is dropped. Counts by table.
   */
  scrubQueued(
    tenantId: string,
    ids: ReadonlySet<string>,
    p: Pseudonym,
    names: NameMatcher | undefined,
  ): Promise<Record<string, number>>;
  /** Deletes the tenant's roster and personal-chat rows of one of `ids`. */
  forgetTenantRows(tenantId: string, ids: ReadonlySet<string>): Promise<Record<string, number>>;
  /** Lets this transaction change personal columns of the war room's audit entries. */
  beginErasure(warRoomId: string, at: string): Promise<void>;
  endErasure(warRoomId: string): Promise<void>;
  /** Writes an entry's actor, before, after and personal columns (nothing else may change). */
  rewriteAudit(entry: AuditEntry): Promise<void>;
  /** Writes the tombstone, then deletes the war room and everything of it; counts by table. */
  purgeWarRoom(tombstone: Tombstone): Promise<Record<string, number>>;
  /** The tenant's tombstones, oldest first. */
  tombstones(tenantId: string): Promise<Tombstone[]>;
}

/** A closed war room and how long it is kept. */
export interface ClosedWarRoom {
  tenantId: string;
  warRoomId: string;
  closedAt: string;
  retentionDays: number;
}

/** The end of a war room's life: closing, retention, and the language of its channel cards. */
export interface LifecycleRepo {
  get(
    tenantId: string,
    warRoomId: string,
  ): Promise<{ closedAt: string | null; retentionDays: number } | undefined>;
  /** Phase `closed`, closed_at set, version bumped. */
  close(tenantId: string, warRoomId: string, at: string): Promise<void>;
  setRetention(tenantId: string, warRoomId: string, days: number, at: string): Promise<void>;
  setLanguage(tenantId: string, warRoomId: string, language: Language, at: string): Promise<void>;
  /** Every tenant's closed war rooms, oldest closing first: for the purge job only. */
  listClosed(): Promise<ClosedWarRoom[]>;
}

/**
 * A war room's items per (batch, normalised status), kept in a table so readers do not
 * count 100,000 items. Every writer that changes an item's batch or status, or removes
 * items, calls `refresh` in the same transaction (docs/decisions/025).
 */
export interface MigrationTotalsRepo {
  /** Recounts the war room's items into the kept totals (one INSERT…SELECT GROUP BY). */
  refresh(tenantId: string, warRoomId: string): Promise<void>;
  /** The kept counts: what `MigrationItemRepo.counts` would answer, without counting. */
  counts(tenantId: string, warRoomId: string): Promise<MigrationCount[]>;
}
