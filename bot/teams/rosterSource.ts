import type { ConversationsGetConversationPagedMembersOptionalParams } from 'botframework-connector';
import { z } from 'zod';
import { singleLine } from '../../shared/domain/title';
import type { Logger } from '../logger';
import type { Member, RosterSource } from '../services/roster';
import type { ConnectorClients } from './connectorClients';

export interface RosterSourceOptions {
  /** Members asked for per page (Teams gives at most 500). */
  pageSize: number;
  /** Bound of one call to the Bot Connector (one page). */
  callTimeoutMs: number;
  /** More pages than this is a connector that keeps answering "there is more": stop. */
  maxPages: number;
}

export const DEFAULT_ROSTER_SOURCE: RosterSourceOptions = {
  pageSize: 500,
  callTimeoutMs: 15_000,
  maxPages: 200,
};

/** Printable ASCII, as inbound ids are (activity.ts): no NUL reaches PostgreSQL. */
const id = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x20-\x7e]+$/);
const text = (max: number) => z.string().max(max).nullish();

const pageSchema = z.looseObject({
  continuationToken: z.string().max(8192).nullish(),
  members: z.array(z.unknown()).max(10_000).nullish(),
});
const memberSchema = z.looseObject({
  id: id(1024),
  aadObjectId: id(64).nullish(),
  name: text(1024),
  userPrincipalName: text(1024),
  email: text(1024),
});

/** What is kept of a text field: one line without control characters, bounded. */
const clean = (value: string | null | undefined, max: number): string =>
  [...singleLine(value ?? '')].slice(0, max).join('');
const cleanOrNull = (value: string | null | undefined, max: number): string | null =>
  clean(value, max) || null;

/**
 * Reads a team's members from the Bot Connector (`GET /v3/conversations/{team}/pagedmembers`),
 * page after page. Needs no permission beyond the bot being in the team. Each page is one
 * attempt bounded by `callTimeoutMs` (the scheduler's job retries); what Teams returns is
 * checked, and a member that does not look like one is left out and logged.
 */
export class TeamsRosterSource implements RosterSource {
  private readonly options: RosterSourceOptions;

  constructor(
    private readonly clients: ConnectorClients,
    private readonly logger: Logger,
    options: Partial<RosterSourceOptions> = {},
  ) {
    this.options = { ...DEFAULT_ROSTER_SOURCE, ...options };
  }

  async teamMembers(serviceUrl: string, teamId: string, signal?: AbortSignal): Promise<Member[]> {
    const { pageSize, maxPages } = this.options;
    const client = await this.bounded(() => this.clients.for(serviceUrl), signal);
    const members: Member[] = [];
    const tokens = new Set<string>();
    let skipped = 0;
    let token: string | undefined;
    do {
      if (tokens.size >= maxPages) throw new Error(`the roster has more than ${maxPages} pages`);
      const raw = await this.bounded((abortSignal) => {
        const params = { pageSize, abortSignal, ...(token ? { continuationToken: token } : {}) };
        return client.conversations.getConversationPagedMembers(
          teamId,
          params as ConversationsGetConversationPagedMembersOptionalParams,
        );
      }, signal);
      const page = pageSchema.safeParse(raw);
      if (!page.success) throw new Error('the Bot Connector answered with a page of another shape');
      for (const entry of page.data.members ?? []) {
        const m = memberSchema.safeParse(entry);
        if (m.success) members.push(toMember(m.data));
        else skipped += 1;
      }
      token = page.data.continuationToken || undefined;
      if (token && tokens.has(token)) throw new Error('the Bot Connector repeated a page token');
      if (token) tokens.add(token);
    } while (token);
    if (skipped > 0) this.logger.warn('roster: members left out', { teamId, skipped });
    return members;
  }

  /**
   * One call, bounded: aborted (and given up on, whether or not the SDK honours the abort,
   * which its token acquisition does not) after `callTimeoutMs` or when `outer` aborts.
   */
  private async bounded<T>(
    call: (signal: AbortSignal) => Promise<T>,
    outer: AbortSignal | undefined,
  ): Promise<T> {
    const { callTimeoutMs } = this.options;
    const controller = new AbortController();
    const signal = outer ? AbortSignal.any([controller.signal, outer]) : controller.signal;
    signal.throwIfAborted();
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const giveUp = new Promise<never>((_, reject) => {
      onAbort = () => reject(new Error('the roster fetch was given up'));
      signal.addEventListener('abort', onAbort, { once: true });
      timer = setTimeout(() => {
        reject(new Error(`no answer from the Bot Connector within ${callTimeoutMs} ms`));
        controller.abort();
      }, callTimeoutMs);
    });
    try {
      return await Promise.race([call(signal), giveUp]);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  }
}

function toMember(m: z.infer<typeof memberSchema>): Member {
  return {
    teamsUserId: m.id,
    aadObjectId: m.aadObjectId ?? null,
    name: clean(m.name, 256),
    userPrincipalName: cleanOrNull(m.userPrincipalName, 320),
    email: cleanOrNull(m.email, 320),
  };
}
