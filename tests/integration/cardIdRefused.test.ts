import Database from 'better-sqlite3';
import { Client } from 'pg';
import { sqliteFile } from '../../bot/storage/open';
import { startTestApp, type TestApp } from '../support/app';
import { cardsOf } from '../support/cards';
import { errorLog } from '../support/errorLog';
import { startPostgres, type TestPostgres } from '../support/postgres';

/** Makes the database itself refuse to store an incident's card id (a trigger raises). */
async function refuseCardIds(t: TestApp): Promise<void> {
  const { databaseUrl, dataDir } = t.app.config;
  if (databaseUrl) {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`
        CREATE FUNCTION refuse_card_id() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'card ids refused here'; END $$;
        CREATE TRIGGER refuse_card_id BEFORE UPDATE OF card_activity_id ON incidents
        FOR EACH ROW EXECUTE FUNCTION refuse_card_id();`);
    } finally {
      await client.end();
    }
    return;
  }
  // The app's own connection holds the write lock now and then across an await: retry
  // without blocking the event loop it needs to let go.
  const db = new Database(sqliteFile(dataDir), { timeout: 0 });
  try {
    for (let tries = 0; ; tries++) {
      try {
        db.exec(`CREATE TRIGGER refuse_card_id BEFORE UPDATE OF card_activity_id ON incidents
                 BEGIN SELECT RAISE(ABORT, 'card ids refused here'); END;`);
        return;
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_BUSY' || tries > 100) throw e;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  } finally {
    db.close();
  }
}

/**
 * An incident card that Teams accepted stays known as sent even when the bookkeeping after
 * it fails in the database: its later edits still go to the same message (a PUT).
 */
describe.each(['sqlite', 'postgres'] as const)('a card whose id cannot be stored: %s', (engine) => {
  let pg: TestPostgres | undefined;
  let t: TestApp;
  const { logger, errors } = errorLog();

  beforeAll(async () => {
    if (engine === 'postgres') pg = await startPostgres();
    const url = pg ? await pg.createDatabase('card_id_refused') : undefined;
    t = await startTestApp(url ? { DATABASE_URL: url } : {}, { logger });
    await refuseCardIds(t);
  });
  afterAll(async () => {
    await t?.stop();
    await pg?.stop();
  });

  test('the card is posted once, recorded as sent, and its edits replace it in place', async () => {
    await t.say('start Mailbox cutover weekend');
    await t.say('incident Licences not assigned sev2');
    const posted = t.connector.calls.at(-1)!;
    expect(posted.method).toBe('POST');
    const [card] = cardsOf(posted.activity) as { actions: { verb: string; data: unknown }[] }[];
    expect(errors).toEqual([
      expect.objectContaining({
        msg: 'outbox: could not record a posted message',
        fields: expect.objectContaining({ subject: expect.stringMatching(/^incident:/) }),
      }),
    ]);
    const room = await t.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(t.tenantId, t.room.channelId),
    );
    const [incident] = await t.app.storage.transaction((tx) =>
      tx.incidents.listByWarRoom(t.tenantId, room!.id),
    );
    expect(incident?.cardActivityId).toBeNull(); // what the database refused
    const outbox = await t.app.storage.transaction((tx) =>
      tx.outbox.findPost(t.tenantId, `incident:${incident!.id}`),
    );
    expect(outbox).toMatchObject({ state: 'sent', sentActivityId: expect.any(String) });

    const investigate = card!.actions[0]!;
    expect((await t.post(t.room.cardAction(investigate.verb, investigate.data))).status).toBe(200);
    await t.app.delivery.idle();
    const edit = t.connector.calls.at(-1)!;
    expect(edit.method).toBe('PUT');
    expect(edit.activityId).toBe(outbox!.sentActivityId);
    expect(t.connector.calls.filter((c) => c.method === 'POST')).toHaveLength(2); // start + card
  });
});
