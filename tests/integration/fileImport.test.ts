import fs from 'node:fs';
import path from 'node:path';
import { VERBS } from '../../shared/cards/actions';
import { ALICE, channel, type Person } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { cardProblems, cardsOf } from '../support/cards';
import { cardText, invokeCard } from '../support/decide';
import { FileServer } from '../support/fileServer';
import { personalChat } from '../support/personalChat';
import { startPostgres, type TestPostgres } from '../support/postgres';

const EXPORT = fs.readFileSync(
  path.resolve(__dirname, '../fixtures/migration/exchange-get-migrationuser.csv'),
);
const BOB: Person = { aadObjectId: 'bbbbbbbb-0000-0000-0000-0000000000b0', name: 'Bob Observer' };
/** Thirteen rows that cannot be read among two good ones. */
const BAD_CSV = [
  '"Identity","Status"',
  '"ok1@hospital.example","Completed"',
  '"broken@","Completed"',
  ...Array.from({ length: 12 }, (_, i) => `"m${i}@hospital.example",""`),
  '"ok2@hospital.example","Syncing"',
].join('\r\n');

/**
 * A status export sent to the bot in a personal chat, through the real endpoint: Teams'
 * file attachment, a loopback download server standing in for SharePoint, and the import
 * service behind them.
 */
