import type { Migration } from '../sql/migration';

/** PostgreSQL schema, oldest first. Never edit an applied migration; add the next version. */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'war rooms, incidents, audit log, inbox',
    sql: `
CREATE TABLE war_rooms (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  team_id text,
  channel_id text NOT NULL,
  conversation_id text NOT NULL,
  service_url text NOT NULL,
  title text NOT NULL,
  time_zone text NOT NULL,
  phase text NOT NULL,
  created_by_id text NOT NULL,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL,
  incident_seq integer NOT NULL DEFAULT 0,
  CONSTRAINT war_rooms_channel UNIQUE (tenant_id, channel_id),
  -- Target of the children's (tenant_id, war_room_id) keys: no row can cross tenants.
  CONSTRAINT war_rooms_tenant_id UNIQUE (tenant_id, id)
);
CREATE INDEX war_rooms_by_tenant ON war_rooms (tenant_id, created_at);

CREATE TABLE incidents (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  war_room_id text NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  title text NOT NULL,
  severity text NOT NULL,
  status text NOT NULL,
  reporter_id text NOT NULL,
  reporter_name text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  mitigated_at timestamptz,
  resolved_at timestamptz,
  version integer NOT NULL,
  card_activity_id text,
  CONSTRAINT incidents_number UNIQUE (war_room_id, number),
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
);
CREATE INDEX incidents_by_tenant ON incidents (tenant_id, war_room_id, number);

CREATE TABLE audit_log (
  tenant_id text NOT NULL,
  war_room_id text NOT NULL,
  seq integer NOT NULL CHECK (seq > 0),
  at timestamptz NOT NULL,
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  before jsonb,
  after jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (war_room_id, seq),
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
);
CREATE INDEX audit_log_by_tenant ON audit_log (tenant_id, war_room_id, seq);

-- Append-only below the application too: history is evidence (Forvaltningsloven, GDPR).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE inbox (
  conversation_id text NOT NULL,
  activity_id text NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, activity_id)
);
`,
  },
  {
    version: 2,
    name: 'war room language',
    // Channel cards are shown to everyone in the channel: they use the war room's language.
    sql: `ALTER TABLE war_rooms ADD COLUMN language text NOT NULL DEFAULT 'en';`,
  },
  {
    version: 3,
    name: 'outbox of messages owed to Teams',
    // Written in the same transaction as the work that owes them; sent after the commit.
    sql: `
CREATE TABLE outbox (
  id text PRIMARY KEY,
  seq bigint NOT NULL,
  tenant_id text NOT NULL,
  conversation_key text NOT NULL,
  target text NOT NULL,
  operation text NOT NULL CHECK (operation IN ('post', 'update')),
  subject text,
  activity text NOT NULL,
  failure_notice text,
  state text NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'unknown', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  not_before timestamptz NOT NULL,
  lease_until timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  sent_activity_id text,
  last_error text
);
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
  id text PRIMARY KEY,
  kind text NOT NULL,
  tenant_id text,
  war_room_id text,
  payload text NOT NULL,
  -- A job that must exist once ('housekeeping', 'decision:<id>:reminder:1'); NULLs differ.
  dedupe_key text,
  due_at timestamptz NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  lease_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
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
  tenant_id text NOT NULL,
  war_room_id text NOT NULL,
  teams_user_id text NOT NULL,
  user_id text,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('lead', 'engineer', 'comms', 'approver', 'observer')),
  assigned_by_id text NOT NULL,
  assigned_at timestamptz NOT NULL,
  PRIMARY KEY (war_room_id, teams_user_id),
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
);
CREATE INDEX war_room_roles_by_user ON war_room_roles (war_room_id, user_id);
`,
  },
  {
    version: 6,
    name: 'team rosters from the Bot Connector',
    // Who is in which team (services/roster.ts): the tab shows a war room to its team's members.
    sql: `
CREATE TABLE team_members (
  tenant_id text NOT NULL,
  team_id text NOT NULL,
  teams_user_id text NOT NULL,
  aad_object_id text,
  name text NOT NULL,
  user_principal_name text,
  email text,
  refreshed_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, team_id, teams_user_id)
);
CREATE INDEX team_members_by_user ON team_members (tenant_id, aad_object_id);
`,
  },
  {
    version: 7,
    name: 'decision requests',
    // Questions to named approvers (shared/domain/decision.ts); responses kept as JSON.
    sql: `
ALTER TABLE war_rooms ADD COLUMN decision_seq integer NOT NULL DEFAULT 0;
CREATE TABLE decisions (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  war_room_id text NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  kind text NOT NULL CHECK (kind IN ('approval', 'goNoGo')),
  question text NOT NULL,
  rule text NOT NULL CHECK (rule IN ('any', 'all')),
  approvers text NOT NULL,
  backup text,
  deadline timestamptz,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'expired', 'withdrawn')),
  responses text NOT NULL,
  requester_id text NOT NULL,
  requester_name text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  decided_at timestamptz,
  version integer NOT NULL,
  CONSTRAINT decisions_number UNIQUE (war_room_id, number),
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
);
CREATE INDEX decisions_by_tenant ON decisions (tenant_id, war_room_id, number);
`,
  },
  {
    version: 8,
    name: 'actions',
    // Who does what by when (shared/domain/action.ts); owner and origin as JSON.
    sql: `
ALTER TABLE war_rooms ADD COLUMN action_seq integer NOT NULL DEFAULT 0;
CREATE TABLE actions (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  war_room_id text NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  title text NOT NULL,
  owner text NOT NULL,
  due timestamptz,
  status text NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
  origin text NOT NULL,
  created_by_id text NOT NULL,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  done_at timestamptz,
  reminded_at timestamptz,
  version integer NOT NULL,
  CONSTRAINT actions_number UNIQUE (war_room_id, number),
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
);
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
ALTER TABLE actions ADD COLUMN follow_up_kind text CHECK (follow_up_kind IN ('incident', 'decision'));
ALTER TABLE actions ADD COLUMN follow_up_id text;
ALTER TABLE actions ADD COLUMN follow_up_ref text;
CREATE INDEX actions_by_follow_up ON actions (tenant_id, follow_up_id);
CREATE TABLE personal_chats (
  tenant_id text NOT NULL,
  teams_user_id text NOT NULL,
  service_url text NOT NULL,
  conversation_id text NOT NULL,
  opened_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, teams_user_id)
);
`,
  },
  {
    version: 10,
    name: 'incident owners and notes',
    // The owner as JSON (shared/domain/person.ts); notes in their own table, oldest first.
    sql: `
ALTER TABLE incidents ADD COLUMN owner text;
CREATE TABLE incident_notes (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  war_room_id text NOT NULL,
  incident_id text NOT NULL REFERENCES incidents (id),
  author_id text NOT NULL,
  author_name text NOT NULL,
  text text NOT NULL,
  at timestamptz NOT NULL
);
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
  tenant_id text NOT NULL,
  war_room_id text NOT NULL,
  identity text NOT NULL,
  batch text,
  raw_status text NOT NULL,
  status text NOT NULL CHECK (status IN ('notStarted', 'inProgress', 'synced', 'completed', 'failed', 'stopped')),
  items_synced bigint,
  items_skipped bigint,
  error text,
  last_sync_at timestamptz,
  tags jsonb NOT NULL,
  first_seen_at timestamptz NOT NULL,
  status_changed_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (war_room_id, identity),
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
);
CREATE INDEX migration_items_by_batch ON migration_items (tenant_id, war_room_id, batch, status);
CREATE INDEX migration_items_by_status ON migration_items (tenant_id, war_room_id, status, identity);
CREATE TABLE migration_imports (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  war_room_id text NOT NULL,
  at timestamptz NOT NULL,
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  source text NOT NULL CHECK (source IN ('api-csv', 'api-json', 'file', 'tab')),
  format text NOT NULL,
  rows_read integer NOT NULL,
  created integer NOT NULL,
  updated integer NOT NULL,
  unchanged integer NOT NULL,
  content_hash text NOT NULL,
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
);
CREATE INDEX migration_imports_by_war_room ON migration_imports (tenant_id, war_room_id, at);
CREATE TABLE migration_settings (
  tenant_id text NOT NULL,
  war_room_id text NOT NULL PRIMARY KEY,
  mapping text,
  status_values text NOT NULL,
  updated_by_id text NOT NULL,
  updated_by_name text NOT NULL,
  updated_at timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
);
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  war_room_id text NOT NULL,
  name text NOT NULL,
  key_hash text NOT NULL CONSTRAINT api_keys_key_hash UNIQUE,
  created_by_id text NOT NULL,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
);
CREATE INDEX api_keys_by_war_room ON api_keys (tenant_id, war_room_id, created_at);
`,
  },
  {
    version: 12,
    name: 'signing keys; audit appends notify listeners',
    // A secret every instance shares (stream tickets). Each audit row NOTIFYs in the
    // transaction that appends it, so listeners hear of it exactly when it commits, and
    // from every writer. The payload is the war room id and the seq: no content.
    sql: `
CREATE TABLE signing_keys (
  name text PRIMARY KEY,
  secret text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE FUNCTION audit_log_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('war_room_audit', NEW.war_room_id || ' ' || NEW.seq);
  RETURN NULL;
END $$;
CREATE TRIGGER audit_log_appended AFTER INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_notify();
`,
  },
  {
    version: 13,
    name: 'freeze windows',
    // Times during which some mailboxes must not move (shared/domain/freeze.ts), and the
    // mailboxes an import showed moving inside one.
    sql: `
CREATE TABLE freeze_windows (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  war_room_id text NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  target text NOT NULL,
  from_at timestamptz NOT NULL,
  to_at timestamptz NOT NULL,
  reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'released')),
  created_by_id text NOT NULL,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL,
  released_at timestamptz,
  release_decision_id text,
  version integer NOT NULL,
  CONSTRAINT freeze_windows_number UNIQUE (war_room_id, number),
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
);
CREATE TABLE freeze_violations (
  tenant_id text NOT NULL,
  war_room_id text NOT NULL,
  freeze_id text NOT NULL REFERENCES freeze_windows (id),
  identity text NOT NULL,
  import_id text NOT NULL,
  incident_id text,
  at timestamptz NOT NULL,
  PRIMARY KEY (freeze_id, identity, import_id)
);
CREATE INDEX freeze_violations_by_war_room ON freeze_violations (tenant_id, war_room_id);
`,
  },
  {
    version: 14,
    name: 'dashboard indexes',
    // For the dashboard (services/dashboard.ts): a page of items sorted by batch or by last
    // update, the status series, and counts of open incidents, pending decisions and open
    // actions without reading the war room's other rows (docs/decisions/019).
    // NULLS FIRST: items without a batch sort first ascending, as on SQLite; the GIN index
    // answers "has this tag" without reading every item's tags.
    sql: `
CREATE INDEX migration_items_by_batch_identity ON migration_items (tenant_id, war_room_id, batch NULLS FIRST, identity);
CREATE INDEX migration_items_by_tag ON migration_items USING gin (tags jsonb_path_ops);
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
  tenant_id text NOT NULL,
  war_room_id text NOT NULL,
  text text NOT NULL,
  by_id text NOT NULL,
  by_name text NOT NULL,
  at timestamptz NOT NULL,
  version integer NOT NULL,
  PRIMARY KEY (tenant_id, war_room_id),
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
);
CREATE TABLE handovers (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  war_room_id text NOT NULL,
  at timestamptz NOT NULL,
  by_id text NOT NULL,
  by_name text NOT NULL,
  completed integer NOT NULL,
  failed integer NOT NULL,
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
);
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
ALTER TABLE audit_log ADD COLUMN personal jsonb;
ALTER TABLE war_rooms ADD COLUMN closed_at timestamptz;
ALTER TABLE war_rooms ADD COLUMN retention_days integer NOT NULL DEFAULT 90;
CREATE TABLE audit_erasures (
  war_room_id text PRIMARY KEY,
  started_at timestamptz NOT NULL
);
CREATE TABLE war_room_tombstones (
  tenant_id text NOT NULL,
  war_room_id text PRIMARY KEY,
  closed_at timestamptz,
  purged_at timestamptz NOT NULL,
  counts jsonb NOT NULL,
  last_seq integer NOT NULL,
  last_hash text
);
CREATE INDEX war_room_tombstones_by_tenant ON war_room_tombstones (tenant_id, purged_at);
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND EXISTS (SELECT 1 FROM audit_erasures WHERE war_room_id = OLD.war_room_id)
     AND (NEW.tenant_id, NEW.war_room_id, NEW.seq, NEW.at, NEW.action, NEW.subject,
          NEW.prev_hash, NEW.hash)
         IS NOT DISTINCT FROM (OLD.tenant_id, OLD.war_room_id, OLD.seq, OLD.at, OLD.action,
          OLD.subject, OLD.prev_hash, OLD.hash) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE'
     AND EXISTS (SELECT 1 FROM war_room_tombstones WHERE war_room_id = OLD.war_room_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
`,
  },
  {
    // A digest of what the last import said of each item, so an import skips unchanged
    // rows without reading whole items (docs/decisions/024).
    version: 19,
    name: 'migration_items.fingerprint',
    sql: `ALTER TABLE migration_items ADD COLUMN fingerprint text;`,
  },
  {
    // Items per (war room, batch, normalised status), kept by the writers of migration_items
    // in their transaction, so totals, the status card and the dashboard read a few rows
    // instead of counting 100,000 (docs/decisions/025). Filled from the items already there.
    version: 20,
    name: 'migration_totals',
    sql: `
CREATE TABLE migration_totals (
  tenant_id text NOT NULL,
  war_room_id text NOT NULL,
  batch text,
  status text NOT NULL,
  items integer NOT NULL,
  FOREIGN KEY (tenant_id, war_room_id) REFERENCES war_rooms (tenant_id, id)
);
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
    // Held writes sent as one statement check what each changed inside it, so a statement
    // committing on its own is undone whole when a check fails (decision 030). PostgreSQL
    // only: SQLite runs each write at once and checks it there.
    version: 27,
    name: 'war_room_expect_rows',
    sql: `
CREATE FUNCTION war_room_expect_rows(changed integer, expected integer, held integer)
RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
  IF changed <> expected THEN
    RAISE EXCEPTION 'held write % changed % rows, not %', held, changed, expected
      USING ERRCODE = 'WR001';
  END IF;
  RETURN changed;
END
$$;
`,
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
