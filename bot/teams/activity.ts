import { z } from 'zod';
import type { Activity } from 'botbuilder';
import type { Actor } from '../../shared/domain/actor';
import { mentionedPeople, type MentionEntity } from '../../shared/commands/mentions';
import type { Person } from '../../shared/domain/person';
import { singleLine } from '../../shared/domain/title';
import type { ChannelBinding } from '../../shared/domain/warRoom';

/**
 * An id from Teams or the Bot Connector (`19:…@thread.tacv2`, `29:…`, a GUID): printable
 * ASCII only, so no NUL reaches PostgreSQL and no id outgrows an index entry.
 */
const id = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x20-\x7e]+$/);
/** Text a person chose (a display name): any characters; control characters are cleaned on use. */
const label = (max: number) => z.string().max(max);

const account = z.looseObject({
  id: id(1024),
  name: label(512).nullish(),
  aadObjectId: id(64).nullish(),
});
const idHolder = z.looseObject({ id: id(256).nullish() });
/** Most people one membership event may name. */
const MEMBERS_MAX = 2000;

/** Teams tells whom a message mentions as entities; only mentions have a shape we rely on. */
const mentionEntity = z.looseObject({
  type: z.literal('mention'),
  text: label(1024).nullish(),
  mentioned: z.looseObject({ id: id(1024), name: label(512).nullish() }),
});
const otherEntity = z.looseObject({
  type: z
    .string()
    .min(1)
    .max(256)
    .refine((type) => type !== 'mention'),
});

/**
 * What we require of an inbound activity before botbuilder sees it: every field the bot
 * reads has the type it is read as (a 400 instead of a crash or a SQL error deep in a
 * turn), and no string is longer than Teams makes it. Unknown fields pass; `value` is
 * validated per card verb. Optional fields may be null (some channels send nulls).
 */
export const inboundActivitySchema = z
  .looseObject({
    type: z.string().min(1).max(64),
    id: id(512).nullish(),
    name: z.string().max(256).nullish(),
    channelId: id(64),
    serviceUrl: z.url().max(2048),
    locale: z.string().max(64).nullish(),
    text: z.string().max(28_000).nullish(),
    textFormat: z.string().max(32).nullish(),
    replyToId: id(512).nullish(),
    from: account.nullish(),
    recipient: account.nullish(),
    conversation: z.looseObject({
      id: id(1024),
      tenantId: id(64).nullish(),
      conversationType: z.string().max(64).nullish(),
    }),
    channelData: z
      .looseObject({
        tenant: idHolder.nullish(),
        team: idHolder.nullish(),
        channel: idHolder.nullish(),
      })
      .nullish(),
    entities: z
      .array(z.union([mentionEntity, otherEntity]))
      .max(256)
      .nullish(),
    // conversationUpdate: who joined or left the team (conversationUpdate.ts).
    membersAdded: z.array(account).max(MEMBERS_MAX).nullish(),
    membersRemoved: z.array(account).max(MEMBERS_MAX).nullish(),
    value: z.unknown().optional(),
  })
  // Every invoke names what it asks for (`adaptiveCard/action`): without a name it is no invoke.
  .refine((a) => a.type !== 'invoke' || !!a.name, { path: ['name'] });

// The helpers below take botbuilder's `Activity`, whose types promise more than JSON from
// the wire keeps. Each field is read through these guards, so a helper never hands a
// number or an object to SQL even if it is called with an activity that was not checked.

/** `value` if it is a non-empty string. */
export const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const obj = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
/** The value at `path` inside `value`, or undefined where something on the way is no object. */
export const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((node, key) => obj(node)[key], value);

/** The tenant of an activity: conversation first, channel data second (Teams sets both, not always). */
export function tenantOf(a: Activity): string | undefined {
  return str(at(a, 'conversation', 'tenantId')) ?? str(at(a, 'channelData', 'tenant', 'id'));
}

/** Longest display name kept (Entra allows 256). */
const NAME_MAX = 256;

