import type { Migration } from '../sql/migration';

/**
 * SQLite schema, oldest first. Never edit an applied migration; add the next version.
 * Instants are TEXT in `toISOString` form (so text order is time order); JSON is TEXT.
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'war rooms, incidents, audit log, inbox',
    sql: `
CREATE TABLE war_rooms (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  team_id TEXT,
  channel_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  service_url TEXT NOT NULL,
  title TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  phase TEXT NOT NULL,
  created_by_id TEXT NOT NULL,
  created_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  incident_seq INTEGER NOT NULL DEFAULT 0,
  UNIQUE (tenant_id, channel_id),
  -- Target of the children's (tenant_id, war_room_id) keys: no row can cross tenants.
  UNIQUE (tenant_id, id)
) STRICT;
CREATE INDEX war_rooms_by_tenant ON war_rooms (tenant_id, created_at);

CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  war_room_id TEXT NOT NULL,
  number INTEGER NOT NULL CHECK (number > 0),
  title TEXT NOT NULL,
  severity TEXT NOT NULL,
  status TEXT NOT NULL,
  reporter_id TEXT NOT NULL,
  reporter_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  acknowledged_at TEXT,
  mitigated_at TEXT,
  resolved_at TEXT,
  version INTEGER NOT NULL,
  card_activity_id TEXT,
  UNIQUE (war_room_id, number),
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
) STRICT;
CREATE INDEX incidents_by_tenant ON incidents (tenant_id, war_room_id, number);

CREATE TABLE audit_log (
  tenant_id TEXT NOT NULL,
  war_room_id TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq > 0),
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  "before" TEXT CHECK ("before" IS NULL OR json_valid("before")),
  "after" TEXT CHECK ("after" IS NULL OR json_valid("after")),
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (war_room_id, seq),
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX audit_log_by_tenant ON audit_log (tenant_id, war_room_id, seq);

-- Append-only below the application too: history is evidence (Forvaltningsloven, GDPR).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE inbox (
  conversation_id TEXT NOT NULL,
  activity_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (conversation_id, activity_id)
) STRICT, WITHOUT ROWID;
`,
  },
  {
    version: 2,
    name: 'war room language',
    // Channel cards are shown to everyone in the channel: they use the war room's language.
    sql: `ALTER TABLE war_rooms ADD COLUMN language TEXT NOT NULL DEFAULT 'en';`,
  },
  {
    version: 3,
    name: 'outbox of messages owed to Teams',
    // Written in the same transaction as the work that owes them; sent after the commit.
    sql: `
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  tenant_id TEXT NOT NULL,
  conversation_key TEXT NOT NULL,
  target TEXT NOT NULL CHECK (json_valid(target)),
  operation TEXT NOT NULL CHECK (operation IN ('post', 'update')),
  subject TEXT,
  activity TEXT NOT NULL CHECK (json_valid(activity)),
  failure_notice TEXT CHECK (failure_notice IS NULL OR json_valid(failure_notice)),
  state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'unknown', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  not_before TEXT NOT NULL,
  lease_until TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_activity_id TEXT,
  last_error TEXT
) STRICT;
CREATE INDEX outbox_due ON outbox (state, not_before, seq);
CREATE INDEX outbox_by_conversation ON outbox (conversation_key, seq);
`,
  },
  {
    version: 4,
    name: 'jobs: the scheduler in the database',
    // Due work that survives a restart; leased by one instance at a time (services/scheduler.ts).
    sql: `
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  tenant_id TEXT,
  war_room_id TEXT,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  -- A job that must exist once ('housekeeping', 'decision:<id>:reminder:1'); NULLs differ.
  dedupe_key TEXT,
  due_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  lease_until TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX jobs_dedupe_key ON jobs (dedupe_key);
CREATE INDEX jobs_due ON jobs (state, due_at);
`,
  },
  {
    version: 5,
    name: 'roles in war rooms',
    // The lead's assignments; everyone else has the default role (shared/domain/roles.ts).
    sql: `
CREATE TABLE war_room_roles (
  tenant_id TEXT NOT NULL,
  war_room_id TEXT NOT NULL,
  teams_user_id TEXT NOT NULL,
  user_id TEXT,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('lead', 'engineer', 'comms', 'approver', 'observer')),
  assigned_by_id TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (war_room_id, teams_user_id),
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
) STRICT;
CREATE INDEX war_room_roles_by_user ON war_room_roles (war_room_id, user_id);
`,
  },
  {
    version: 6,
    name: 'team rosters from the Bot Connector',
    // Who is in which team (services/roster.ts): the tab shows a war room to its team's members.
    sql: `
CREATE TABLE team_members (
  tenant_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  teams_user_id TEXT NOT NULL,
  aad_object_id TEXT,
  name TEXT NOT NULL,
  user_principal_name TEXT,
  email TEXT,
  refreshed_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, team_id, teams_user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX team_members_by_user ON team_members (tenant_id, aad_object_id);
`,
  },
  {
    version: 7,
    name: 'decision requests',
    // Questions to named approvers (shared/domain/decision.ts); responses kept as JSON.
    sql: `
ALTER TABLE war_rooms ADD COLUMN decision_seq INTEGER NOT NULL DEFAULT 0;
CREATE TABLE decisions (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  war_room_id TEXT NOT NULL,
  number INTEGER NOT NULL CHECK (number > 0),
  kind TEXT NOT NULL CHECK (kind IN ('approval', 'goNoGo')),
  question TEXT NOT NULL,
  rule TEXT NOT NULL CHECK (rule IN ('any', 'all')),
  approvers TEXT NOT NULL CHECK (json_valid(approvers)),
  backup TEXT CHECK (backup IS NULL OR json_valid(backup)),
  deadline TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'expired', 'withdrawn')),
  responses TEXT NOT NULL CHECK (json_valid(responses)),
  requester_id TEXT NOT NULL,
  requester_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  decided_at TEXT,
  version INTEGER NOT NULL,
  UNIQUE (war_room_id, number),
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
) STRICT;
CREATE INDEX decisions_by_tenant ON decisions (tenant_id, war_room_id, number);
`,
  },
  {
    version: 8,
    name: 'actions',
    // Who does what by when (shared/domain/action.ts); owner and origin as JSON.
    sql: `
ALTER TABLE war_rooms ADD COLUMN action_seq INTEGER NOT NULL DEFAULT 0;
CREATE TABLE actions (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  war_room_id TEXT NOT NULL,
  number INTEGER NOT NULL CHECK (number > 0),
  title TEXT NOT NULL,
  owner TEXT NOT NULL CHECK (json_valid(owner)),
  due TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
  origin TEXT NOT NULL CHECK (json_valid(origin)),
  created_by_id TEXT NOT NULL,
  created_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  done_at TEXT,
  reminded_at TEXT,
  version INTEGER NOT NULL,
  UNIQUE (war_room_id, number),
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
) STRICT;
CREATE INDEX actions_by_tenant ON actions (tenant_id, war_room_id, number);
`,
  },
  {
    version: 9,
    name: 'follow-up actions and personal chats',
    // An action may follow up an incident or a decision (kept apart from `origin` so the
    // follow-ups of a record can be listed by index). A personal chat is the 1:1
    // conversation the bot opened with someone, remembered so it is opened once.
    sql: `
ALTER TABLE actions ADD COLUMN follow_up_kind TEXT CHECK (follow_up_kind IN ('incident', 'decision'));
ALTER TABLE actions ADD COLUMN follow_up_id TEXT;
ALTER TABLE actions ADD COLUMN follow_up_ref TEXT;
CREATE INDEX actions_by_follow_up ON actions (tenant_id, follow_up_id);
CREATE TABLE personal_chats (
  tenant_id TEXT NOT NULL,
  teams_user_id TEXT NOT NULL,
  service_url TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, teams_user_id)
) STRICT, WITHOUT ROWID;
`,
  },
  {
    version: 10,
    name: 'incident owners and notes',
    // The owner as JSON (shared/domain/person.ts); notes in their own table, oldest first.
    sql: `
ALTER TABLE incidents ADD COLUMN owner TEXT CHECK (owner IS NULL OR json_valid(owner));
CREATE TABLE incident_notes (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  war_room_id TEXT NOT NULL,
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  author_id TEXT NOT NULL,
  author_name TEXT NOT NULL,
  text TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX incident_notes_by_incident ON incident_notes (tenant_id, incident_id, at);
`,
  },
  {
    version: 11,
    name: 'migration status imports',
    // Items of a war room's migration, one row per identity, written by imports (services/
    // migration.ts); each accepted import; the lead's column mapping; API keys for scripts,
    // of which only the SHA-256 is kept (docs/decisions/016-migration-imports.md).
    sql: `
CREATE TABLE migration_items (
  tenant_id TEXT NOT NULL,
  war_room_id TEXT NOT NULL,
  identity TEXT NOT NULL,
  batch TEXT,
  raw_status TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('notStarted', 'inProgress', 'synced', 'completed', 'failed', 'stopped')),
  items_synced INTEGER,
  items_skipped INTEGER,
  error TEXT,
  last_sync_at TEXT,
  tags TEXT NOT NULL CHECK (json_valid(tags)),
  first_seen_at TEXT NOT NULL,
  status_changed_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (war_room_id, identity),
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX migration_items_by_batch ON migration_items (tenant_id, war_room_id, batch, status);
CREATE INDEX migration_items_by_status ON migration_items (tenant_id, war_room_id, status, identity);
CREATE TABLE migration_imports (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  war_room_id TEXT NOT NULL,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('api-csv', 'api-json', 'file', 'tab')),
  format TEXT NOT NULL,
  rows_read INTEGER NOT NULL,
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
) STRICT;
CREATE INDEX migration_imports_by_war_room ON migration_imports (tenant_id, war_room_id, at);
CREATE TABLE migration_settings (
  tenant_id TEXT NOT NULL,
  war_room_id TEXT NOT NULL PRIMARY KEY,
  mapping TEXT CHECK (mapping IS NULL OR json_valid(mapping)),
  status_values TEXT NOT NULL CHECK (json_valid(status_values)),
  updated_by_id TEXT NOT NULL,
  updated_by_name TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
) STRICT;
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  war_room_id TEXT NOT NULL,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_by_id TEXT NOT NULL,
  created_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT,
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
) STRICT;
CREATE INDEX api_keys_by_war_room ON api_keys (tenant_id, war_room_id, created_at);
`,
  },
  {
    version: 12,
    name: 'signing keys (live event stream tickets)',
    // A secret every instance of a deployment shares, created by the first one to need it.
    sql: `
CREATE TABLE signing_keys (
  name TEXT PRIMARY KEY,
  secret TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`,
  },
  {
    version: 13,
    name: 'freeze windows',
    // Times during which some mailboxes must not move (shared/domain/freeze.ts), and the
    // mailboxes an import showed moving inside one.
    sql: `
CREATE TABLE freeze_windows (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  war_room_id TEXT NOT NULL,
  number INTEGER NOT NULL CHECK (number > 0),
  target TEXT NOT NULL CHECK (json_valid(target)),
  from_at TEXT NOT NULL,
  to_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'released')),
  created_by_id TEXT NOT NULL,
  created_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  released_at TEXT,
  release_decision_id TEXT,
  version INTEGER NOT NULL,
  UNIQUE (war_room_id, number),
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
) STRICT;
CREATE TABLE freeze_violations (
  tenant_id TEXT NOT NULL,
  war_room_id TEXT NOT NULL,
  freeze_id TEXT NOT NULL REFERENCES freeze_windows (id),
  identity TEXT NOT NULL,
  import_id TEXT NOT NULL,
  incident_id TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (freeze_id, identity, import_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX freeze_violations_by_war_room ON freeze_violations (tenant_id, war_room_id);
`,
  },
  {
    version: 14,
    name: 'dashboard indexes',
    // For the dashboard (services/dashboard.ts): a page of items sorted by batch or by last
    // update, the status series, and counts of open incidents, pending decisions and open
    // actions without reading the war room's other rows (docs/decisions/019).
    sql: `
CREATE INDEX migration_items_by_batch_identity ON migration_items (tenant_id, war_room_id, batch, identity);
CREATE INDEX migration_items_by_identity ON migration_items (tenant_id, war_room_id, identity);
CREATE INDEX migration_items_by_updated ON migration_items (tenant_id, war_room_id, updated_at, identity);
CREATE INDEX migration_items_by_status_change ON migration_items (tenant_id, war_room_id, status, status_changed_at);
CREATE INDEX incidents_by_status ON incidents (tenant_id, war_room_id, status);
CREATE INDEX decisions_by_status ON decisions (tenant_id, war_room_id, status);
CREATE INDEX actions_by_status ON actions (tenant_id, war_room_id, status, due);
`,
  },
  {
    version: 16,
    name: 'lessons learned and shift handovers',
    // The lead's lessons learned for the evaluation report (one text per war room), and the
    // handovers posted, so the next one reports the migration's progress since the last.
    sql: `
CREATE TABLE report_lessons (
  tenant_id TEXT NOT NULL,
  war_room_id TEXT NOT NULL,
  text TEXT NOT NULL,
  by_id TEXT NOT NULL,
  by_name TEXT NOT NULL,
  at TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, war_room_id),
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE handovers (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  war_room_id TEXT NOT NULL,
  at TEXT NOT NULL,
  by_id TEXT NOT NULL,
  by_name TEXT NOT NULL,
  completed INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
) STRICT;
CREATE INDEX handovers_by_war_room ON handovers (tenant_id, war_room_id, at);
`,
  },
  {
    version: 17,
    name: 'GDPR: personal fields committed apart, closing, retention, tombstones',
    // Decision 022. Audit entries may change in their personal columns only, and only while
    // an erasure holds its permit for the war room; they may be deleted only once the war
    // room's tombstone exists (the purge writes it first). Tombstones hold no personal data.
    sql: `
ALTER TABLE audit_log ADD COLUMN personal TEXT CHECK (personal IS NULL OR json_valid(personal));
ALTER TABLE war_rooms ADD COLUMN closed_at TEXT;
ALTER TABLE war_rooms ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 90;
CREATE TABLE audit_erasures (
  war_room_id TEXT PRIMARY KEY,
  started_at TEXT NOT NULL
) STRICT;
CREATE TABLE war_room_tombstones (
  tenant_id TEXT NOT NULL,
  war_room_id TEXT PRIMARY KEY,
  closed_at TEXT,
  purged_at TEXT NOT NULL,
  counts TEXT NOT NULL CHECK (json_valid(counts)),
  last_seq INTEGER NOT NULL,
  last_hash TEXT
) STRICT;
CREATE INDEX war_room_tombstones_by_tenant ON war_room_tombstones (tenant_id, purged_at);
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM audit_erasures WHERE war_room_id = OLD.war_room_id)
  OR NEW.tenant_id IS NOT OLD.tenant_id OR NEW.war_room_id IS NOT OLD.war_room_id
  OR NEW.seq IS NOT OLD.seq OR NEW.at IS NOT OLD.at OR NEW.action IS NOT OLD.action
  OR NEW.subject IS NOT OLD.subject OR NEW.prev_hash IS NOT OLD.prev_hash
  OR NEW.hash IS NOT OLD.hash
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM war_room_tombstones WHERE war_room_id = OLD.war_room_id)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`,
  },
  {
    // A digest of what the last import said of each item, so an import skips unchanged
    // rows without reading whole items (docs/decisions/024).
    version: 19,
    name: 'migration_items.fingerprint',
    sql: `ALTER TABLE migration_items ADD COLUMN fingerprint TEXT;`,
  },
  {
    // Items per (war room, batch, normalised status), kept by the writers of migration_items
    // in their transaction, so totals, the status card and the dashboard read a few rows
    // instead of counting 100,000 (docs/decisions/025). Filled from the items already there.
    version: 20,
    name: 'migration_totals',
    sql: `
CREATE TABLE migration_totals (
  tenant_id TEXT NOT NULL,
  war_room_id TEXT NOT NULL,
  batch TEXT,
  status TEXT NOT NULL,
  items INTEGER NOT NULL,
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
) STRICT;
CREATE INDEX migration_totals_by_war_room ON migration_totals (tenant_id, war_room_id);
INSERT INTO migration_totals (tenant_id, war_room_id, batch, status, items)
SELECT tenant_id, war_room_id, batch, status, count(*) FROM migration_items
GROUP BY tenant_id, war_room_id, batch, status;
`,
  },
  {
    // The handover counts what changed in its window: read by time, not the whole chain.
    version: 21,
    name: 'audit_log by time',
    sql: `CREATE INDEX audit_log_by_time ON audit_log (tenant_id, war_room_id, at);`,
  },
  {
    // The outbox finds a card's post by its subject (an update in place names the card it
    // edits); without an index that read scanned every message ever sent (decision 026).
    version: 23,
    name: 'outbox_by_subject',
    sql: `CREATE INDEX outbox_by_subject ON outbox (tenant_id, subject, seq) WHERE subject IS NOT NULL;`,
  },
  {
    // The audit chain's head (seq, hash) is read before every audited write. audit_log is
    // WITHOUT ROWID and its rows (before/after JSON) overflow their pages, so reading `hash`
    // from the row walked the overflow chain: the covering index answers from itself
    // (decision 026). It takes the place of the index it extends. PostgreSQL keeps its rows
    // in a heap (large values apart, in TOAST): its head read does not need this.
    version: 26,
    name: 'audit_log head index',
    sql: `CREATE INDEX audit_log_head ON audit_log (tenant_id, war_room_id, seq, hash);
DROP INDEX audit_log_by_tenant;`,
  },
  {
    // The audit chain's head is kept with its war room: the statement that locks the war
    // room (taking a number, or the lock itself) reads it with the row as locked, and each
    // append moves it from the head it follows (decision 030).
    version: 28,
    name: 'war_rooms audit head',
    sql: `
ALTER TABLE war_rooms ADD COLUMN audit_seq integer NOT NULL DEFAULT 0;
ALTER TABLE war_rooms ADD COLUMN audit_hash text;
UPDATE war_rooms SET
  audit_seq = coalesce((SELECT max(a.seq) FROM audit_log a
    WHERE a.tenant_id = war_rooms.tenant_id AND a.war_room_id = war_rooms.id), 0),
  audit_hash = (SELECT a.hash FROM audit_log a
    WHERE a.tenant_id = war_rooms.tenant_id AND a.war_room_id = war_rooms.id
    ORDER BY a.seq DESC LIMIT 1);
`,
  },
  {
    // The delivery's claim asks, for each due message, whether its conversation has an
    // earlier one pending or one being sent. On (conversation_key, seq) that walked the
    // conversation's whole history, which grows by every card a weekend posts (the sent
    // ones are kept): this index holds only the unsent messages (decision 031).
    version: 29,
    name: 'outbox_unsent',
    sql: `CREATE INDEX outbox_unsent ON outbox (conversation_key, state, seq)
  WHERE state = 'pending' OR state = 'sending';
DROP INDEX outbox_by_conversation;`,
  },
];
