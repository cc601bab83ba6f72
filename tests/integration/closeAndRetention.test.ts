import { VERBS } from '../../shared/cards/actions';
import { verifyStoredChain } from '../../bot/services/auditChain';
import { t as text } from '../../shared/i18n';
import { channel } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { startPostgres } from '../support/postgres';
import { cardsOf } from '../support/cards';

const DAY = 24 * 60 * 60 * 1000;
const BOB = { aadObjectId: 'bbbbbbbb-0000-0000-0000-0000000000b0', name: 'Bob Engineer' };

/**
 * The end of a war room through the real bot endpoint, with a clock the test moves: the
 * lead closes it, later changes are refused with one sentence, and the scheduler purges it
 * once its retention has run out, leaving a tombstone without names.
 */
describe.each(['sqlite', 'postgres'] as const)('closing and retention on %s', (engine) => {
  let t: TestApp;
  /** The test's clock runs with real time, shifted by `offset` (pacing needs time to pass). */
  let offset = 0;
  const now = () => Date.now() + offset;
  let stopPg: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    let env: Record<string, string> = {};
    if (engine === 'postgres') {
      const pg = await startPostgres();
      stopPg = () => pg.stop();
      env = { DATABASE_URL: await pg.createDatabase('retention') };
    }
    t = await startTestApp(env, {
      clock: { now: () => new Date(now()) },
      // Only the test's ticks run jobs: the poll would race them.
      scheduler: { pollMs: 60 * 60 * 1000 },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await stopPg?.();
  });

  const lastText = () => String(t.connector.calls.at(-1)?.activity.text ?? '');
  const room = () =>
    t.app.storage.transaction((tx) => tx.warRooms.findByChannel(t.tenantId, t.room.channelId));

  test('the lead closes; changes are refused; the purge waits for the retention, then leaves a tombstone', async () => {
    await t.say('start Mailbox cutover weekend');
    await t.say('incident Licences not assigned sev2');
    const open = await room();
    if (!open) throw new Error('no war room');

    // Only the lead closes, and the retention stays within bounds.
    const bob = channel({ serviceUrl: t.connector.url, channelId: t.room.channelId, from: BOB });
    await t.post(bob.message('close'));
    expect(lastText()).toBe(text('en', 'access.warroom.close'));
    await t.say('retention 3');
    expect(lastText()).toBe(text('en', 'warroom.retentionUsage', { min: 7, max: 3650 }));
    await t.say('retention 30');
    expect(lastText()).toBe(text('en', 'warroom.retentionSet', { days: 30 }));

    await t.say('close');
    expect(lastText()).toMatch(/^Mailbox cutover weekend is closed by Alice Lead\. .*kept 30 days/);
    expect(await room()).toMatchObject({ phase: 'closed' });

    // Nothing changes any more, whoever asks, and the sentence says why.
    const refused = text('en', 'warroom.isClosed', { title: 'Mailbox cutover weekend' });
    for (const said of ['incident Calendar sharing lost sev3', 'close', 'note INC-1 later']) {
      await t.say(said);
      expect(lastText()).toBe(refused);
    }
    const incidents = await t.app.storage.transaction((tx) =>
      tx.incidents.listByWarRoom(t.tenantId, open.id),
    );
    expect(incidents).toHaveLength(1);
    // A click on the incident's card: the card comes back unchanged, saying why.
    const [inc] = incidents;
    const click = await t.post(
      t.room.cardAction(VERBS.incidentSetStatus, {
        incidentId: inc?.id,
        status: 'investigating',
        version: inc?.version,
      }),
    );
    expect(click.status).toBe(200);
    expect(JSON.stringify(click.body)).toContain(refused);
    const [still] = await t.app.storage.transaction((tx) =>
      tx.incidents.listByWarRoom(t.tenantId, open.id),
    );
    expect(still?.status).toBe('open');
    const log = await t.app.storage.transaction((tx) => tx.audit.list(t.tenantId, open.id));
    expect(log.map((e) => e.action)).toEqual([
      'warroom.started',
      'incident.logged',
      'access.refused',
      'warroom.retention_set',
      'warroom.closed',
    ]);
    const closedAt = Date.parse(String(log.at(-1)?.at));
    expect(log.at(-1)?.after).toMatchObject({
      retentionDays: 30,
      purgeOn: new Date(closedAt + 30 * DAY).toISOString(),
    });

    // A day before the end of the retention: kept.
    offset = 29 * DAY;
    await t.app.scheduler.tick();
    expect(await room()).toMatchObject({ id: open.id });
    expect((await verifyStoredChain(t.app.storage, t.tenantId, open.id)).verified).toBe(true);

    // After it: purged, every record of it, and a tombstone that names nobody.
    offset = 30 * DAY + 60_000;
    const purgedAfter = now();
    await t.app.scheduler.tick();
    expect(await room()).toBeUndefined();
    await t.app.storage.transaction(async (tx) => {
      expect(await tx.audit.list(t.tenantId, open.id)).toEqual([]);
      expect(await tx.incidents.listByWarRoom(t.tenantId, open.id)).toEqual([]);
      const [tombstone] = await tx.privacy.tombstones(t.tenantId);
      expect(tombstone).toEqual({
        tenantId: t.tenantId,
        warRoomId: open.id,
        closedAt: new Date(closedAt).toISOString(),
        purgedAt: expect.any(String),
        counts: expect.objectContaining({ audit_log: 5, incidents: 1, war_rooms: 1, jobs: 0 }),
        lastSeq: 5,
        lastHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(Date.parse(tombstone?.purgedAt ?? '')).toBeGreaterThanOrEqual(purgedAfter);
      expect(JSON.stringify(tombstone)).not.toMatch(/Alice|Mailbox cutover/);
    });
    // The channel can start again.
    await t.say('start Second weekend');
    expect((await room())?.title).toBe('Second weekend');
  });

  test("language: the lead sets the channel cards' language; replies keep the reader's", async () => {
    const c = channel({ serviceUrl: t.connector.url, tenantId: t.tenantId });
    const say = (s: string) => t.post(c.message(s));
    await say('start Cutover in Aarhus');
    await say('language da');
    expect(lastText()).toBe(text('da', 'warroom.languageSet'));
    await say('incident Licences not assigned sev2');
    const [card] = cardsOf(t.connector.calls.at(-1)?.activity ?? {});
    const cardText = JSON.stringify(card);
    expect(cardText).toContain(text('da', 'status.open'));
    expect(cardText).toContain(text('da', 'severity.sev2'));
    expect(cardText).not.toContain(text('en', 'severity.sev2'));
    // An English reader's own reply (an error) stays English.
    await say('language klingon');
    expect(lastText()).toBe(text('en', 'warroom.languageUsage'));
  });
});
