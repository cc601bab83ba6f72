import { appendAudit } from '../../bot/services/auditTrail';
import { HandoverService } from '../../bot/services/handover';
import type { AuditAction, AuditEntry } from '../../shared/domain/audit';
import { backends, suiteDatabase, type Backend } from './backends';
import { newTenant, warRoom } from './fixtures';
import { postgresPlan, sqlitePlan } from './plans';

const LEAD = { userId: 'user-lead', name: 'Mette Lead' };
const NOW = Date.parse('2026-10-24T18:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();

/** The handover's "what changed" the way it was first computed: every entry read and filtered. */
function countedByScan(entries: AuditEntry[], from: string, to: string) {
  const counted = new Map<string, number>();
  for (const e of entries) {
    if (e.at > from && e.at <= to) counted.set(e.action, (counted.get(e.action) ?? 0) + 1);
  }
  return [...counted.entries()]
    .map(([action, count]) => ({ action, count }))
    .sort((a, b) => b.count - a.count || a.action.localeCompare(b.action));
}

/**
 * The handover reads only its window of the audit log (by time, through an index) and says
 * what a scan of the whole log said, on a war room with thousands of older entries.
 */
describe.each(backends())('handover window: $name', (backend: Backend) => {
  const suite = suiteDatabase(backend);

  test('3,000 old entries change nothing; edges of the window are exact', async () => {
    const tenantId = newTenant();
    const room = warRoom(tenantId, { createdById: LEAD.userId, createdByName: LEAD.name });
    await suite.storage().transaction((tx) => tx.warRooms.insert(room));
    const entry = (at: string, action: AuditAction) => ({
      tenantId,
      warRoomId: room.id,
      at,
      actorId: LEAD.userId,
      actorName: LEAD.name,
      action,
      subject: `warroom:${room.id}`,
      before: null,
      after: { at },
    });
    await suite.storage().transaction(async (tx) => {
      // Two days of older traffic, one entry a minute, the last one 400 minutes ago.
      for (let m = 0; m < 3000; m++) {
        const action = m % 3 === 0 ? 'incident.logged' : 'migration.imported';
        await appendAudit(tx, entry(new Date(NOW - (3400 - m) * 60_000).toISOString(), action));
      }
      await appendAudit(tx, entry(hoursAgo(6), 'decision.requested')); // the edge: outside
      await appendAudit(
        tx,
        entry(new Date(NOW - 6 * 3_600_000 + 1).toISOString(), 'action.created'),
      );
      await appendAudit(tx, entry(hoursAgo(2), 'incident.logged'));
      await appendAudit(tx, entry(hoursAgo(1), 'incident.logged'));
      await appendAudit(tx, entry(hoursAgo(0), 'freeze.created')); // the other edge: inside
    });
    const all = await suite.storage().transaction((tx) => tx.audit.list(tenantId, room.id));
    const expected = countedByScan(all, hoursAgo(6), hoursAgo(0));
    expect(expected).toEqual([
      { action: 'incident.logged', count: 2 },
      { action: 'action.created', count: 1 },
      { action: 'freeze.created', count: 1 },
    ]);

    const service = new HandoverService({
      storage: suite.storage(),
      clock: { now: () => new Date(NOW) },
      ids: (() => {
        let n = 0;
        return () => `handover-${++n}`;
      })(),
    });
    const { view } = await service.post({ tenantId, ...LEAD }, { warRoomId: room.id }, 6);
    expect(view.changes).toEqual(expected);

    // A window reaching into the old entries counts them as the scan does.
    const later = await service.post({ tenantId, ...LEAD }, { warRoomId: room.id }, 72);
    const everything = await suite.storage().transaction((tx) => tx.audit.list(tenantId, room.id));
    const upToFirstHandover = everything.filter((e) => e.seq <= all.length + 1);
    expect(later.view.changes).toEqual(countedByScan(upToFirstHandover, hoursAgo(72), hoursAgo(0)));
    expect(later.view.changes.reduce((n, c) => n + c.count, 0)).toBe(3000 + 5 + 1);
  });

  test('the window is read through the index on (war room, time)', async () => {
    // The query the audit repository sends for the window, as the engine plans it.
    const sql =
      'SELECT action, count(*) FROM audit_log WHERE tenant_id = $1 AND war_room_id = $2' +
      ' AND at > $3 AND at <= $4 GROUP BY action';
    const params = ['t', 'w', hoursAgo(6), hoursAgo(0)];
    const plan =
      backend.name === 'sqlite'
        ? sqlitePlan(suite.location().dataDir, sql.replace(/\$\d/g, '?'), params)
        : await postgresPlan(suite.location().databaseUrl!, sql, params, [
            // The table is small: the question is whether the index fits.
            'SET enable_seqscan = off',
          ]);
    expect(plan).toContain('audit_log_by_time');
  });
});