describe.each(['sqlite', 'postgres'] as const)(
  'a status export sent in a personal chat (%s)',
  (engine) => {
    let pg: TestPostgres | undefined;
    let databases = 0;
    let t: TestApp;
    let files: FileServer;
    let chat: ReturnType<typeof personalChat>;
    /** How far the server's clock runs ahead of the real one. */
    let ahead = 0;
    const clock = { now: () => new Date(Date.now() + ahead) };

    beforeEach(async () => {
      ahead = 0;
      files = await new FileServer().start();
      files.files.set('/users.csv', EXPORT);
      files.files.set('/bad.csv', BAD_CSV);
      files.files.set('/notes.docx', 'not a csv');
      const url = pg ? await pg.createDatabase(`files_${++databases}`) : undefined;
      t = await startTestApp(
        {
          WARROOM_FILE_MAX_BYTES: '65536',
          WARROOM_FILE_TIMEOUT_MS: '800',
          ...(url ? { DATABASE_URL: url } : {}),
        },
        { clock },
      );
      await t.say('start Mailbox cutover weekend');
      chat = personalChat({ serviceUrl: t.connector.url, tenantId: t.tenantId });
    });
    afterEach(async () => {
      await t.stop();
      await files.stop();
    });
    beforeAll(async () => {
      if (engine === 'postgres') pg = await startPostgres();
    });
    afterAll(async () => {
      await pg?.stop();
    });

    const warRoomOf = async (channelId: string) =>
      (await t.app.storage.transaction((tx) => tx.warRooms.findByChannel(t.tenantId, channelId)))!;
    const items = async (channelId: string) => {
      const w = await warRoomOf(channelId);
      return t.app.storage.transaction((tx) => tx.migrationItems.listAll(t.tenantId, w.id));
    };
    /** The last message the bot posted in a conversation. */
    const lastIn = (conversationId: string) =>
      t.connector.calls.filter((c) => c.conversationId === conversationId).at(-1)?.activity;
    const send = async (url: string, name = 'users.csv', from = chat) => {
      const r = await t.post(from.file(name, url));
      expect(r.status).toBe(200);
      return lastIn(from.conversationId)?.text ?? '';
    };

    test('from an allowed host: imported into the sender’s war room, with the summary', async () => {
      const text = await send(`${files.url}/users.csv?tempauth=secret`);
      const m =
        /^Imported users\.csv into Mailbox cutover weekend: (\d+) rows read, (\d+) new, 0 updated, 0 unchanged\.$/.exec(
          text,
        );
      expect(m).not.toBeNull();
      const stored = await items(t.room.channelId);
      expect(stored.length).toBeGreaterThan(5);
      expect(Number(m![2])).toBe(stored.length);
      const w = await warRoomOf(t.room.channelId);
      const [record] = await t.app.storage.transaction((tx) =>
        tx.migrationImports.listRecent(t.tenantId, w.id, 1),
      );
      expect(record).toMatchObject({ source: 'file', actorId: ALICE.aadObjectId });
      // The same file again changes nothing.
      expect(await send(`${files.url}/users.csv`)).toMatch(/0 new, 0 updated, \d+ unchanged/);
    });

    test('from a host that is not allowed: refused, nothing fetched, nothing imported', async () => {
      const text = await send('https://files.example.com/users.csv');
      expect(text).toMatch(/only fetch files from your organisation’s SharePoint/);
      expect(await items(t.room.channelId)).toEqual([]);
    });

    test('a redirect to another host is not followed', async () => {
      const text = await send(`${files.url}/moved.csv`);
      expect(text).toMatch(/only fetch files from your organisation’s SharePoint/);
      expect(files.served.map((s) => s.path)).toEqual(['/moved.csv']);
      expect(await items(t.room.channelId)).toEqual([]);
    });

    test('too big by its Content-Length: refused at once, the body not awaited', async () => {
      const text = await send(`${files.url}/declared-huge.csv`);
      // Without the header check, the download would wait for a body that never comes.
      expect(text).toBe('The file is too large to import: at most 0.06 MB.');
      expect(await items(t.room.channelId)).toEqual([]);
    });

    test('too big while streaming: cut off at the limit', async () => {
      const text = await send(`${files.url}/endless.csv`);
      expect(text).toBe('The file is too large to import: at most 0.06 MB.');
      const [served] = files.served;
      expect(served?.cutOff).toBe(true);
      expect(served!.bytes).toBeLessThan(10 * 1024 * 1024);
      expect(await items(t.room.channelId)).toEqual([]);
    });

    test('a server that never sends the body: the download times out', async () => {
      const text = await send(`${files.url}/slow.csv`);
      expect(text).toBe('Fetching the file took too long. Try again in a moment.');
      expect(await items(t.room.channelId)).toEqual([]);
    });

    test('a file with bad rows: the row report, first rows and how many more, and no change', async () => {
      await send(`${files.url}/users.csv`);
      const before = await items(t.room.channelId);
      const text = await send(`${files.url}/bad.csv`, 'bad.csv');
      const lines = text.split('\n');
      expect(lines[0]).toBe(
        'Nothing was imported: 13 rows cannot be read. Correct them and send the whole file again.',
      );
      expect(lines[1]).toBe('Line 3: "broken@" is not a valid email address.');
      expect(lines[2]).toBe('Line 4: The status is missing.');
      expect(lines).toHaveLength(12);
      expect(lines[11]).toBe('… and 3 more rows.');
      expect(await items(t.room.channelId)).toEqual(before);
    });

    test('a file that is no CSV is not fetched', async () => {
      const text = await send(`${files.url}/notes.docx`, 'notes.docx');
      expect(text).toBe('notes.docx is not a CSV file: send a status export saved as CSV.');
      expect(files.served).toEqual([]);
    });

    test('several war rooms: a card asks which, and the click imports there', async () => {
      const second = channel({ serviceUrl: t.connector.url, tenantId: t.tenantId });
      await t.post(second.message('start Archive cutover'));
      await t.post(chat.file('users.csv', `${files.url}/users.csv?tempauth=secret`));

      const [card] = cardsOf(lastIn(chat.conversationId)!);
      expect(cardProblems(card)).toEqual([]);
      expect(cardText(card)).toContain('Import users.csv into which war room?');
      const choices = (
        card!.body as { id?: string; choices?: { title: string; value: string }[] }[]
      ).find((b) => b.id === 'warRoomId')!.choices!;
      expect(choices.map((c) => c.title).sort()).toEqual([
        'Archive cutover',
        'Mailbox cutover weekend',
      ]);
      // Nothing is fetched before the pick, and the card does not carry the link.
      expect(files.served).toEqual([]);
      expect(JSON.stringify(card)).not.toContain(files.url);
      const { uploadId } = (card!.actions as { data: { uploadId: string } }[])[0]!.data;

      const archive = await warRoomOf(second.channelId);
      // Someone else clicking the same card gets nothing.
      const bobChat = personalChat({
        serviceUrl: t.connector.url,
        tenantId: t.tenantId,
        from: BOB,
      });
      const stolen = await t.post(
        bobChat.cardAction(VERBS.migrationImportFile, { uploadId, warRoomId: archive.id }),
      );
      expect(cardText(invokeCard(stolen))).toContain('no longer waiting');
      expect(files.served).toEqual([]);

      const click = await t.post(
        chat.cardAction(VERBS.migrationImportFile, { uploadId, warRoomId: archive.id }),
      );
      expect(click.status).toBe(200);
      expect(cardText(invokeCard(click))).toMatch(
        /^Imported users\.csv into Archive cutover: \d+ rows read, \d+ new/,
      );
      expect((await items(second.channelId)).length).toBeGreaterThan(5);
      expect(await items(t.room.channelId)).toEqual([]);

      // The upload is used: a second click imports nothing more.
      const again = await t.post(
        chat.cardAction(VERBS.migrationImportFile, { uploadId, warRoomId: archive.id }),
      );
      expect(cardText(invokeCard(again))).toContain('no longer waiting');
      expect(files.served).toHaveLength(1);
    });

    test('a pick after ten minutes finds the upload gone', async () => {
      const second = channel({ serviceUrl: t.connector.url, tenantId: t.tenantId });
      await t.post(second.message('start Archive cutover'));
      await t.post(chat.file('users.csv', `${files.url}/users.csv`));
      const [card] = cardsOf(lastIn(chat.conversationId)!);
      const { uploadId } = (card!.actions as { data: { uploadId: string } }[])[0]!.data;
      const archive = await warRoomOf(second.channelId);
      const pick = () =>
        t.post(chat.cardAction(VERBS.migrationImportFile, { uploadId, warRoomId: archive.id }));

      ahead = 10 * 60 * 1000 + 1000;
      expect(cardText(invokeCard(await pick()))).toContain('no longer waiting');
      expect(files.served).toEqual([]);
      expect(await items(second.channelId)).toEqual([]);
    });

    test('a pick of a war room that is not the clicker’s imports nothing', async () => {
      const second = channel({ serviceUrl: t.connector.url, tenantId: t.tenantId });
      await t.post(second.message('start Archive cutover'));
      // A war room of someone else, in a team Alice is not in.
      const theirs = channel({
        serviceUrl: t.connector.url,
        tenantId: t.tenantId,
        teamId: '19:other-team@thread.tacv2',
        from: BOB,
      });
      await t.post(theirs.message('start Payroll cutover'));
      const foreign = await warRoomOf(theirs.channelId);
      await t.post(chat.file('users.csv', `${files.url}/users.csv`));
      const [card] = cardsOf(lastIn(chat.conversationId)!);
      expect(cardText(card)).not.toContain('Payroll');
      const { uploadId } = (card!.actions as { data: { uploadId: string } }[])[0]!.data;

      const forged = await t.post(
        chat.cardAction(VERBS.migrationImportFile, { uploadId, warRoomId: foreign.id }),
      );
      expect(cardText(invokeCard(forged))).toBe(
        'That war room does not exist or is not yours to see.',
      );
      expect(await items(theirs.channelId)).toEqual([]);
    });

    test('a role that may not import: refused, audited, nothing fetched', async () => {
      const w = await warRoomOf(t.room.channelId);
      const now = new Date().toISOString();
      await t.app.storage.transaction((tx) =>
        tx.roles.put({
          tenantId: t.tenantId,
          warRoomId: w.id,
          teamsUserId: `29:${BOB.aadObjectId}`,
          userId: BOB.aadObjectId,
          name: BOB.name,
          role: 'observer',
          assignedById: ALICE.aadObjectId,
          assignedAt: now,
        }),
      );
      const bobChat = personalChat({
        serviceUrl: t.connector.url,
        tenantId: t.tenantId,
        from: BOB,
      });
      const text = await send(`${files.url}/users.csv`, 'users.csv', bobChat);
      expect(text).toMatch(/^Your role in this war room does not let you import migration status/);
      expect(files.served).toEqual([]);
      expect(await items(t.room.channelId)).toEqual([]);
      const audit = await t.app.storage.transaction((tx) => tx.audit.list(t.tenantId, w.id));
      expect(audit.at(-1)).toMatchObject({ action: 'access.refused', actorId: BOB.aadObjectId });
    });

    test('someone in no war room is told so', async () => {
      const carol = personalChat({
        serviceUrl: t.connector.url,
        tenantId: t.tenantId,
        from: { aadObjectId: 'cccccccc-0000-0000-0000-00000000c0c0', name: 'Carol' },
      });
      expect(await send(`${files.url}/users.csv`, 'users.csv', carol)).toMatch(
        /^You are in no war room I could import this into/,
      );
      expect(files.served).toEqual([]);
    });
  },
);

