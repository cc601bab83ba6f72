import { VERBS } from '../../shared/cards/actions';
import { t } from '../../shared/i18n';
import { ALICE, channel, type Person } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { cardProblems, cardsOf } from '../support/cards';
import { TYPED_COMMANDS } from '../support/commandWords';
import { ANNA, cardText, invokeCard, tag, warRoomChannel } from '../support/decide';

const JONAS: Person = {
  aadObjectId: 'dddddddd-0000-0000-0000-0000000d0005',
  name: 'Jonas Engineer',
};

/** The last card the bot sent, and what it reads. */
const lastCard = (t: TestApp) => {
  const card = cardsOf(t.connector.calls.at(-1)!.activity)[0]!;
  expect(cardProblems(card)).toEqual([]);
  return { card, text: cardText(card) };
};

describe.each([
  ['en', 'en-US', 'start'],
  ['da', 'da-DK', 'start'],
  ['nl', 'nl-BE', 'start'],
  ['fr', 'fr-BE', 'démarrer'],
] as const)('report and handover in %s, through the bot endpoint', (lang, locale, start) => {
  let app: TestApp;
  let say: (text: string) => Promise<void>;
  beforeAll(async () => {
    app = await startTestApp();
    const room = channel({ serviceUrl: app.connector.url, channelId: app.room.channelId, locale });
    say = async (text) => {
      expect((await app.post(room.message(text))).status).toBe(200);
    };
    await say(`${start} Mailbox cutover weekend`);
  });
  afterAll(async () => {
    await app?.stop();
  });
  const report = TYPED_COMMANDS.report[lang];
  const handover = TYPED_COMMANDS.handover[lang];

  test(`"${report}" answers with the report card and its lessons form`, async () => {
    await say(report);
    const { card, text } = lastCard(app);
    expect(text).toContain(t(locale, 'report.card.title'));
    expect(text).toContain(t(locale, 'report.lessons.none'));
    const actions = (card as { actions: { type: string; title: string }[] }).actions;
    expect(actions.map((a) => [a.type, a.title])).toEqual([
      ['Action.ShowCard', t(locale, 'report.card.lessons')],
    ]);
  });

  test(`"${handover} 6h" posts a six-hour handover; "${handover} 99h" explains the limits`, async () => {
    await say(`${handover} 6h`);
    const { text } = lastCard(app);
    expect(text).toContain(t(locale, 'handover.title', { count: 6 }));
    expect(text).toContain(t(locale, 'handover.first'));
    expect(text).toContain(t(locale, 'handover.informs'));
    await say(`${handover} 99h`);
    expect(app.connector.calls.at(-1)!.activity.text).toBe(
      t(locale, 'handover.usage', { hours: 12, max: 72 }),
    );
  });
});

test('the report card opens the Report page of the channel’s tab, and in local development the report itself', async () => {
  const appId = 'a058bdd0-db80-4fe7-a137-086cb5137e28';
  const app = await startTestApp({ TAB_ENDPOINT: 'https://warroom.example/', TEAMS_APP_ID: appId });
  try {
    const room = channel({
      serviceUrl: app.connector.url,
      channelId: app.room.channelId,
      locale: 'da-DK',
    });
    await app.post(room.message('start Mailbox cutover weekend'));
    await app.post(room.message('rapport'));
    const { card } = lastCard(app);
    const w = (await app.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(app.tenantId, app.room.channelId),
    ))!;
    const urls = (card as { actions: { url?: string }[] }).actions.map((a) => a.url);
    const tab = new URL(urls[0]!);
    expect(`${tab.origin}${tab.pathname}`).toBe(
      `https://teams.microsoft.com/l/entity/${appId}/war-room`,
    );
    expect(JSON.parse(tab.searchParams.get('context')!)).toEqual({
      subEntityId: 'report',
      channelId: app.room.channelId,
    });
    const base = `https://warroom.example/api/v1/war-rooms/${w.id}/report`;
    expect(urls.slice(1)).toEqual([
      `${base}?format=html&locale=da-DK`,
      `${base}?format=md&locale=da-DK`,
      undefined,
    ]);
  } finally {
    await app.stop();
  }
});

describe('lessons learned', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await app.say('start Mailbox cutover weekend'); // Alice is the lead
  });
  afterAll(async () => {
    await app?.stop();
  });
  const warRoom = async () =>
    (await app.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(app.tenantId, app.room.channelId),
    ))!;
  const save = async (who: Person, lessons: string) => {
    const from = channel({
      serviceUrl: app.connector.url,
      channelId: app.room.channelId,
      from: who,
    });
    return app.post(
      from.cardAction(VERBS.reportSaveLessons, { warRoomId: (await warRoom()).id, lessons }),
    );
  };

  test('the lead saves them from the card; the card, the audit log and the report show them', async () => {
    const r = await save(ALICE, 'Assign licences before Friday.\nRehearse the freeze.');
    expect(r.status).toBe(200);
    expect(cardText(invokeCard(r))).toContain(
      'Assign licences before Friday.\nRehearse the freeze.',
    );
    const w = await warRoom();
    const log = await app.app.storage.transaction((tx) => tx.audit.list(app.tenantId, w.id));
    expect(log.at(-1)).toMatchObject({
      action: 'report.lessons_saved',
      actorName: 'Alice Lead',
      before: null,
      after: { text: 'Assign licences before Friday.\nRehearse the freeze.' },
    });
    const md = await (
      await fetch(`${app.baseUrl}/api/v1/war-rooms/${w.id}/report?format=md`)
    ).text();
    expect(md).toContain(
      '## Lessons learned\n\nAssign licences before Friday.  \nRehearse the freeze.  \n',
    );
    expect(md).toMatch(/\*Written down by Alice Lead, .+\.\*/);
  });

  test('anyone else is refused, and nothing changes', async () => {
    const { id } = await warRoom();
    const before = await app.app.storage.transaction((tx) => tx.lessons.find(app.tenantId, id));
    const r = await save(JONAS, 'Mine instead');
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).toContain(t('en', 'access.report.lessons'));
    const after = await app.app.storage.transaction((tx) => tx.lessons.find(app.tenantId, id));
    expect(after).toEqual(before);
  });

  test('PUT …/report/lessons replaces them (the development identity stands for the lead)', async () => {
    const w = await warRoom();
    const res = await fetch(`${app.baseUrl}/api/v1/war-rooms/${w.id}/report/lessons`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Written from the tab.' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ text: 'Written from the tab.' });
    const stored = await app.app.storage.transaction((tx) => tx.lessons.find(app.tenantId, w.id));
    expect(stored).toMatchObject({ text: 'Written from the tab.', version: 2 });
    const tooLong = await fetch(`${app.baseUrl}/api/v1/war-rooms/${w.id}/report/lessons`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(4001) }),
    });
    expect(tooLong.status).toBe(400);
  });
});

