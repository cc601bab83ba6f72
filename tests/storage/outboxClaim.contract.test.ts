import Database from 'better-sqlite3';
import { Client } from 'pg';
import { sqliteFile, type StorageLocation } from '../../bot/storage/open';
import { compileOnly } from '../../bot/storage/sql/builder';
import type { Exec } from '../../bot/storage/sql/exec';
import { outboxRepo } from '../../bot/storage/sql/outbox';
import type { NewOutboxMessage, OutboxSignal } from '../../bot/storage/types';
import { backends, suiteDatabase, type Backend } from './backends';
import { postgresPlan, sqlitePlan } from './plans';

const BASE = Date.UTC(2026, 9, 24, 18, 0);
const at = (ms: number) => new Date(BASE + ms).toISOString();
const NOW = at(3_600_000);
const CHANNEL = '19:cutover@thread.tacv2';

let made = 0;
const message = (conversationId = CHANNEL): NewOutboxMessage => ({
  id: `claim-${++made}`,
  tenantId: 'tenant-claim',
  target: { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversationId },
  operation: 'post',
  subject: null,
  activity: { type: 'message', text: `card ${made}` },
  failureNotice: null,
  createdAt: at(made),
});

/** The statement the delivery's claim sends, compiled for `dialect`, without running it. */
async function claimStatement(dialect: 'sqlite' | 'postgres') {
  let compiled: { sql: string; parameters: readonly unknown[] } | undefined;
  const capture: Pick<Exec, 'db' | 'all'> = {
    db: compileOnly(dialect),
    all: (query) => {
      compiled = query.compile();
      return Promise.resolve([]);
    },
  };
  await outboxRepo(capture as Exec).claimDue(NOW, at(3_630_000), 32);
  if (!compiled) throw new Error('claimDue sent no statement');
  return compiled;
}

/**
 * The delivery claims on every commit that enqueued and on every poll: its cost must not
 * grow with the messages a conversation has already had (a weekend's cards are kept).
 */
describe.each(backends())('outbox claim: $name', (backend: Backend) => {
  const suite = suiteDatabase(backend);

  test('finds what is due through the index of unsent messages, not the history', async () => {
    const storage = suite.storage();
    // A channel with a long history, one message pending in it and one in another.
    const history = Array.from({ length: 3000 }, () => message());
    await storage.transaction(async (tx) => {
      for (const m of history) await tx.outbox.enqueue(m);
    });
    // Sent one by one they would take 3,000 claims: marked sent behind the port's back.
    await rawSql(backend.name, suite.location(), "UPDATE outbox SET state = 'sent'");
    const due = [message(), message('19:other@thread.tacv2')];
    await storage.transaction(async (tx) => {
      for (const m of due) await tx.outbox.enqueue(m);
    });

    const { sql, parameters } = await claimStatement(backend.name);
    const plan =
      backend.name === 'sqlite'
        ? sqlitePlan(suite.location().dataDir, sql, parameters)
        : await postgresPlan(suite.location().databaseUrl!, sql, parameters, ['ANALYZE outbox']);
    // Each subquery seeks by state: SQLite through the unsent index by conversation;
    // PostgreSQL's planner may also take outbox_due (state first), as cheap here.
    expect(plan).toMatch(backend.name === 'sqlite' ? /outbox_unsent/ : /outbox_(unsent|due)/);
    expect(plan).not.toMatch(/SCAN e\b|SCAN e_1|Seq Scan|outbox_by_conversation/);
    // Its RETURNING asks whether anything waits behind each message: a seek by state too.
    expect(plan).toMatch(
      backend.name === 'sqlite'
        ? /SEARCH f USING (COVERING )?INDEX outbox_unsent/
        : /Index (Only )?Scan using outbox_(unsent|due) on outbox f\s/,
    );
    if (backend.name === 'postgres') {
      expect(plan.match(/on outbox e(_1)?\s/g)).toHaveLength(2);
      expect(plan).not.toMatch(/Index Cond: \(conversation_key = o\.conversation_key\)\n/);
    }

    const claimed = await storage.transaction((tx) => tx.outbox.claimDue(NOW, at(3_630_000), 32));
    expect(claimed.map((m) => m.id)).toEqual(due.map((m) => m.id));
  });

  test('signals a commit that enqueued, and nothing else', async () => {
    const storage = suite.storage();
    const heard: OutboxSignal[] = [];
    const stop = storage.outboxSignals.subscribe((s) => heard.push(s));
    const settled = () => new Promise((resolve) => setImmediate(resolve));
    try {
      await storage.transaction((tx) => tx.outbox.countByState());
      await storage.transaction((tx) => tx.outbox.expireLeases(NOW));
      await settled();
      expect(heard).toEqual([]);

      await storage
        .transaction(async (tx) => {
          await tx.outbox.enqueue(message());
          throw new Error('changed my mind');
        })
        .catch(() => undefined);
      await settled();
      expect(heard).toEqual([]);

      await storage.transaction(async (tx) => {
        await tx.outbox.enqueue(message());
        await tx.outbox.enqueue(message());
      });
      await storage.single((tx) => tx.outbox.enqueue(message()));
      await settled();
      expect(heard).toEqual([{ kind: 'enqueued' }, { kind: 'enqueued' }]);
    } finally {
      stop();
    }
  });
});

async function rawSql(engine: string, location: StorageLocation, sql: string): Promise<void> {
  if (engine === 'postgres') {
    const client = new Client({ connectionString: location.databaseUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
    return;
  }
  const db = new Database(sqliteFile(location.dataDir));
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}
