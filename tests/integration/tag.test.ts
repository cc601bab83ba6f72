import type { Actor } from '../../shared/domain/actor';
import { ALICE, channel } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { cardsOf } from '../support/cards';
import { cardText } from '../support/decide';
import { startPostgres, type TestPostgres } from '../support/postgres';

/**
 * `tag` and `untag` through the real endpoint: counts and unknown mailboxes in the answer,
 * one audit entry per command, and freeze windows that select the tag hold what was tagged.
 */
describe.each(['sqlite', 'postgres'] as const)('tagging mailboxes on %s', (engine) => {
  let pg: TestPostgres | undefined;
  let t: TestApp;
  const lead: Actor = { tenantId: '', userId: ALICE.aadObjectId, name: ALICE.name };

  beforeAll(async () => {
    if (engine === 'postgres') pg = await startPostgres();
    const url = pg ? await pg.createDatabase('tags') : undefined;
    t = await startTestApp(url ? { DATABASE_URL: url } : {});
    lead.tenantId = t.tenantId;
    await t.say('start Mailbox cutover weekend');
    const w = await warRoom();
    await t.app.migration.import(lead, w.id, {
      kind: 'json',
      source: 'api-json',
      items: [
        { identity: 'lab1@hospital.example', status: 'Syncing', tags: ['critical'] },
        { identity: 'lab2@hospital.example', status: 'Syncing' },
        { identity: 'hr@hospital.example', status: 'Completed' },
      ],
    });
  });
  afterAll(async () => {
    await t?.stop();
    await pg?.stop();
  });

  const warRoom = async () =>
    (await t.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(t.tenantId, t.room.channelId),
    ))!;
  const tagsOf = async () => {
    const w = await warRoom();
    const items = await t.app.storage.transaction((tx) =>
      tx.migrationItems.listAll(t.tenantId, w.id),
    );
    return Object.fromEntries(items.map((i) => [i.identity, i.tags]));
  };
  const audit = async () => {
    const w = await warRoom();
    return t.app.storage.transaction((tx) => tx.audit.list(t.tenantId, w.id));
  };
  const answer = async (text: string) => {
    await t.say(text);
    return t.connector.calls.at(-1)?.activity.text ?? '';
  };

  test('tags the named mailboxes, lower case, and lists the unknown ones', async () => {
    const text = await answer(
      'tag Lab-Results LAB1@hospital.example, lab2@hospital.example nobody@hospital.example',
    );
    expect(text.split('\n')).toEqual([
      'Tagged 2 mailboxes with lab-results.',
      'Not in this war room’s migration: nobody@hospital.example.',
    ]);
    expect(await tagsOf()).toEqual({
      'lab1@hospital.example': ['critical', 'lab-results'],
      'lab2@hospital.example': ['lab-results'],
      'hr@hospital.example': [],
    });
    const tagged = (await audit()).filter((e) => e.action === 'migration.tagged');
    expect(tagged).toHaveLength(1);
    expect(tagged[0]).toMatchObject({
      actorId: ALICE.aadObjectId,
      subject: 'tag:lab-results',
      after: {
        tag: 'lab-results',
        count: 2,
        identities: ['lab1@hospital.example', 'lab2@hospital.example'],
      },
    });
  });

  test('again: nothing changes, nothing is audited', async () => {
    const entries = (await audit()).length;
    expect(await answer('tag lab-results lab1@hospital.example')).toBe(
      'Tagged 0 mailboxes with lab-results.\n1 had it already.',
    );
    expect((await audit()).length).toBe(entries);
  });

  test('a freeze on the tag holds what was tagged', async () => {
    await t.say('freeze tag lab-results from now to tomorrow 23:00 Lab feed switch-over');
    await t.say('status');
    const [card] = cardsOf(t.connector.calls.at(-1)!.activity);
    expect(cardText(card)).toContain('Frozen now: 2');
    await answer('tag lab-results hr@hospital.example');
    await t.say('status');
    const [after] = cardsOf(t.connector.calls.at(-1)!.activity);
    expect(cardText(after)).toContain('Frozen now: 3');
  });

  test('untag removes the tag, audited once', async () => {
    expect(await answer('untag lab-results lab1@hospital.example hr@hospital.example')).toBe(
      'Removed lab-results from 2 mailboxes.',
    );
    expect((await tagsOf())['lab1@hospital.example']).toEqual(['critical']);
    expect((await audit()).at(-1)).toMatchObject({
      action: 'migration.untagged',
      after: { count: 2 },
    });
  });

  test('what cannot be read is explained, in the writer’s language', async () => {
    expect(await answer('tag lab-results')).toMatch(/^Write the tag, then the mailboxes/);
    expect(await answer('tag lab/results a@hospital.example')).toMatch(/^A tag is one word/);
    expect(await answer('tag lab-results not-an-address@')).toBe(
      '"not-an-address@" is not a mailbox address.',
    );
    const da = channel({
      serviceUrl: t.connector.url,
      tenantId: t.tenantId,
      channelId: t.room.channelId,
      locale: 'da-DK',
    });
    await t.post(da.message('mærk lab-results ukendt@hospital.example'));
    expect(t.connector.calls.at(-1)?.activity.text).toBe(
      'Mærkede 0 postkasser med lab-results.\nIkke i dette krigsrums migrering: ukendt@hospital.example.',
    );
  });

  test('an observer may not tag', async () => {
    const w = await warRoom();
    const bob = { aadObjectId: 'bbbbbbbb-0000-0000-0000-0000000000b0', name: 'Bob Observer' };
    await t.app.storage.transaction((tx) =>
      tx.roles.put({
        tenantId: t.tenantId,
        warRoomId: w.id,
        teamsUserId: `29:${bob.aadObjectId}`,
        userId: bob.aadObjectId,
        name: bob.name,
        role: 'observer',
        assignedById: ALICE.aadObjectId,
        assignedAt: new Date().toISOString(),
      }),
    );
    const asBob = channel({
      serviceUrl: t.connector.url,
      tenantId: t.tenantId,
      channelId: t.room.channelId,
      from: bob,
    });
    await t.post(asBob.message('tag vip hr@hospital.example'));
    expect(t.connector.calls.at(-1)?.activity.text).toMatch(/^Your role in this war room/);
    expect((await tagsOf())['hr@hospital.example']).toEqual([]);
    expect((await audit()).at(-1)).toMatchObject({ action: 'access.refused' });
  });
});
