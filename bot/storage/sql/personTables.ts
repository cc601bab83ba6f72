/**
 * Where a war room's records name people (decisions 022 and 028): columns that hold an
 * identifier, the name columns that go with them, JSON columns with Person objects inside,
 * and free text. What an export reads and an erasure rewrites.
 */
export interface TableSpec {
  table: string;
  /** Column holding the war room's id. */
  warRoom: string;
  key: readonly string[];
  ids: readonly string[];
  names: readonly string[];
  /** JSON kept as text in both dialects. */
  json: readonly string[];
  /** A second identifier without a name of its own (who gave a role). */
  alsoIds?: readonly string[];
  /** Free text people wrote, which may name anyone (decision 028). */
  text: readonly string[];
  instants: readonly string[];
}

const spec = (s: Partial<TableSpec> & Pick<TableSpec, 'table' | 'ids' | 'names'>): TableSpec => ({
  warRoom: 'war_room_id',
  key: ['id'],
  json: [],
  text: [],
  instants: [],
  ...s,
});

export const PERSON_TABLES: readonly TableSpec[] = [
  spec({
    table: 'war_rooms',
    warRoom: 'id',
    ids: ['created_by_id'],
    names: ['created_by_name'],
    text: ['title'],
    instants: ['created_at', 'updated_at', 'closed_at'],
  }),
  spec({
    table: 'incidents',
    ids: ['reporter_id'],
    names: ['reporter_name'],
    json: ['owner'],
    text: ['title'],
    instants: ['created_at', 'updated_at', 'acknowledged_at', 'mitigated_at', 'resolved_at'],
  }),
  spec({
    table: 'incident_notes',
    ids: ['author_id'],
    names: ['author_name'],
    text: ['text'],
    instants: ['at'],
  }),
  spec({
    table: 'war_room_roles',
    key: ['war_room_id', 'teams_user_id'],
    ids: ['user_id', 'teams_user_id'],
    names: ['name'],
    alsoIds: ['assigned_by_id'],
    instants: ['assigned_at'],
  }),
  spec({
    table: 'decisions',
    ids: ['requester_id'],
    names: ['requester_name'],
    json: ['approvers', 'backup', 'responses'],
    text: ['question'],
    instants: ['created_at', 'updated_at', 'decided_at', 'deadline'],
  }),
  spec({
    table: 'actions',
    ids: ['created_by_id'],
    names: ['created_by_name'],
    json: ['owner', 'origin'],
    text: ['title'],
    instants: ['created_at', 'updated_at', 'due', 'done_at', 'reminded_at'],
  }),
  spec({
    table: 'freeze_windows',
    ids: ['created_by_id'],
    names: ['created_by_name'],
    text: ['reason'],
    instants: ['created_at', 'from_at', 'to_at', 'released_at'],
  }),
  spec({ table: 'migration_imports', ids: ['actor_id'], names: ['actor_name'], instants: ['at'] }),
  spec({
    table: 'migration_settings',
    key: ['war_room_id'],
    ids: ['updated_by_id'],
    names: ['updated_by_name'],
    instants: ['updated_at'],
  }),
  spec({
    table: 'api_keys',
    ids: ['created_by_id'],
    names: ['created_by_name'],
    instants: ['created_at', 'last_used_at', 'revoked_at'],
  }),
  spec({
    table: 'report_lessons',
    key: ['war_room_id'],
    ids: ['by_id'],
    names: ['by_name'],
    text: ['text'],
    instants: ['at'],
  }),
  spec({ table: 'handovers', ids: ['by_id'], names: ['by_name'], instants: ['at'] }),
];

/** Tenant-wide caches about people: forgotten outright rather than pseudonymised. */
export const TENANT_TABLES = [
  { table: 'team_members', ids: ['aad_object_id', 'teams_user_id'], instants: ['refreshed_at'] },
  { table: 'personal_chats', ids: ['teams_user_id'], instants: ['opened_at'] },
] as const;

/** Every table that belongs to a war room, children first: what a purge deletes. */
export const WAR_ROOM_TABLES = [
  'report_lessons',
  'handovers',
  'freeze_violations',
  'freeze_windows',
  'migration_totals',
  'migration_items',
  'migration_imports',
  'migration_settings',
  'api_keys',
  'incident_notes',
  'incidents',
  'decisions',
  'actions',
  'war_room_roles',
  'audit_log',
] as const;