/** Identity is the Entra object id; `from.id` only where a channel has none (local tools). */
export function actorOf(a: Activity, tenantId: string): Actor {
  const name = at(a, 'from', 'name');
  return {
    tenantId,
    userId: str(at(a, 'from', 'aadObjectId')) ?? str(at(a, 'from', 'id')) ?? 'unknown',
    ...(str(at(a, 'from', 'id')) ? { teamsUserId: str(at(a, 'from', 'id')) } : {}),
    // Shown on cards and stored: no control characters (PostgreSQL refuses NUL).
    name: typeof name === 'string' ? [...singleLine(name)].slice(0, NAME_MAX).join('') : '',
  };
}

/** The channel a message came from; a thread reply's conversation id carries `;messageid=`. */
export function bindingOf(a: Activity, tenantId: string): ChannelBinding {
  const conversation = str(at(a, 'conversation', 'id'));
  const serviceUrl = str(at(a, 'serviceUrl'));
  // The endpoint refuses such an activity; reaching this is a programming error.
  if (!conversation || !serviceUrl) throw new Error('activity without conversation or serviceUrl');
  const conversationId = conversation.split(';')[0] || conversation;
  return {
    tenantId,
    teamId: str(at(a, 'channelData', 'team', 'id')) ?? null,
    channelId: str(at(a, 'channelData', 'channel', 'id')) ?? conversationId,
    conversationId,
    serviceUrl,
  };
}

export const isChannelConversation = (a: Activity): boolean =>
  at(a, 'conversation', 'conversationType') === 'channel' ||
  !!str(at(a, 'channelData', 'channel', 'id'));

/** The names under which this message mentions the bot (Teams marks them as entities). */
export function botMentionNames(a: Activity): string[] {
  const botId = str(at(a, 'recipient', 'id'));
  const entities: unknown[] = Array.isArray(a.entities) ? a.entities : [];
  const names = botId
    ? entities
        .filter((e) => at(e, 'type') === 'mention' && at(e, 'mentioned', 'id') === botId)
        .map((e) => str(at(e, 'text'))?.replace(/<\/?at>/gi, ''))
        .filter((name): name is string => !!name)
    : [];
  const botName = str(at(a, 'recipient', 'name'));
  return botName ? [...names, botName] : names;
}

/** The message's mentions of people other than the bot, with their Teams identities. */
export function peopleMentioned(a: Activity): Person[] {
  const botId = str(at(a, 'recipient', 'id'));
  const entities: unknown[] = Array.isArray(a.entities) ? a.entities : [];
  const mentions: MentionEntity[] = entities.flatMap((e) => {
    const id = str(at(e, 'mentioned', 'id'));
    const text = str(at(e, 'text'));
    if (at(e, 'type') !== 'mention' || !id || !text) return [];
    const aad = str(at(e, 'mentioned', 'aadObjectId'));
    const name = str(at(e, 'mentioned', 'name'));
    return [{ id, text, ...(aad ? { aadObjectId: aad } : {}), ...(name ? { name } : {}) }];
  });
  const text = str(at(a, 'text')) ?? '';
  return mentionedPeople(text, mentions, (m) => m.id === botId).map((p) => ({
    ...p,
    name: [...singleLine(p.name)].slice(0, NAME_MAX).join(''),
  }));
}

/** A BCP-47 tag, loosely: a language and subtags of letters and digits (`en-US`, `zh-Hant-TW`). */
const LOCALE = /^[a-z]{2,3}(?:-[a-z0-9]{1,8}){0,6}$/i;

/**
 * Locales seen, canonical. `Intl.getCanonicalLocales` was ~1% of a turn's CPU; a tenant's
 * users send a handful of tags. Past this many, start afresh rather than grow.
 */
const canonical = new Map<string, string>();
const CANONICAL_MAX = 256;

/**
 * The activity's locale, canonical (`en-us`, `en_US` → `en-US`) so `Intl` accepts it;
 * `'en'` when it is missing or not a language tag.
 */
export function localeOf(a: { locale?: unknown }): string {
  if (typeof a.locale !== 'string' || a.locale.length > 64) return 'en';
  let found = canonical.get(a.locale);
  if (found === undefined) {
    found = canonicalLocale(a.locale);
    if (canonical.size >= CANONICAL_MAX) canonical.clear();
    canonical.set(a.locale, found);
  }
  return found;
}

function canonicalLocale(raw: string): string {
  const locale = raw.replace(/_/g, '-');
  if (!LOCALE.test(locale)) return 'en';
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en'; // shaped like a tag, but not one (a duplicate variant, say)
  }
}
