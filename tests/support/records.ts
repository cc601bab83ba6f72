import { randomUUID } from 'node:crypto';
import type { Decision } from '../../shared/domain/decision';
import type { Role, WarRoom } from '../../shared/domain/warRoom';
import type { MigrationApp, Reply } from './migration';
import { TENANT_A } from './migration';

/** The people of a seeded war room, by Entra object id; all in its team's roster. */
export interface Crew {
  lead: string;
  engineer: string;
  approver: string;
  observer: string;
  /** A team member with no role assigned (the default role). */
  member: string;
}

export interface SeededRoom {
  room: WarRoom;
  crew: Crew;
  /** Calls the API as one of the crew (or anyone by object id). */
  call(
    who: keyof Crew | { userId: string; tenant?: string },
    method: string,
    path: string,
    json?: unknown,
  ): Promise<Reply>;
  /** A pending decision request of the room, asking the crew's approver. */
  decision(question: string): Promise<Decision>;
}

/**
 * A war room of TENANT_A whose team roster holds the whole crew, with the approver and
 * the observer given those roles (the lead started it; the others have the default role).
 */
export async function seedRoom(m: MigrationApp): Promise<SeededRoom> {
  const crew: Crew = {
    lead: randomUUID(),
    engineer: randomUUID(),
    approver: randomUUID(),
    observer: randomUUID(),
    member: randomUUID(),
  };
  const now = new Date().toISOString();
  const id = randomUUID();
  const room: WarRoom = {
    id,
    tenantId: TENANT_A,
    teamId: `19:team-${id}@thread.tacv2`,
    channelId: `19:${id}@thread.tacv2`,
    conversationId: `19:${id}@thread.tacv2`,
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    title: 'Hospital mailbox cutover',
    timeZone: 'Europe/Copenhagen',
    language: 'en',
    phase: 'cutover',
    createdById: crew.lead,
    createdByName: 'Lead Person',
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const storage = m.t.app.storage;
  await storage.transaction(async (tx) => {
    await tx.warRooms.insert(room);
    await tx.roster.replaceTeam(
      TENANT_A,
      room.teamId!,
      Object.entries(crew).map(([who, userId]) => ({
        teamsUserId: `29:${userId}`,
        aadObjectId: userId,
        name: `${who[0]!.toUpperCase()}${who.slice(1)} Person`,
        userPrincipalName: null,
        email: null,
      })),
      now,
    );
    for (const role of ['approver', 'observer'] as const satisfies readonly Role[]) {
      await tx.roles.put({
        tenantId: TENANT_A,
        warRoomId: id,
        teamsUserId: `29:${crew[role]}`,
        userId: crew[role],
        name: `${role} Person`,
        role,
        assignedById: crew.lead,
        assignedAt: now,
      });
    }
  });
  return {
    room,
    crew,
    async call(who, method, path, json) {
      const id = typeof who === 'string' ? crew[who] : who.userId;
      const tenant = typeof who === 'string' ? TENANT_A : who.tenant;
      return m.call(method, path, { headers: await m.as(id, tenant), json });
    },
    async decision(question) {
      const number = await storage.transaction((tx) =>
        tx.warRooms.nextNumber(TENANT_A, room.id, 'decision'),
      );
      const d: Decision = {
        id: randomUUID(),
        tenantId: TENANT_A,
        warRoomId: room.id,
        number,
        kind: 'approval',
        question,
        rule: 'any',
        approvers: [
          { id: `29:${crew.approver}`, aadObjectId: crew.approver, name: 'Approver Person' },
        ],
        backup: null,
        deadline: null,
        status: 'pending',
        responses: [],
        requesterId: crew.lead,
        requesterName: 'Lead Person',
        createdAt: now,
        updatedAt: now,
        decidedAt: null,
        version: 1,
      };
      await storage.transaction((tx) => tx.decisions.insert(d));
      return d;
    },
  };
}
