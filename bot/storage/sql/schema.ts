import type { ColumnType } from 'kysely';

/**
 * How a column is stored in each dialect, and what the driver hands back:
 * - `text`, `integer`: the same type in both;
 * - `bigint`: pg int8 (returned as text), SQLite INTEGER;
 * - `instant`: pg timestamptz (returned as Date), SQLite TEXT in `toISOString` form;
 * - `json`: pg jsonb (returned parsed), SQLite TEXT holding JSON (decode with Exec#decodeJson);
 * - `jsonText`: JSON kept as text in both (the repository parses it).
 */
interface Families {
  text: { read: string; write: string };
  integer: { read: number; write: number };
  bigint: { read: number | string; write: number };
  instant: { read: string | Date; write: string };
  json: { read: unknown; write: string };
  jsonText: { read: string; write: string };
}
export type Family = keyof Families;

export interface ColumnSpec {
  readonly family: Family;
  readonly nullable: boolean;
  /** The column's DEFAULT as SQL text (`0`, `'en'`), or null when it has none. */
  readonly default: string | null;
}

const column = <F extends Family, N extends boolean, D extends string | null>(
  family: F,
  nullable: N,
  defaultSql: D,
) => ({ family, nullable, default: defaultSql });
const required = <F extends Family>(family: F) => column(family, false, null);
const optional = <F extends Family>(family: F) => column(family, true, null);
const defaulted = <F extends Family, D extends string>(family: F, defaultSql: D) =>
  column(family, false, defaultSql);

/**
 * Every table and column the migrations create, once, as data. The query builder's types
 * (`Database`) are derived from it, and tests/storage/schemaMatch.test.ts checks that both
 * dialects' migrated schemas match it. A new table or column goes here and into a migration
 * per dialect; the test fails until all three agree.
 */
