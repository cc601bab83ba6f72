import type { Activity } from 'botbuilder';
import fc from 'fast-check';
import {
  actorOf,
  bindingOf,
  botMentionNames,
  inboundActivitySchema,
  isChannelConversation,
  localeOf,
  tenantOf,
} from '../../bot/teams/activity';
import { BOT, TENANT, channel } from '../support/activities';

const room = channel({ serviceUrl: 'https://smba.trafficmanager.net/emea/' });
const message = () => room.message('incident Mail flow down sev2');
const click = () => room.cardAction('incident.setStatus', { incidentId: 'x', status: 'resolved' });

/** A deep copy of `activity` with the field at `path` (dots; array indexes) set to `value`. */
function withField(activity: object, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(activity) as Record<string, unknown>;
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
  return copy;
}

const accepted = (body: unknown) => inboundActivitySchema.safeParse(body).success;
const asActivity = (body: unknown) => body as Activity;

describe('inboundActivitySchema: what Teams sends passes', () => {
  test.each([
    ['a channel message', message()],
    ['a card click', click()],
    [
      'a personal chat message',
      {
        ...message(),
        conversation: { id: 'a:1Xy-personal', conversationType: 'personal', tenantId: TENANT },
        channelData: { tenant: { id: TENANT } },
      },
    ],
    [
      'a conversation update with fields we do not read',
      {
        ...message(),
        type: 'conversationUpdate',
        text: undefined,
        membersAdded: [{ id: BOT.id }],
        channelData: { ...message().channelData, eventType: 'teamMemberAdded', settings: {} },
      },
    ],
    [
      'other entities beside the mention',
      {
        ...message(),
        entities: [
          ...message().entities,
          { type: 'clientInfo', locale: 'da-DK', country: 'DK', platform: 'Web', timezone: 'x' },
          { type: 'https://schema.org/Message', '@type': 'Message', citation: [{ text: 1 }] },
        ],
      },
    ],
    ['optional fields sent as null', { ...message(), locale: null, replyToId: null, name: null }],
    ['any invoke value: it is checked per verb', withField(click(), 'value', [1, { a: null }])],
  ])('%s', (_label, body) => {
    expect(inboundActivitySchema.safeParse(body).error).toBeUndefined();
  });
});

