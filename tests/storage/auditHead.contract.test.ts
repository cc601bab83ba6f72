import Database from 'better-sqlite3';
import { Client } from 'pg';
import { appendAudit } from '../../bot/services/auditTrail';
import { sqliteFile } from '../../bot/storage/open';
import { headShape } from '../../bot/storage/sql/audit';
import { compileOnly } from '../../bot/storage/sql/builder';
import { backends, suiteDatabase, type Backend } from './backends';
import { newTenant, warRoom } from './fixtures';

/**
 * The head of a war room's audit chain (seq, hash) is read before every audited write. Rows
 * of audit_log carry the before/after JSON and overflow their pages; the head must come from
 * an index that holds seq and hash, in order, without reading the rows (decision 026).
 */
describe.each(backends())('audit chain head: $name', (backend: Backend) => {
  const suite = suiteDatabase(backend);

  test('is the newest entry of the war room, among large entries of two war rooms', async () => {
    const tenantId = newTenant();
    const rooms = [warRoom(tenantId), warRoom(tenantId)];
    const big = 'Mailbox batch 7 failed: '.repeat(200);
    await suite.storage().transaction(async (tx) => {
      for (const room of rooms) await tx.warRooms.insert(room);
      for (let n = 0; n < 60; n++) {
        const room = rooms[n % 3 === 0 ? 1 : 0]!;
        await appendAudit(tx, {
          tenantId,
          warRoomId: room.id,
          at: new Date(Date.UTC(2026, 9, 24, 20, n)).toISOString(),
          actorId: 'user-lead',
          actorName: 'Mette Lead',
          action: 'incident.logged',
          subject: `warroom:${room.id}`,
          before: { note: big },
          after: { note: big, n },
        });
      }
    });
    for (const room of rooms) {
      const entries = await suite.storage().transaction((tx) => tx.audit.list(tenantId, room.id));
      const head = await suite.storage().transaction((tx) => tx.audit.head(tenantId, room.id));
      expect(head).toEqual({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });
    }
    expect(
      await suite.storage().transaction((tx) => tx.audit.head(newTenant(), rooms[0]!.id)),
    ).toBe(undefined);
  });

  test('is read from the index alone', async () => {
    const { sql } = headShape(compileOnly(backend.name), {
      tenantId: 't',
      warRoomId: 'w',
    }).compile();
    if (backend.name === 'sqlite') {
      const db = new Database(sqliteFile(suite.location().dataDir), { readonly: true });
      try {
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('t', 'w', 1) as {
          detail: string;
        }[];
        expect(plan.map((r) => r.detail).join('\n')).toContain('COVERING INDEX audit_log_head');
      } finally {
        db.close();
      }
    } else {
      const client = new Client({ connectionString: suite.location().databaseUrl });
      await client.connect();
      try {
        await client.query('SET enable_seqscan = off');
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, [
          't',
          'w',
          1,
        ]);
        const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        // Walked backwards in seq order through an index: no sort of the war room's entries.
        expect(plan).toMatch(/Index (Only )?Scan Backward/);
        expect(plan).not.toContain('Sort');
      } finally {
        await client.end();
      }
    }
  });
});
