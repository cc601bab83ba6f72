import { ROLES, type Role } from './warRoom';

/** What someone may do in a war room. */
export const PERMISSIONS = [
  'warroom.read',
  'incident.write',
  'role.assign',
  'decision.request',
  'decision.record',
  'decision.answer',
  'decision.withdraw',
  'action.write',
  'migration.import',
  'migration.configure',
  'audit.export',
  'report.lessons',
  'warroom.close',
  'warroom.configure',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Who may do what, as data. Observers read and never change; only the lead hands out
 * roles. Deciding is not a role's right but a named approver's (per decision request).
 */
const ALLOWED: Record<Permission, readonly Role[]> = {
  'warroom.read': ROLES,
  'incident.write': ['lead', 'engineer', 'comms', 'approver'],
  'role.assign': ['lead'],
  'decision.request': ['lead', 'engineer', 'comms', 'approver'],
  /** Writing down a verdict given elsewhere (by phone) on an approver's behalf. */
  'decision.record': ['lead'],
  /** Any role: only the request's named approvers answer it (checked per request). */
  'decision.answer': ROLES,
  /** Taking back someone else's request (the requester may always take back their own). */
  'decision.withdraw': ['lead'],
  'action.write': ['lead', 'engineer', 'comms', 'approver'],
  /** Pushing a status export; approvers decide rather than run the migration. */
  'migration.import': ['lead', 'engineer', 'comms'],
  /** API keys and the column mapping: what lets scripts and other tools' files in. */
  'migration.configure': ['lead'],
  /** A copy of every name and change in the war room leaves the app (decision 015). */
  'audit.export': ['lead'],
  /** The evaluation report's lessons learned: the lead writes them down for everyone. */
  'report.lessons': ['lead'],
  /** Ending the war room, its retention and its channel language (decision 022). */
  'warroom.close': ['lead'],
  'warroom.configure': ['lead'],
};

export function may(role: Role, permission: Permission): boolean {
  return ALLOWED[permission].includes(role);
}

/** A team member nobody gave a role to. */
export const DEFAULT_ROLE: Role = 'engineer';

/**
 * The role someone has in a war room: the one the lead gave them, else lead for whoever
 * started it, else the default for a member of the team.
 */
export function effectiveRole(assigned: Role | undefined, isStarter: boolean): Role {
  return assigned ?? (isStarter ? 'lead' : DEFAULT_ROLE);
}

/** Role words people type, in every shipped language (`role @Anna approver`, `rolle @Anna godkender`). */
const ROLE_WORDS: Record<Role, readonly string[]> = {
  lead: ['lead', 'leder', 'leider', 'responsable', 'chef'],
  engineer: [
    'engineer',
    'ingeniør',
    'ingenior',
    'engineer',
    'technicus',
    'ingénieur',
    'ingenieur',
    'technicien',
  ],
  comms: ['comms', 'communication', 'kommunikation', 'communicatie'],
  approver: ['approver', 'godkender', 'goedkeurder', 'approbateur', 'décideur', 'decideur'],
  observer: ['observer', 'observatør', 'observator', 'waarnemer', 'observateur'],
};

/** The role a typed word names, or undefined. */
export function parseRole(word: string): Role | undefined {
  const w = word.trim().toLowerCase();
  return ROLES.find((r) => ROLE_WORDS[r].includes(w));
}