describe('import in a channel', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.say('start Mailbox cutover weekend');
  });
  afterAll(() => t.stop());

  test('"import" says how, with this war room’s API address', async () => {
    await t.say('import');
    const w = await t.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(t.tenantId, t.room.channelId),
    );
    const text = t.connector.calls.at(-1)?.activity.text ?? '';
    expect(text).toContain('send me the CSV export in a personal chat');
    expect(text).toContain('upload it in the War Room tab');
    expect(text).toContain(`curl -X POST`);
    expect(text).toContain(`/api/v1/war-rooms/${w!.id}/migration/imports`);
  });

  test('in Danish, "importer" answers in Danish', async () => {
    const da = channel({
      serviceUrl: t.connector.url,
      tenantId: t.tenantId,
      channelId: t.room.channelId,
      locale: 'da-DK',
    });
    await t.post(da.message('importer'));
    expect(t.connector.calls.at(-1)?.activity.text).toMatch(
      /^Sådan importerer du migreringsstatus/,
    );
  });

  test('a file attached in a channel gets the same answer, and is not fetched', async () => {
    const files = await new FileServer().start();
    try {
      const chat = personalChat({ serviceUrl: t.connector.url, tenantId: t.tenantId });
      const file = chat.file('users.csv', `${files.url}/users.csv`);
      const inChannel = { ...t.room.message(''), attachments: file.attachments };
      await t.post(inChannel);
      expect(t.connector.calls.at(-1)?.activity.text).toContain('in a personal chat');
      expect(files.served).toEqual([]);
    } finally {
      await files.stop();
    }
  });
});
