import { randomUUID } from 'node:crypto';
import { en } from '../../shared/i18n/en';
import { BOT, channel, TENANT } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { cardProblems, cardsOf } from '../support/cards';
import type { FakeMember } from '../support/fakeConnector';

/** The team of the test app's default channel; its General channel has the team's id. */
const TEAM = '19:team-general@thread.tacv2';
const THIS_CHANNEL = /this channel|denne kanal|dit kanaal|ce canal/i;
/** The start command's words, in every language: a chat cannot start a war room. */
const START_WORDS = /\b(start|begin|open)\b|d[ée]marrer/i;

type Room = ReturnType<typeof channel>;

/** The bot added to the team of `room`: Teams posts it from the team's General channel. */
function botAddedToTeam(room: Room) {
  const { text: _t, textFormat: _f, entities: _e, ...base } = room.message('');
  return {
    ...base,
    type: 'conversationUpdate',
    conversation: { ...base.conversation, id: TEAM },
    channelData: {
      tenant: { id: room.tenantId },
      team: { id: TEAM, name: 'Cutover' },
      eventType: 'teamMemberAdded',
    },
    membersAdded: [{ id: BOT.id }],
  };
}

/** A personal chat (or a group chat) with the bot, of the test tenant. */
function chat(serviceUrl: string, kind: 'personal' | 'groupChat' = 'personal', locale = 'en-US') {
  const room = channel({ serviceUrl, locale });
  const conversation = {
    id: kind === 'personal' ? `a:1${randomUUID()}` : `19:${randomUUID()}@thread.v2`,
    conversationType: kind,
    ...(kind === 'groupChat' ? { isGroup: true } : {}),
    tenantId: room.tenantId,
  };
  const inChat = <T extends object>(activity: T) => ({
    ...activity,
    conversation,
    channelData: { tenant: { id: room.tenantId } },
  });
  return {
    conversationId: conversation.id,
    /** What a person writes; in a personal chat without a mention, as people do. */
    message(text: string) {
      const m = inChat(room.message(text));
      return kind === 'personal' ? { ...m, text, entities: [] } : m;
    },
    botAdded() {
      const { text: _t, textFormat: _f, entities: _e, ...base } = room.message('');
      return { ...inChat(base), type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] };
    },
  };
}

interface Node {
  type?: string;
  text?: string;
  inlines?: { text: string }[];
}
function nodesOf(node: unknown): Node[] {
  if (Array.isArray(node)) return node.flatMap(nodesOf);
  if (!node || typeof node !== 'object') return [];
  return [node as Node, ...Object.values(node).flatMap(nodesOf)];
}
/** What a reader sees on a card: TextBlocks and RichTextBlocks, one line each. */
const linesOf = (card: unknown) =>
  nodesOf(card).flatMap((n) =>
    n.type === 'TextBlock'
      ? [n.text ?? '']
      : n.type === 'RichTextBlock'
        ? [(n.inlines ?? []).map((r) => r.text).join('')]
        : [],
  );