export const SCHEMA = {
  war_rooms: {
    id: required('text'),
    tenant_id: required('text'),
    team_id: optional('text'),
    channel_id: required('text'),
    conversation_id: required('text'),
    service_url: required('text'),
    title: required('text'),
    time_zone: required('text'),
    language: defaulted('text', "'en'"),
    phase: required('text'),
    created_by_id: required('text'),
    created_by_name: required('text'),
    created_at: required('instant'),
    updated_at: required('instant'),
    version: required('integer'),
    incident_seq: defaulted('integer', '0'),
    decision_seq: defaulted('integer', '0'),
    action_seq: defaulted('integer', '0'),
    closed_at: optional('instant'),
    retention_days: defaulted('integer', '90'),
    audit_seq: defaulted('integer', '0'),
    audit_hash: optional('text'),
  },
  incidents: {
    id: required('text'),
    tenant_id: required('text'),
    war_room_id: required('text'),
    number: required('integer'),
    title: required('text'),
    severity: required('text'),
    status: required('text'),
    reporter_id: required('text'),
    reporter_name: required('text'),
    created_at: required('instant'),
    updated_at: required('instant'),
    acknowledged_at: optional('instant'),
    mitigated_at: optional('instant'),
    resolved_at: optional('instant'),
    version: required('integer'),
    card_activity_id: optional('text'),
    owner: optional('jsonText'),
  },
  incident_notes: {
    id: required('text'),
    tenant_id: required('text'),
    war_room_id: required('text'),
    incident_id: required('text'),
    author_id: required('text'),
    author_name: required('text'),
    text: required('text'),
    at: required('instant'),
  },
  audit_log: {
    tenant_id: required('text'),
    war_room_id: required('text'),
    seq: required('integer'),
    at: required('instant'),
    actor_id: required('text'),
    actor_name: required('text'),
    action: required('text'),
    subject: required('text'),
    before: optional('json'),
    after: optional('json'),
    prev_hash: required('text'),
    hash: required('text'),
    personal: optional('json'),
  },
  war_room_roles: {
    tenant_id: required('text'),
    war_room_id: required('text'),
    teams_user_id: required('text'),
    user_id: optional('text'),
    name: required('text'),
    role: required('text'),
    assigned_by_id: required('text'),
    assigned_at: required('instant'),
  },
  decisions: {
    id: required('text'),
    tenant_id: required('text'),
    war_room_id: required('text'),
    number: required('integer'),
    kind: required('text'),
    question: required('text'),
    rule: required('text'),
    approvers: required('jsonText'),
    backup: optional('jsonText'),
    deadline: optional('instant'),
    status: required('text'),
    responses: required('jsonText'),
    requester_id: required('text'),
    requester_name: required('text'),
    created_at: required('instant'),
    updated_at: required('instant'),
    decided_at: optional('instant'),
    version: required('integer'),
  },
  actions: {
    id: required('text'),
    tenant_id: required('text'),
    war_room_id: required('text'),
    number: required('integer'),
    title: required('text'),
    owner: required('jsonText'),
    due: optional('instant'),
    status: required('text'),
    origin: required('jsonText'),
    created_by_id: required('text'),
    created_by_name: required('text'),
    created_at: required('instant'),
    updated_at: required('instant'),
    done_at: optional('instant'),
    reminded_at: optional('instant'),
    version: required('integer'),
    follow_up_kind: optional('text'),
    follow_up_id: optional('text'),
    follow_up_ref: optional('text'),
  },
  inbox: {
    conversation_id: required('text'),
    activity_id: required('text'),
    received_at: required('instant'),
  },
  outbox: {
    id: required('text'),
    seq: required('bigint'),
    tenant_id: required('text'),
    conversation_key: required('text'),
    target: required('jsonText'),
    operation: required('text'),
    subject: optional('text'),
    activity: required('jsonText'),
    failure_notice: optional('jsonText'),
    state: required('text'),
    attempts: defaulted('integer', '0'),
    not_before: required('instant'),
    lease_until: optional('instant'),
    created_at: required('instant'),
    updated_at: required('instant'),
    sent_activity_id: optional('text'),
    last_error: optional('text'),
  },
  jobs: {
    id: required('text'),
    kind: required('text'),
    tenant_id: optional('text'),
    war_room_id: optional('text'),
    payload: required('jsonText'),
    dedupe_key: optional('text'),
    due_at: required('instant'),
    state: required('text'),
    attempts: defaulted('integer', '0'),
    lease_until: optional('instant'),
    last_error: optional('text'),
    created_at: required('instant'),
    updated_at: required('instant'),
  },
  team_members: {
    tenant_id: required('text'),
    team_id: required('text'),
    teams_user_id: required('text'),
    aad_object_id: optional('text'),
    name: required('text'),
    user_principal_name: optional('text'),
    email: optional('text'),
    refreshed_at: required('instant'),
  },
  freeze_windows: {
    id: required('text'),
    tenant_id: required('text'),
    war_room_id: required('text'),
    number: required('integer'),
    target: required('jsonText'),
    from_at: required('instant'),
    to_at: required('instant'),
    reason: required('text'),
    status: required('text'),
    created_by_id: required('text'),
    created_by_name: required('text'),
    created_at: required('instant'),
    released_at: optional('instant'),
    release_decision_id: optional('text'),
    version: required('integer'),
  },
  freeze_violations: {
    tenant_id: required('text'),
    war_room_id: required('text'),
    freeze_id: required('text'),
    identity: required('text'),
    import_id: required('text'),
    incident_id: optional('text'),
    at: required('instant'),
  },
  personal_chats: {
    tenant_id: required('text'),
    teams_user_id: required('text'),
    service_url: required('text'),
    conversation_id: required('text'),
    opened_at: required('instant'),
  },
  migration_items: {
    tenant_id: required('text'),
    war_room_id: required('text'),
    identity: required('text'),
    batch: optional('text'),
    raw_status: required('text'),
    status: required('text'),
    items_synced: optional('bigint'),
    items_skipped: optional('bigint'),
    error: optional('text'),
    last_sync_at: optional('instant'),
    tags: required('json'),
    first_seen_at: required('instant'),
    status_changed_at: required('instant'),
    updated_at: required('instant'),
    fingerprint: optional('text'),
  },
  migration_imports: {
    id: required('text'),
    tenant_id: required('text'),
    war_room_id: required('text'),
    at: required('instant'),
    actor_id: required('text'),
    actor_name: required('text'),
    source: required('text'),
    format: required('text'),
    rows_read: required('integer'),
    created: required('integer'),
    updated: required('integer'),
    unchanged: required('integer'),
    content_hash: required('text'),
  },
  migration_settings: {
    tenant_id: required('text'),
    war_room_id: required('text'),
    mapping: optional('jsonText'),
    status_values: required('jsonText'),
    updated_by_id: required('text'),
    updated_by_name: required('text'),
    updated_at: required('instant'),
  },
  api_keys: {
    id: required('text'),
    tenant_id: required('text'),
    war_room_id: required('text'),
    name: required('text'),
    key_hash: required('text'),
    created_by_id: required('text'),
    created_by_name: required('text'),
    created_at: required('instant'),
    last_used_at: optional('instant'),
    revoked_at: optional('instant'),
  },
  audit_erasures: {
    war_room_id: required('text'),
    started_at: required('instant'),
  },
  war_room_tombstones: {
    tenant_id: required('text'),
    war_room_id: required('text'),
    closed_at: optional('instant'),
    purged_at: required('instant'),
    counts: required('json'),
    last_seq: required('integer'),
    last_hash: optional('text'),
  },
  signing_keys: {
    name: required('text'),
    secret: required('text'),
    created_at: required('instant'),
  },
  report_lessons: {
    tenant_id: required('text'),
    war_room_id: required('text'),
    text: required('text'),
    by_id: required('text'),
    by_name: required('text'),
    at: required('instant'),
    version: required('integer'),
  },
  handovers: {
    id: required('text'),
    tenant_id: required('text'),
    war_room_id: required('text'),
    at: required('instant'),
    by_id: required('text'),
    by_name: required('text'),
    completed: required('integer'),
    failed: required('integer'),
  },
  migration_totals: {
    tenant_id: required('text'),
    war_room_id: required('text'),
    batch: optional('text'),
    status: required('text'),
    items: required('integer'),
  },
} as const satisfies Record<string, Record<string, ColumnSpec>>;

type Schema = typeof SCHEMA;

/** A column's Kysely type: what a SELECT returns, what INSERT and UPDATE accept. */
type ColumnOf<C extends ColumnSpec> = ColumnType<
  Families[C['family']]['read'] | (C['nullable'] extends true ? null : never),
  | Families[C['family']]['write']
  | (C['nullable'] extends true ? null : never)
  | (C['default'] extends string ? undefined : never),
  Families[C['family']]['write'] | (C['nullable'] extends true ? null : never)
>;

/** The tables as the query builder sees them, derived from SCHEMA. */
export type Database = {
  [T in keyof Schema]: {
    [C in keyof Schema[T]]: Schema[T][C] extends ColumnSpec ? ColumnOf<Schema[T][C]> : never;
  };
};
