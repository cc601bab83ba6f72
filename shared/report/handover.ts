import type { Severity } from '../domain/incident';

/** Hours a handover looks back when none is asked for: one shift of a cutover weekend. */
export const DEFAULT_HANDOVER_HOURS = 12;
/** The longest window one handover covers (a whole weekend). */
export const MAX_HANDOVER_HOURS = 72;

/**
 * A shift handover as data (bot/services/handover.ts gathers it, bot/cards/handoverCard.ts
 * shows it): what changed in the window, what is open, what is due. It informs; it
 * decides nothing, and the same state and clock give the same handover.
 */
export interface HandoverView {
  warRoomTitle: string;
  from: string;
  to: string;
  hours: number;
  /** Audit entries in the window, by action, most frequent first (then by name). */
  changes: { action: string; count: number }[];
  /** Open (not resolved) incidents, most severe first, then by number. */
  openIncidents: { severity: Severity; refs: { ref: string; title: string }[] }[];
  /** Pending decisions, earliest deadline first (none last). */
  pendingDecisions: { ref: string; question: string; deadline: string | null }[];
  /** Open actions past their due time, earliest due first. */
  overdueActions: { ref: string; title: string; ownerName: string; due: string }[];
  migration: {
    items: number;
    completed: number;
    failed: number;
    /** The previous handover, if any: when, and its figures. */
    since: { at: string; completed: number; failed: number } | null;
  };
}
