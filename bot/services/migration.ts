import { createHash } from 'node:crypto';
import type { Actor } from '../../shared/domain/actor';
import { DomainError, forbidden, notFound } from '../../shared/domain/errors';
import type {
  ImportFormat,
  ImportSource,
  MigrationImport,
  MigrationSettings,
} from '../../shared/domain/migration';
import type { Permission } from '../../shared/domain/roles';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { ColumnMapping } from '../../shared/migration/columns';
import { parseMigrationCsv } from '../../shared/migration/csv';
import { readMigrationItems, type ItemRejectReason } from '../../shared/migration/json';
import type { StatusValues } from '../../shared/migration/status';
import type { Storage, Tx } from '../storage/types';
import { authorize, recordingRefusals } from './access';
import { isKeyCaller } from './apiKeys';
import { appendAudit } from './auditTrail';
import type { Clock, IdGenerator } from './clock';
import type { Effects } from './effects';
import { diffImport, transitions, triage, type Incoming, type ItemChange } from './migrationDiff';
import { totalsOf, type MigrationTotals } from './migrationTotals';
import { auditChange, change } from './unitOfWork';

export type { ItemChange, StatusTransition } from './migrationDiff';
export type { MigrationTotals } from './migrationTotals';

/** What an import carries: an export's bytes or text, or a script's JSON items. */
export type ImportContent =
  | { kind: 'csv'; content: string | Uint8Array; source: ImportSource }
  | { kind: 'json'; items: readonly unknown[]; source: ImportSource };

/** What an accepted import did, as the caller is told. */
export interface ImportSummary {
  importId: string;
  format: ImportFormat;
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** What the composition root hears of an accepted import, inside its transaction. */
export interface ImportedEvent {
  warRoom: WarRoom;
  actor: Actor;
  /** Items created or changed; empty when the import changed nothing. */
  changes: readonly ItemChange[];
  importRecord: MigrationImport;
}

export interface MigrationDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
  /**
   * Runs in the import's transaction after the items and the audit entry are written
   * (freeze checks, the status card). Throwing rolls the whole import back.
   */
  onImported?: (tx: Tx, event: ImportedEvent) => Promise<void>;
}

/** Rows listed in a refusal; the count says how many there were in all. */
const REPORTED_ROWS = 1000;

/** A refused import: every rejected row (up to REPORTED_ROWS) with its line and reason. */
export class ImportRejected extends DomainError {
  constructor(
    readonly rejected: readonly { line: number; reason: ItemRejectReason }[],
    readonly total: number,
  ) {
    super('invalid', 'migration.file.rejected', { count: total });
    this.name = 'ImportRejected';
  }
}

/**
 * Migration status in: imports (all rows or none, one audit entry each), the lead's column
 * mapping, and totals. Callers are people (their role decides) or API keys (their own war
 * room only, to import and read).
 */
export class MigrationService {
  constructor(private readonly deps: MigrationDeps) {}

  /**
   * Reads the content with the war room's mapping, status words and zone. Any rejected
   * row refuses the whole import (ImportRejected); otherwise one transaction writes the
   * items that changed, an import record, one audit entry when something changed, and
   * whatever `onImported` adds. Items absent from the content are left as they are.
   */
  async import(
    actor: Actor,
    warRoomId: string,
    input: ImportContent,
    effects?: Effects<ImportSummary>,
  ): Promise<ImportSummary> {
    // Permission and settings first, in a short transaction: parsing 64 MB must neither
    // be done for a caller who may not import nor hold the database meanwhile.
    const { warRoom, settings } = await recordingRefusals(this.deps, actor, () =>
      this.deps.storage.transaction(async (tx) => {
        const room = await admit(tx, actor, warRoomId, 'migration.import');
        return { warRoom: room, settings: await tx.migrationSettings.find(room.tenantId, room.id) };
      }),
    );
    const read = readContent(input, warRoom, settings);
    if (read.rejected.length > 0) {
      const sorted = [...read.rejected].sort((a, b) => a.line - b.line);
      throw new ImportRejected(sorted.slice(0, REPORTED_ROWS), sorted.length);
    }
    return change(this.deps, actor, effects, async (tx, now) => {
      await admit(tx, actor, warRoomId, 'migration.import');
      const ids = { tenantId: warRoom.tenantId, warRoomId: warRoom.id };
      // Fingerprints first: only rows that may have changed read their stored item.
      const known = await tx.migrationItems.fingerprints(ids.tenantId, ids.warRoomId);
      const sorted = triage(known, read.items);
      const identities = sorted.toCompare
        .filter(({ entry }) => known.has(entry.row.identity))
        .map(({ entry }) => entry.row.identity);
      const stored = await tx.migrationItems.findMany(ids.tenantId, ids.warRoomId, identities);
      const diff = diffImport(stored, sorted, ids, now);
      await tx.migrationItems.upsert(diff.changes.map((c) => c.after));
      if (diff.changes.length > 0) await tx.migrationTotals.refresh(ids.tenantId, ids.warRoomId);
      const importRecord: MigrationImport = {
        id: this.deps.ids(),
        ...ids,
        at: now,
        actorId: actor.userId,
        actorName: actor.name,
        source: input.source,
        format: read.format,
        rowsRead: read.rowsRead,
        created: diff.created,
        updated: diff.updated,
        unchanged: diff.unchanged,
        contentHash: read.contentHash,
      };
      await tx.migrationImports.insert(importRecord);
      // The log records changes: an import that changed nothing is in migration_imports only.
      if (diff.changes.length > 0) {
        await appendAudit(tx, {
          ...ids,
          at: now,
          actorId: actor.userId,
          actorName: actor.name,
          action: 'migration.imported',
          subject: `import:${importRecord.id}`,
          before: null,
          after: { ...importRecord, statusChanges: transitions(diff.changes) },
        });
      }
      await this.deps.onImported?.(tx, { warRoom, actor, changes: diff.changes, importRecord });
      const { created, updated, unchanged, rowsRead, format } = importRecord;
      return { importId: importRecord.id, format, rowsRead, created, updated, unchanged };
    });
  }

