import type { Kysely } from 'kysely';
import type { Pseudonym } from '../../../shared/domain/privacy';
import { scrubJson, type NameMatcher } from '../../../shared/domain/privacyText';
import type { OutboxTarget } from '../types';
import type { Exec } from './exec';

type Loose = Kysely<Record<string, Record<string, unknown>>>;

/**
 * Erasure's reach into what is still to happen (decision 028): the tenant's messages to
 * Teams (cards and texts, queued or kept after sending until pruned) and its jobs' payloads
 * take the pseudonym; a message to the person's own chat is dropped, since it cannot be
 * delivered without their id and is about them.
 */
export async function scrubQueued(
  x: Exec,
  tenantId: string,
  ids: ReadonlySet<string>,
  p: Pseudonym,
  names: NameMatcher | undefined,
): Promise<Record<string, number>> {
  const db = x.db as unknown as Loose;
  const counts: Record<string, number> = {};
  const bump = (table: string) => (counts[table] = (counts[table] ?? 0) + 1);
  const messages = await x.all(
    db
      .selectFrom('outbox')
      .select(['id', 'target', 'activity', 'failure_notice'])
      .where('tenant_id', '=', tenantId),
  );
  for (const m of messages) {
    const target = JSON.parse(String(m.target)) as OutboxTarget;
    if (target.personal && ids.has(target.personal.teamsUserId)) {
      await x.run(db.deleteFrom('outbox').where('id', '=', m.id));
      bump('outbox');
      continue;
    }
    const set: Record<string, string> = {};
    for (const c of ['activity', 'failure_notice'] as const) {
      if (typeof m[c] !== 'string') continue;
      const { value, changed } = scrubJson(JSON.parse(m[c]) as unknown, ids, p, names);
      if (changed) set[c] = JSON.stringify(value);
    }
    if (Object.keys(set).length === 0) continue;
    await x.run(db.updateTable('outbox').set(set).where('id', '=', m.id));
    bump('outbox');
  }
  const jobs = await x.all(
    db.selectFrom('jobs').select(['id', 'payload']).where('tenant_id', '=', tenantId),
  );
  for (const j of jobs) {
    const { value, changed } = scrubJson(JSON.parse(String(j.payload)) as unknown, ids, p, names);
    if (!changed) continue;
    await x.run(
      db
        .updateTable('jobs')
        .set({ payload: JSON.stringify(value) })
        .where('id', '=', j.id),
    );
    bump('jobs');
  }
  return counts;
}
