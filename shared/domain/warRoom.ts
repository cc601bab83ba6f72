import type { Language } from '../i18n';

export const PHASES = ['planning', 'rehearsal', 'cutover', 'hypercare', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

export const ROLES = ['lead', 'engineer', 'comms', 'approver', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Where a war room lives in Teams: enough to find it again and to post into it. */
export interface ChannelBinding {
  tenantId: string;
  teamId: string | null;
  channelId: string;
  conversationId: string;
  serviceUrl: string;
}

export interface WarRoom extends ChannelBinding {
  id: string;
  title: string;
  /** IANA zone in which times are shown and parsed. */
  timeZone: string;
  /**
   * Language of what everyone in the channel sees (cards): the starter's. Replies to one
   * person (errors, hints) use that person's language.
   */
  language: Language;
  phase: Phase;
  createdById: string;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const TITLE_MAX = 200;