/**
 * Handover windows with a controllable clock: what happened before the window is out of
 * it, the default window is longer, and the migration is compared with the last handover.
 */
describe('handover windows', () => {
  let now = new Date('2026-10-24T06:00:00.000Z'); // Saturday 08:00 in Copenhagen
  let app: TestApp;
  let room: ReturnType<typeof warRoomChannel>;
  const say = async (text: string) => {
    expect((await app.post(room.message(text))).status).toBe(200);
  };
  beforeAll(async () => {
    app = await startTestApp({}, { clock: { now: () => now } });
    room = warRoomChannel(app.connector.url, app.room.channelId);
    await say('start Mailbox cutover weekend');
    await say('incident Mail flow stopped sev1'); // INC-1, at 08:00
    await app.post(room.mentioning(`decide Extend the freeze? ${tag(ANNA)} by 20:00`, [ANNA]));
    await app.post(room.mentioning(`action Call the lab ${tag(JONAS)} due 09:00`, [JONAS]));
    now = new Date('2026-10-24T11:00:00.000Z'); // 13:00
    await say('incident Calendar sharing lost sev3'); // INC-2
    const w = (await app.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(app.tenantId, room.channelId),
    ))!;
    await app.app.migration.import(
      { tenantId: app.tenantId, userId: ALICE.aadObjectId, name: ALICE.name },
      w.id,
      {
        kind: 'json',
        source: 'api-json',
        items: [
          { identity: 'a@hospital.example', status: 'Completed' },
          { identity: 'b@hospital.example', status: 'Failed' },
        ],
      },
    );
    now = new Date('2026-10-24T16:00:00.000Z'); // 18:00
  });
  afterAll(async () => {
    await app?.stop();
  });

  test('6h holds only what happened since 12:00; open incidents, pending decisions, overdue actions', async () => {
    await say('handover 6h');
    const { text } = lastCard(app);
    expect(text).toContain('Handover: the last 6 hours');
    expect(text).toContain('From Sat, Oct 24, 12:00 PM GMT+2 to Sat, Oct 24, 06:00 PM GMT+2.');
    expect(text).toContain('Incident logged: 1\nMigration import: 1\nOpen incidents');
    expect(text).not.toContain('Decision asked');
    expect(text).toContain('Sev 1 (critical): 1\nINC-1 · Mail flow stopped');
    expect(text).toContain('Sev 3 (minor): 1\nINC-2 · Calendar sharing lost');
    expect(text).toContain('DEC-1 · Sat, Oct 24, 08:00 PM GMT+2 · Extend the freeze?');
    expect(text).toContain('ACT-1 · Sat, Oct 24, 09:00 AM GMT+2 · Jonas Engineer · Call the lab');
    expect(text).toContain('1 of 2 mailboxes completed, 1 failed.');
    expect(text).toContain('This is the first handover of this war room.');
  });

  test('the default window (12 hours) reaches back to 06:00 and counts the first handover', async () => {
    await say('handover');
    const { text } = lastCard(app);
    expect(text).toContain('Handover: the last 12 hours');
    expect(text).toContain(
      'Incident logged: 2\nAction created: 1\nDecision asked: 1\nHandover posted: 1\nMigration import: 1\nWar room started: 1',
    );
    expect(text).toContain(
      'Since the last handover (Sat, Oct 24, 06:00 PM GMT+2): 0 completed, 0 failed.',
    );
  });

  test('the next shift sees the migration since the last handover', async () => {
    now = new Date('2026-10-24T17:00:00.000Z');
    const w = (await app.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(app.tenantId, room.channelId),
    ))!;
    await app.app.migration.import(
      { tenantId: app.tenantId, userId: ALICE.aadObjectId, name: ALICE.name },
      w.id,
      {
        kind: 'json',
        source: 'api-json',
        items: [
          { identity: 'b@hospital.example', status: 'Completed' },
          { identity: 'c@hospital.example', status: 'Completed' },
        ],
      },
    );
    now = new Date('2026-10-24T18:00:00.000Z');
    await say('handover 1h');
    const { text } = lastCard(app);
    expect(text).toContain('Handover: the last 1 hour');
    expect(text).not.toContain('No incident is open.'); // both are still open
    expect(text).toContain('3 of 3 mailboxes completed, 0 failed.');
    expect(text).toContain(
      'Since the last handover (Sat, Oct 24, 06:00 PM GMT+2): +2 completed, −1 failed.',
    );
  });
});
