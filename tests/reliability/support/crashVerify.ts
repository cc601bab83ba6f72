import Database from 'better-sqlite3';
import { findChainBreak } from '../../../bot/services/auditTrail';
import type { Storage } from '../../../bot/storage/types';
import type { AuditEntry } from '../../../shared/domain/audit';
import type { Incident } from '../../../shared/domain/incident';
import type { Delivery } from './crashWorkload';

/** What the store holds for one war room, read after the server has stopped. */
export interface Stored {
  incidents: Incident[];
  audit: AuditEntry[];
}

export async function readWarRoom(
  storage: Storage,
  tenantId: string,
  channelId: string,
): Promise<Stored | undefined> {
  return storage.transaction(async (tx) => {
    const warRoom = await tx.warRooms.findByChannel(tenantId, channelId);
    if (!warRoom) return undefined;
    return {
      incidents: await tx.incidents.listByWarRoom(tenantId, warRoom.id),
      audit: await tx.audit.list(tenantId, warRoom.id),
    };
  });
}

/** `PRAGMA integrity_check` through a read-only connection of its own: 'ok' when intact. */
export function sqliteIntegrity(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

export interface Judgement {
  lost: string[];
  duplicates: string[];
  lostClicks: string[];
  /** Other broken promises: audit chain, audit entries without or beyond their change. */
  problems: string[];
  /** Informational: missing incident numbers (a killed transaction may burn one, or not). */
  numberGaps: number;
}

/**
 * Compares what was acknowledged with what is stored: every message exactly once as an
 * incident, every acknowledged click as a status change, each with its one audit entry,
 * and the audit chain intact.
 */
export function judge(deliveries: Delivery[], stored: Stored): Judgement {
  const byTitle = new Map<string, Incident[]>();
  for (const i of stored.incidents) byTitle.set(i.title, [...(byTitle.get(i.title) ?? []), i]);
  const lost: string[] = [];
  const duplicates: string[] = [];
  const lostClicks: string[] = [];
  const problems: string[] = [];

  const messages = deliveries.filter((d) => d.kind === 'message');
  for (const d of messages) {
    const found = byTitle.get(d.key)?.length ?? 0;
    const how = d.ackedFirstTime ? 'acknowledged at once' : `${d.attempts} deliveries`;
    if (found === 0 && d.acked) lost.push(`"${d.key}" (${how})`);
    if (found > 1) duplicates.push(`"${d.key}" stored ${found} times (${how})`);
  }
  const sent = new Set(messages.map((d) => d.key));
  for (const title of byTitle.keys()) {
    if (!sent.has(title)) problems.push(`incident "${title}" was never sent`);
  }

  const byId = new Map(stored.incidents.map((i) => [i.id, i]));
  const clicked = new Set<string>();
  for (const d of deliveries.filter((x) => x.kind === 'click' && x.acked)) {
    clicked.add(d.key);
    const incident = byId.get(d.key);
    if (!incident) problems.push(`clicked incident ${d.key} is not stored`);
    else if (incident.status !== 'investigating' || incident.version !== 2) {
      const how = d.ackedFirstTime ? 'acknowledged at once' : `${d.attempts} deliveries`;
      lostClicks.push(
        `"${incident.title}" is ${incident.status} v${incident.version} after an acknowledged click (${how})`,
      );
    }
  }

  const chainBreak = findChainBreak(stored.audit);
  if (chainBreak !== -1) problems.push(`audit chain breaks at entry ${chainBreak + 1}`);
  const entries = new Map<string, number>();
  for (const e of stored.audit) {
    const k = `${e.action} ${e.subject}`;
    entries.set(k, (entries.get(k) ?? 0) + 1);
  }
  for (const i of stored.incidents) {
    const logged = entries.get(`incident.logged incident:${i.id}`) ?? 0;
    const changed = entries.get(`incident.status_changed incident:${i.id}`) ?? 0;
    const expectChanged = i.version - 1;
    if (logged !== 1) problems.push(`"${i.title}" has ${logged} incident.logged audit entries`);
    if (changed !== expectChanged) {
      problems.push(`"${i.title}" v${i.version} has ${changed} status_changed audit entries`);
    }
    if (i.version > 1 && !clicked.has(i.id)) {
      problems.push(`"${i.title}" changed (v${i.version}) without an acknowledged click`);
    }
  }
  const auditedIncidents = stored.audit.filter((e) => e.subject.startsWith('incident:')).length;
  const expectedAudited = stored.incidents.reduce((n, i) => n + i.version, 0);
  if (auditedIncidents !== expectedAudited) {
    problems.push(`${auditedIncidents} incident audit entries for ${expectedAudited} changes`);
  }

  const numbers = stored.incidents.map((i) => i.number);
  const numberGaps = numbers.length ? Math.max(...numbers) - numbers.length : 0;
  return { lost, duplicates, lostClicks, problems, numberGaps };
}