describe('inboundActivitySchema: a field of the wrong type is a 400, not a crash later', () => {
  // The security probe's bodies: a SQL parameter error (500) and a 501 before this check.
  test.each([
    ['channelData.channel.id', ['19:a@thread.tacv2', '19:b@thread.tacv2']],
    ['channelData.channel.id', { id: '19:a@thread.tacv2' }],
    ['conversation.tenantId', { id: TENANT }],
    ['locale', 12],
  ])('the probe: %s = %j', (path, value) => {
    expect(accepted(withField(click(), path, value))).toBe(false);
    expect(accepted(withField(message(), path, value))).toBe(false);
  });

  const STRINGS = [
    'type',
    'id',
    'name',
    'channelId',
    'serviceUrl',
    'locale',
    'text',
    'textFormat',
    'replyToId',
    'from.id',
    'from.name',
    'from.aadObjectId',
    'recipient.id',
    'recipient.name',
    'conversation.id',
    'conversation.tenantId',
    'conversation.conversationType',
    'channelData.tenant.id',
    'channelData.team.id',
    'channelData.channel.id',
    'entities.0.type',
    'entities.0.text',
    'entities.0.mentioned.id',
    'entities.0.mentioned.name',
  ];
  const OBJECTS = [
    'from',
    'recipient',
    'conversation',
    'channelData',
    'channelData.tenant',
    'channelData.team',
    'channelData.channel',
    'entities.0',
    'entities.0.mentioned',
  ];
  const cases = [
    ...STRINGS.flatMap((path) => [12, true, [], {}, ['x']].map((bad) => [path, bad] as const)),
    ...OBJECTS.flatMap((path) => [12, 'x', true, ['x']].map((bad) => [path, bad] as const)),
    ...[12, 'x', {}, [12], ['mention']].map((bad) => ['entities', bad] as const),
  ];
  test.each(cases)('%s = %j', (path, bad) => {
    expect(accepted(withField(message(), path, bad))).toBe(false);
  });

  test.each([
    ['type', 64],
    ['id', 512],
    ['name', 256],
    ['channelId', 64],
    ['locale', 64],
    ['text', 28_000],
    ['textFormat', 32],
    ['replyToId', 512],
    ['from.id', 1024],
    ['from.name', 512],
    ['from.aadObjectId', 64],
    ['recipient.id', 1024],
    ['conversation.id', 1024],
    ['conversation.tenantId', 64],
    ['conversation.conversationType', 64],
    ['channelData.tenant.id', 256],
    ['channelData.team.id', 256],
    ['channelData.channel.id', 256],
    ['entities.0.text', 1024],
    ['entities.0.mentioned.id', 1024],
    ['entities.0.mentioned.name', 512],
  ] as const)('%s: %i characters pass, one more does not', (path, max) => {
    expect(accepted(withField(message(), path, 'x'.repeat(max)))).toBe(true);
    expect(accepted(withField(message(), path, 'x'.repeat(max + 1)))).toBe(false);
  });

  test('a service URL that is not a URL, or too long, is refused', () => {
    expect(accepted(withField(message(), 'serviceUrl', 'not a url'))).toBe(false);
    const long = `https://smba.trafficmanager.net/${'x'.repeat(2048)}`;
    expect(accepted(withField(message(), 'serviceUrl', long))).toBe(false);
  });

  test('at most 256 entities', () => {
    const entities = (n: number) => Array.from({ length: n }, () => ({ type: 'clientInfo' }));
    expect(accepted(withField(message(), 'entities', entities(256)))).toBe(true);
    expect(accepted(withField(message(), 'entities', entities(257)))).toBe(false);
  });

  test.each([
    'id',
    'channelId',
    'conversation.id',
    'conversation.tenantId',
    'from.id',
    'from.aadObjectId',
    'channelData.channel.id',
  ])('an id in %s with a NUL or a non-ASCII character is refused', (path) => {
    expect(accepted(withField(message(), path, 'abc\u0000def'))).toBe(false);
    expect(accepted(withField(message(), path, 'abc\u0085def'))).toBe(false);
    expect(accepted(withField(message(), path, 'abcdéf'))).toBe(false);
  });

  test.each(['type', 'channelId', 'serviceUrl', 'conversation', 'conversation.id'])(
    'without %s it is refused',
    (path) => {
      expect(accepted(withField(message(), path, undefined))).toBe(false);
    },
  );

  test('an invoke must say what it asks for', () => {
    expect(accepted(withField(click(), 'name', undefined))).toBe(false);
    expect(accepted(withField(click(), 'name', ''))).toBe(false);
    expect(accepted(withField(message(), 'name', undefined))).toBe(true);
  });

  test('a mention must say whom it mentions', () => {
    expect(accepted(withField(message(), 'entities.0.mentioned', undefined))).toBe(false);
  });
});