  /**
   * Refuses (audited, like the import itself) a caller who may not import here: for the
   * tab's upload route, before it reads a file of up to 64 MB that would be refused anyway.
   */
  async admitImport(actor: Actor, warRoomId: string): Promise<void> {
    await recordingRefusals(this.deps, actor, () =>
      this.deps.storage.transaction((tx) => admit(tx, actor, warRoomId, 'migration.import')),
    );
  }

  /** Items per normalised status and per batch, counted by the database, and the last import. */
  totals(actor: Actor, warRoomId: string): Promise<MigrationTotals> {
    return recordingRefusals(this.deps, actor, () =>
      this.deps.storage.read(async (tx) => {
        const warRoom = await admit(tx, actor, warRoomId, 'warroom.read');
        const counts = await tx.migrationTotals.counts(warRoom.tenantId, warRoom.id);
        const [last] = await tx.migrationImports.listRecent(warRoom.tenantId, warRoom.id, 1);
        return totalsOf(counts, last ?? null);
      }),
    );
  }

  /** Saves how the war room reads other tools' CSV (the lead only). */
  saveSettings(
    actor: Actor,
    warRoomId: string,
    input: { mapping: ColumnMapping | null; statusValues: StatusValues },
  ): Promise<MigrationSettings> {
    return change(this.deps, actor, undefined, async (tx, now) => {
      const warRoom = await admit(tx, actor, warRoomId, 'migration.configure');
      const before = await tx.migrationSettings.find(warRoom.tenantId, warRoom.id);
      const settings: MigrationSettings = {
        tenantId: warRoom.tenantId,
        warRoomId: warRoom.id,
        ...input,
        updatedById: actor.userId,
        updatedByName: actor.name,
        updatedAt: now,
      };
      await tx.migrationSettings.put(settings);
      const subject = { id: warRoom.id, warRoomId: warRoom.id };
      await auditChange(
        tx,
        actor,
        now,
        'migration.settings_saved',
        'migration-settings',
        before ? { ...before, ...subject } : null,
        { ...settings, ...subject },
      );
      return settings;
    });
  }
}

/**
 * The war room, if the caller may do `permission` there. A key acts in its own war room
 * only, and only imports and reads; a person's role decides (refusals are audited).
 */
async function admit(
  tx: Tx,
  actor: Actor,
  warRoomId: string,
  permission: Permission,
): Promise<WarRoom> {
  const warRoom = await tx.warRooms.findById(actor.tenantId, warRoomId);
  if (!warRoom) throw notFound('warroom.notFound');
  if (isKeyCaller(actor)) {
    if (actor.apiKey.warRoomId !== warRoom.id) throw forbidden('apikey.otherWarRoom');
    if (permission !== 'migration.import' && permission !== 'warroom.read') {
      throw forbidden('apikey.notForKeys');
    }
    return warRoom;
  }
  await authorize(tx, warRoom, actor, permission);
  return warRoom;
}

interface ReadContent {
  format: ImportFormat;
  rowsRead: number;
  items: Incoming[];
  rejected: { line: number; reason: ItemRejectReason }[];
  contentHash: string;
}

function readContent(
  input: ImportContent,
  warRoom: WarRoom,
  settings: MigrationSettings | undefined,
): ReadContent {
  const statusValues = settings?.statusValues ?? {};
  if (input.kind === 'json') {
    const read = readMigrationItems(input.items, { statusValues });
    return {
      format: 'json',
      rowsRead: read.rowsRead,
      items: read.items.map(({ row, fields }) => ({ row, fields: new Set(fields) })),
      rejected: read.rejected,
      contentHash: sha256(JSON.stringify(input.items)),
    };
  }
  const parsed = parseMigrationCsv(input.content, {
    timeZone: warRoom.timeZone,
    statusValues,
    ...(settings?.mapping ? { mapping: settings.mapping } : {}),
  });
  const fields = new Set(parsed.fields);
  return {
    format: parsed.format,
    rowsRead: parsed.rowsRead,
    items: parsed.items.map((row) => ({ row, fields })),
    rejected: parsed.rejected,
    contentHash: sha256(input.content),
  };
}

const sha256 = (content: string | Uint8Array) => createHash('sha256').update(content).digest('hex');