describe('welcome and help', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await t.stop();
  });

  /** The one card the given connector call carries, checked valid for the SDK. */
  const cardOf = (i: number) => {
    const cards = cardsOf(t.connector.calls[i]?.activity ?? {});
    expect(cards).toHaveLength(1);
    expect(cardProblems(cards[0])).toEqual([]);
    return linesOf(cards[0]);
  };

  test('the bot added to a team posts one welcome card in General, and not again on redelivery', async () => {
    const members: FakeMember[] = [{ id: '29:anna', name: 'Anna', aadObjectId: randomUUID() }];
    t.connector.setMembers(TEAM, members);
    const install = botAddedToTeam(t.room);
    expect((await t.post(install)).status).toBe(200);
    expect(t.connector.calls).toHaveLength(1);
    const [posted] = t.connector.calls;
    // A new post in the General channel, not a reply to the event.
    expect(posted).toMatchObject({ method: 'POST', conversationId: TEAM, activityId: undefined });
    const lines = cardOf(0);
    expect(lines[0]).toBe('Welcome to War Room');
    expect(lines).toContain('@War Room start Mailbox cutover weekend');
    expect(lines.join('\n')).toContain('@War Room help');

    // Teams delivers the same event again: nothing more is posted.
    expect((await t.post(install)).status).toBe(200);
    expect(t.connector.calls).toHaveLength(1);

    // The roster is still fetched on the bot's arrival.
    const deadline = Date.now() + 10_000;
    const roster = () => t.app.storage.transaction((tx) => tx.roster.list(t.tenantId, TEAM));
    while ((await roster()).length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect((await roster()).map((m) => m.name)).toEqual(['Anna']);
  });

  test('someone else joining the team is not welcomed by the bot', async () => {
    const joined = { ...botAddedToTeam(t.room), membersAdded: [{ id: '29:new-colleague' }] };
    expect((await t.post(joined)).status).toBe(200);
    expect(t.connector.calls).toHaveLength(0);
  });

  test('the bot added to a personal chat welcomes without "this channel", pointing to a team channel', async () => {
    const personal = chat(t.connector.url, 'personal');
    const added = personal.botAdded();
    expect((await t.post(added)).status).toBe(200);
    expect(t.connector.calls).toHaveLength(1);
    expect(t.connector.calls[0]).toMatchObject({
      method: 'POST',
      conversationId: personal.conversationId,
    });
    const text = cardOf(0).join('\n');
    expect(text).toContain('Welcome to War Room');
    expect(text).toContain('A war room lives in a team channel');
    expect(text).not.toMatch(THIS_CHANNEL);

    expect((await t.post(added)).status).toBe(200);
    expect(t.connector.calls).toHaveLength(1);
  });

  test('the bot added to a group chat says nothing unasked', async () => {
    expect((await t.post(chat(t.connector.url, 'groupChat').botAdded())).status).toBe(200);
    expect(t.connector.calls).toHaveLength(0);
  });

  test('help in a channel answers with the command card, in the reader language', async () => {
    await t.say('help');
    const lines = cardOf(0);
    expect(t.connector.calls[0]?.activity.text).toBeUndefined(); // a card, not the old text
    expect(lines[0]).toBe('War Room commands');
    expect(lines.join('\n')).toMatch(THIS_CHANNEL);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Example: start Mailbox cutover weekend',
        'Example: incident Licences not assigned sev2',
        'Example: role @Anna approver',
        'Example: help',
      ]),
    );

    const dk = channel({ serviceUrl: t.connector.url, tenantId: t.tenantId, locale: 'da-DK' });
    await t.post(dk.message('hjælp'));
    expect(cardOf(1)).toContain('Eksempel: hændelse Licenser ikke tildelt sev2');
  });

  test.each(['personal', 'groupChat'] as const)(
    'help in a %s chat answers with the chat card: no "this channel", war rooms start in a team channel',
    async (kind) => {
      await t.post(chat(t.connector.url, kind).message('help'));
      const lines = cardOf(0);
      expect(lines[0]).toBe('War Room commands');
      expect(lines.join('\n')).not.toMatch(THIS_CHANNEL);
      expect(lines.join('\n')).toContain('A war room is started from a team channel');
      expect(lines).toContain('Example: incident Licences not assigned sev2');
    },
  );

  test('if Teams refuses the help card, the same help arrives as plain text', async () => {
    t.connector.failNext(1, 400);
    await t.post(chat(t.connector.url).message('help'));
    await t.connector.waitForCalls(1);
    const said = t.connector.calls[0]?.activity;
    expect(said).toMatchObject({ text: en['help.text'], textFormat: 'plain' });
    expect(said?.text).not.toMatch(THIS_CHANNEL);
  });

  test.each([
    ['en-US', 'incident Licences not assigned sev2'],
    ['da-DK', 'hændelse Licenser ikke tildelt sev2'],
    ['nl-BE', 'incident Licenties niet toegewezen sev2'],
    ['fr-BE', 'incident Licences non attribuées sev2'],
    ['en-US', 'role approver'],
  ])(
    'in %s, "%s" in a chat is told where war rooms live, not to start one',
    async (locale, text) => {
      await t.post(chat(t.connector.url, 'personal', locale).message(text));
      const said = t.connector.calls[0]?.activity.text ?? '';
      expect(said).not.toMatch(START_WORDS);
      expect(said).not.toMatch(THIS_CHANNEL);
      if (locale === 'en-US') expect(said).toBe(en['command.chatHasNoWarRoom']);
      expect(await t.app.storage.transaction((tx) => tx.warRooms.listByTenant(TENANT))).toEqual([]);
    },
  );
});