describe('the helpers read only what has the right type, even from an unchecked activity', () => {
  test('from a Teams message: tenant, actor, binding, mentions', () => {
    const a = asActivity(message());
    expect(tenantOf(a)).toBe(TENANT);
    expect(actorOf(a, TENANT)).toEqual({
      tenantId: TENANT,
      userId: 'aaaaaaaa-0000-0000-0000-00000000a11c',
      name: 'Alice Lead',
      teamsUserId: '29:aaaaaaaa-0000-0000-0000-00000000a11c',
    });
    expect(bindingOf(a, TENANT)).toEqual({
      tenantId: TENANT,
      teamId: '19:team-general@thread.tacv2',
      channelId: room.channelId,
      conversationId: room.channelId,
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
    });
    expect(isChannelConversation(a)).toBe(true);
    expect(botMentionNames(a)).toEqual(['War Room', 'War Room']);
  });

  test('a tenant id that is an object is not a tenant; the channel data one is used', () => {
    expect(tenantOf(asActivity(withField(message(), 'conversation.tenantId', { id: 'x' })))).toBe(
      TENANT,
    );
    const neither = withField(
      withField(message(), 'conversation.tenantId', { id: 'x' }),
      'channelData.tenant.id',
      ['y'],
    );
    expect(tenantOf(asActivity(neither))).toBeUndefined();
  });

  test('a channel id that is an array is not a channel: the conversation stands in', () => {
    const a = asActivity(withField(message(), 'channelData.channel.id', ['19:a', '19:b']));
    expect(bindingOf(a, TENANT).channelId).toBe(room.channelId);
  });

  test('a display name with control characters is cleaned; one that is not text is empty', () => {
    const named = (name: unknown) =>
      actorOf(asActivity(withField(message(), 'from.name', name)), TENANT);
    expect(named('Alice\u0000 Lead\n').name).toBe('Alice Lead');
    expect(named({ first: 'Alice' }).name).toBe('');
    expect(named('x'.repeat(1000)).name).toHaveLength(256);
  });

  test('a mention without an id is not the bot, even when the bot has no id either', () => {
    const a = asActivity({
      ...message(),
      recipient: { name: 'War Room' },
      entities: [{ type: 'mention', text: '<at>Anna</at>', mentioned: { name: 'Anna' } }],
    });
    expect(botMentionNames(a)).toEqual(['War Room']);
  });

  test('a chat is not a channel; a channel id that is not text does not make one', () => {
    const chat = withField(message(), 'conversation.conversationType', 'personal');
    expect(isChannelConversation(asActivity(withField(chat, 'channelData', undefined)))).toBe(
      false,
    );
    expect(isChannelConversation(asActivity(withField(chat, 'channelData.channel.id', {})))).toBe(
      false,
    );
  });

  test('any JSON in any field: the helpers return text or nothing, never an object or a number', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const shaped = fc.record(
      {
        locale: json,
        from: fc.oneof(json, fc.record({ id: json, name: json, aadObjectId: json })),
        recipient: fc.oneof(json, fc.record({ id: json, name: json })),
        conversation: fc.record({
          id: fc.string({ minLength: 1 }),
          tenantId: json,
          conversationType: json,
        }),
        channelData: fc.oneof(
          json,
          fc.record({
            tenant: fc.oneof(json, fc.record({ id: json })),
            team: fc.oneof(json, fc.record({ id: json })),
            channel: fc.oneof(json, fc.record({ id: json })),
          }),
        ),
        entities: fc.oneof(
          json,
          fc.array(fc.oneof(json, fc.record({ type: json, text: json, mentioned: json }))),
        ),
      },
      { requiredKeys: ['conversation'] },
    );
    const text = (v: unknown) => typeof v === 'string';
    fc.assert(
      fc.property(shaped, (fields) => {
        const a = asActivity({ ...message(), ...fields });
        const tenant = tenantOf(a);
        expect(tenant === undefined || (text(tenant) && tenant !== '')).toBe(true);
        const actor = actorOf(a, TENANT);
        expect(text(actor.userId) && text(actor.name)).toBe(true);
        const binding = bindingOf(a, TENANT);
        expect(binding.teamId === null || text(binding.teamId)).toBe(true);
        expect(text(binding.channelId) && text(binding.conversationId)).toBe(true);
        expect(typeof isChannelConversation(a)).toBe('boolean');
        expect(botMentionNames(a).every(text)).toBe(true);
        expect(text(localeOf(a))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('localeOf: a language tag Intl accepts, or English', () => {
  test.each([
    ['en-US', 'en-US'],
    ['en-us', 'en-US'],
    ['da-DK', 'da-DK'],
    ['nl_BE', 'nl-BE'],
    ['fr', 'fr'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['es-419', 'es-419'],
    [12, 'en'],
    [undefined, 'en'],
    [null, 'en'],
    [{ locale: 'da' }, 'en'],
    ['', 'en'],
    ['english', 'en'],
    ['en-', 'en'],
    ['en-a', 'en'], // a lone extension singleton: shaped like a tag, refused by Intl
    ['../../etc/passwd', 'en'],
    ['<script>', 'en'],
    [`en-${'a'.repeat(100)}`, 'en'],
  ])('%j → %j', (locale, expected) => {
    expect(localeOf({ locale })).toBe(expected);
  });

  test('answers the same for a tag seen before, among more tags than it remembers', () => {
    const tags = Array.from(
      { length: 600 },
      (_, i) => [`en_x${i}`, 'en-US', 'da-dk', 'en-'][i % 4],
    );
    const first = tags.map((locale) => localeOf({ locale }));
    expect(tags.map((locale) => localeOf({ locale }))).toEqual(first);
    expect(first.slice(0, 4)).toEqual(['en', 'en-US', 'da-DK', 'en']);
  });

  test('whatever it returns, Intl takes', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8}){0,3}$/)),
        (locale) => {
          expect(() => new Intl.DateTimeFormat(localeOf({ locale }))).not.toThrow();
        },
      ),
    );
  });
});
