import { VERBS } from '../../shared/cards/actions';
import type { Verdict } from '../../shared/domain/decision';
import { ALICE, BOT, channel, type Person } from './activities';
import type { TestApp } from './app';

export const ANNA: Person = {
  aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a22a',
  name: 'Anna Board',
};
export const BEN: Person = { aadObjectId: 'bbbbbbbb-0000-0000-0000-00000000b0b0', name: 'Ben CFO' };
export const CARL: Person = {
  aadObjectId: 'cccccccc-0000-0000-0000-00000000ca21',
  name: 'Carl CIO',
};

/** How Teams writes a mention of `p` in a message's text. */
export const tag = (p: Person) => `<at>${p.name}</at>`;

/** A war room's channel as seen by several people: what each of them sends from it. */
export function warRoomChannel(serviceUrl: string, channelId?: string) {
  const room = channel({ serviceUrl, channelId });
  const as = (who: Person) => channel({ serviceUrl, channelId: room.channelId, from: who });
  return {
    channelId: room.channelId,
    /** `@War Room <text>` from `who` (Alice, the lead, unless said). */
    message: (text: string, who: Person = ALICE) => as(who).message(text),
    /**
     * `@War Room <text>` from `who`, where `text` mentions `people` as Teams writes them
     * (`tag(person)`), with the mention entities Teams adds.
     */
    mentioning: (text: string, people: Person[], who: Person = ALICE) => ({
      ...as(who).message(''),
      text: `<at>War Room</at> ${text}`,
      entities: [
        { type: 'mention', text: '<at>War Room</at>', mentioned: BOT },
        ...people.map((p) => ({
          type: 'mention',
          text: tag(p),
          mentioned: { id: `29:${p.aadObjectId}`, name: p.name },
        })),
      ],
    }),
    /** `who` clicks Approve or Reject on the decision card. */
    answer: (who: Person, decisionId: string, verdict: Verdict, comment = '') =>
      as(who).cardAction(VERBS.decisionAnswer, { decisionId, verdict, comment }),
  };
}

/** The war room of `channelId` and its decisions and audit log, read from `t`'s database. */
export async function warRoomState(t: TestApp, channelId: string) {
  const { storage } = t.app;
  const room = await storage.transaction((tx) => tx.warRooms.findByChannel(t.tenantId, channelId));
  if (!room) throw new Error(`no war room in ${channelId}`);
  return storage.transaction(async (tx) => ({
    warRoom: room,
    decisions: await tx.decisions.listByWarRoom(t.tenantId, room.id),
    audit: await tx.audit.list(t.tenantId, room.id),
  }));
}

/** The lines a card shows (a TextBlock, a RichTextBlock's runs, a fact), joined: what a reader sees. */
export function cardText(card: unknown): string {
  const lines: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'TextBlock' && typeof n.text === 'string') lines.push(n.text);
      if (n.type === 'RichTextBlock' && Array.isArray(n.inlines)) {
        lines.push(n.inlines.map((r) => (r as { text?: string }).text ?? '').join(''));
        return;
      }
      if (typeof n.title === 'string' && typeof n.value === 'string') {
        lines.push(`${n.title}: ${n.value}`);
      }
      for (const [k, v] of Object.entries(n)) if (k !== 'actions') walk(v);
    }
  };
  walk(card);
  return lines.join('\n');
}

/** The card of an invoke answer (`application/vnd.microsoft.card.adaptive`). */
export function invokeCard(r: { body: unknown }): Record<string, unknown> {
  const body = r.body as { type?: string; value?: Record<string, unknown> };
  if (body.type !== 'application/vnd.microsoft.card.adaptive' || !body.value) {
    throw new Error(`not a card answer: ${JSON.stringify(r.body)}`);
  }
  return body.value;
}
