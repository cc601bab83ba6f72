import { verifyStoredChain } from '../../bot/services/auditChain';
import { hashEntry } from '../../bot/services/auditHash';
import { appendAudit } from '../../bot/services/auditTrail';
import { PrivacyService } from '../../bot/services/privacy';
import type { Viewer } from '../../bot/services/warRooms';
import { openStorage, type StorageLocation } from '../../bot/storage/open';
import type { Storage, Tx } from '../../bot/storage/types';
import { GENESIS_HASH, type AuditEntry } from '../../shared/domain/audit';
import type { WarRoom } from '../../shared/domain/warRoom';
import { forgeAudit } from '../support/auditForgery';
import { backends, type Backend } from './backends';
import { at, incident, newTenant, warRoom } from './fixtures';

const PETRA = { aad: 'aad-petra-0001', teams: '29:petra', name: 'Petra Person' };
const OLAF = { aad: 'aad-olaf-0002', teams: '29:olaf', name: 'Olaf Other' };
const ADMIN = 'aad-admin-0003';

/**
 * A person's data on every engine: the export holds theirs and nobody else's; erasure puts
 * one pseudonym in every record and audit entry, of either hash scheme, and every chain
 * still verifies, while a forged entry is still found.
 */
describe.each(backends())('privacy contract: $name', (backend: Backend) => {
  let storage: Storage;
  let location: StorageLocation;
  let service: PrivacyService;
  let now = new Date('2026-10-26T09:00:00.000Z');

  beforeAll(async () => {
    await backend.start();
    location = await backend.fresh();
    storage = await openStorage(location);
    service = new PrivacyService({
      storage,
      clock: { now: () => now },
      isTenantAdmin: (v) => v.userId === ADMIN,
    });
  });
  afterAll(async () => {
    await storage?.close();
    await backend.stop();
  });

  const admin = (tenantId: string): Viewer => ({ tenantId, userId: ADMIN, name: 'Ada Admin' });

  /** A war room where Petra reports an incident Olaf owns, holds a role and acts in the log. */
  async function given(): Promise<WarRoom> {
    const room = warRoom(newTenant(), { createdById: OLAF.aad, createdByName: OLAF.name });
    await storage.transaction(async (tx) => {
      await tx.warRooms.insert(room);
      // An entry of the first hash scheme, as databases of earlier versions hold.
      const legacy: Omit<AuditEntry, 'hash'> = {
        tenantId: room.tenantId,
        warRoomId: room.id,
        seq: 1,
        at: at(1),
        actorId: PETRA.aad,
        actorName: PETRA.name,
        action: 'warroom.started',
        subject: `warroom:${room.id}`,
        before: null,
        after: { title: room.title, createdById: PETRA.aad, createdByName: PETRA.name },
        prevHash: GENESIS_HASH,
      };
      await tx.audit.append({ ...legacy, hash: hashEntry(legacy) });
      const inc = incident(room, 1, {
        reporterId: PETRA.aad,
        reporterName: PETRA.name,
        owner: { id: OLAF.teams, aadObjectId: OLAF.aad, name: OLAF.name },
      });
      await tx.incidents.insert(inc);
      await audit(tx, room, PETRA, 'incident.logged', inc);
      await tx.roles.put({
        tenantId: room.tenantId,
        warRoomId: room.id,
        teamsUserId: PETRA.teams,
        userId: PETRA.aad,
        name: PETRA.name,
        role: 'approver',
        assignedById: OLAF.aad,
        assignedAt: at(3),
      });
      await audit(tx, room, OLAF, 'role.assigned', {
        teamsUserId: PETRA.teams,
        userId: PETRA.aad,
        name: PETRA.name,
        role: 'approver',
      });
      await audit(tx, room, OLAF, 'incident.owner_set', {
        owner: { id: OLAF.teams, name: OLAF.name },
      });
      await tx.roster.upsert({
        tenantId: room.tenantId,
        teamId: room.teamId ?? '',
        teamsUserId: PETRA.teams,
        aadObjectId: PETRA.aad,
        name: PETRA.name,
        userPrincipalName: 'petra@example.org',
        email: 'petra@example.org',
        refreshedAt: at(0),
      });
      await tx.roster.upsert({
        tenantId: room.tenantId,
        teamId: room.teamId ?? '',
        teamsUserId: OLAF.teams,
        aadObjectId: OLAF.aad,
        name: OLAF.name,
        userPrincipalName: 'olaf@example.org',
        email: null,
        refreshedAt: at(0),
      });
    });
    return room;
  }

  const audit = (
    tx: Tx,
    room: WarRoom,
    who: typeof PETRA,
    action: 'incident.logged' | 'role.assigned' | 'incident.owner_set',
    after: unknown,
  ) =>
    appendAudit(tx, {
      tenantId: room.tenantId,
      warRoomId: room.id,
      at: at(2),
      actorId: who.aad,
      actorName: who.name,
      action,
      subject: `warroom:${room.id}`,
      before: null,
      after,
    });

  /** Everything the store holds for the tenant, as one text. */
  async function everything(room: WarRoom): Promise<string> {
    return storage.transaction(async (tx) =>
      JSON.stringify([
        await tx.warRooms.findById(room.tenantId, room.id),
        await tx.incidents.listByWarRoom(room.tenantId, room.id),
        await tx.roles.list(room.tenantId, room.id),
        await tx.roster.list(room.tenantId, room.teamId ?? ''),
        await tx.audit.list(room.tenantId, room.id),
      ]),
    );
  }

  it('exports the person: their records and log entries, nobody else named', async () => {
    const room = await given();
    const data = await service.exportPerson(admin(room.tenantId), PETRA.aad);
    const text = JSON.stringify(data);
    expect(data.identifiers.sort()).toEqual([PETRA.teams, PETRA.aad].sort());
    expect(data.warRooms).toHaveLength(1);
    expect(Object.keys(data.warRooms[0]?.records ?? {}).sort()).toEqual([
      'incidents',
      'war_room_roles',
    ]);
    expect(data.warRooms[0]?.audit.map((e) => e.action)).toEqual([
      'warroom.started',
      'incident.logged',
      'role.assigned',
    ]);
    expect(data.tenant.team_members?.[0]).toMatchObject({
      name: PETRA.name,
      email: 'petra@example.org',
    });
    expect(text).toContain(PETRA.name);
    for (const other of [OLAF.name, OLAF.aad, OLAF.teams, 'olaf@example.org']) {
      expect(text).not.toContain(other);
    }
    // Taking the export is in the log, and the chain still verifies.
    const report = await verifyStoredChain(storage, room.tenantId, room.id);
    expect(report).toMatchObject({ verified: true, entries: 5 });
  });

  it('refuses anyone but a tenant admin, and a person the tenant does not hold', async () => {
    const room = await given();
    const lead: Viewer = { tenantId: room.tenantId, userId: OLAF.aad, name: OLAF.name };
    await expect(service.exportPerson(lead, PETRA.aad)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(service.erasePerson(lead, PETRA.aad)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(service.exportPerson(admin(newTenant()), PETRA.aad)).rejects.toMatchObject({
      kind: 'not_found',
    });
    expect(await everything(room)).toContain(PETRA.name);
  });

  it('erases the person everywhere; every chain verifies; a forgery is still found', async () => {
    const room = await given();
    const before = await verifyStoredChain(storage, room.tenantId, room.id);
    expect(before).toMatchObject({ verified: true, entries: 4 });
    const hashesBefore = (
      await storage.transaction((tx) => tx.audit.list(room.tenantId, room.id))
    ).map((e) => e.hash);
    now = new Date('2026-10-27T09:00:00.000Z');
    const report = await service.erasePerson(admin(room.tenantId), PETRA.aad);
    expect(report.warRooms).toEqual([
      { warRoomId: room.id, records: { incidents: 1, war_room_roles: 1 }, auditEntries: 3 },
    ]);
    expect(report.tenant).toEqual({ team_members: 1 });

    const text = await everything(room);
    for (const gone of [PETRA.name, PETRA.aad, PETRA.teams, 'petra@example.org']) {
      expect(text).not.toContain(gone);
    }
    expect(text).toContain(report.pseudonym.name);
    expect(text).toContain(OLAF.name); // someone else stays
    const [inc] = await storage.transaction((tx) =>
      tx.incidents.listByWarRoom(room.tenantId, room.id),
    );
    expect(inc).toMatchObject({
      reporterId: report.pseudonym.id,
      reporterName: report.pseudonym.name,
    });

    const after = await verifyStoredChain(storage, room.tenantId, room.id);
    expect(after).toMatchObject({ verified: true, entries: 5, erasedLegacy: 1 });
    expect(after.lastSeq).toBe(5);
    const log = await storage.transaction((tx) => tx.audit.list(room.tenantId, room.id));
    // The hashes of the erased entries did not change: an export taken before still matches.
    expect(log.slice(0, 4).map((e) => e.hash)).toEqual(hashesBefore);
    expect(log[4]).toMatchObject({ action: 'privacy.erased', actorId: ADMIN });
    expect(JSON.stringify(log[4])).not.toContain(PETRA.aad);
    // The erased fields keep their commitments, their salts are gone.
    const fields = log[1]?.personal?.scheme === 2 ? log[1].personal.fields : {};
    expect(fields['/actorName']).toEqual({ commitment: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // Nothing left to find.
    await expect(service.exportPerson(admin(room.tenantId), PETRA.aad)).rejects.toMatchObject({
      kind: 'not_found',
    });
    // An entry that went through the erasure, its other fields (Olaf is its actor) changed
    // behind the app's back: still a broken chain. (An erased field proves only that a
    // value was there: decision 022.)
    await forgeAudit(location, room.id, 3, 'edit');
    expect(await verifyStoredChain(storage, room.tenantId, room.id)).toMatchObject({
      verified: false,
      brokenAt: { seq: 3, reason: 'hash_mismatch' },
    });
  });

  it('keeps the log append-only outside an erasure', async () => {
    const room = await given();
    const [entry] = await storage.transaction((tx) => tx.audit.list(room.tenantId, room.id));
    await expect(
      storage.transaction((tx) =>
        tx.privacy.rewriteAudit({ ...(entry as AuditEntry), actorName: 'X' }),
      ),
    ).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
  });
});
