import Database from 'better-sqlite3';
import { Client } from 'pg';
import { verifyStoredChain } from '../../bot/services/auditChain';
import { hashEntry } from '../../bot/services/auditHash';
import { sealPersonal } from '../../bot/services/auditSeal';
import { appendAudit } from '../../bot/services/auditTrail';
import { PrivacyService } from '../../bot/services/privacy';
import { isPostgres, openStorage, sqliteFile, type StorageLocation } from '../../bot/storage/open';
import type { OutboxTarget, Storage } from '../../bot/storage/types';
import { GENESIS_HASH, type AuditEntry } from '../../shared/domain/audit';
import { backends, type Backend } from './backends';
import { at, incident, newTenant, warRoom } from './fixtures';

const PETRA = { aad: 'aad-petra-0001', teams: '29:petra', name: 'Petra Person' };
const OLAF = { aad: 'aad-olaf-0002', teams: '29:olaf', name: 'Olaf Other' };
const ADMIN = 'aad-admin-0003';

/** Rows as the database holds them, read behind the repositories' back. */
async function rows(location: StorageLocation, sql: string, params: unknown[]) {
  if (isPostgres(location)) {
    const client = new Client({ connectionString: location.databaseUrl });
    await client.connect();
    try {
      return (await client.query<Record<string, unknown>>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }
  const db = new Database(sqliteFile(location.dataDir), { readonly: true });
  try {
    return db.prepare(sql.replace(/\$\d/g, '?')).all(...params) as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/**
 * Erasure reaches a person's name in free text (titles, notes, lessons, audit entries whose
 * text is sealed), messages not yet sent and job payloads; the export finds those records;
 * the chain still verifies, and text the chain cannot let go of is counted, not hidden.
 */
describe.each(backends())('privacy in free text: $name', (backend: Backend) => {
  let storage: Storage;
  let location: StorageLocation;
  let service: PrivacyService;
  beforeAll(async () => {
    await backend.start();
    location = await backend.fresh();
    storage = await openStorage(location);
    service = new PrivacyService({
      storage,
      clock: { now: () => new Date('2026-10-27T09:00:00.000Z') },
      isTenantAdmin: (v) => v.userId === ADMIN,
    });
  });
  afterAll(async () => {
    await storage?.close();
    await backend.stop();
  });

  const channelTarget = (room: { serviceUrl: string; conversationId: string }): OutboxTarget => ({
    serviceUrl: room.serviceUrl,
    conversationId: room.conversationId,
  });

  /** Olaf's war room, where Petra is named only in text, plus one role so she is known. */
  async function given() {
    const room = warRoom(newTenant(), { createdById: OLAF.aad, createdByName: OLAF.name });
    const { tenantId } = room;
    const olafs = incident(room, 1, {
      title: "petra PERSON's laptop is down",
      reporterId: OLAF.aad,
      reporterName: OLAF.name,
    });
    const other = incident(room, 2, {
      title: 'Petra Personnel files missing',
      reporterId: OLAF.aad,
      reporterName: OLAF.name,
    });
    await storage.transaction(async (tx) => {
      await tx.warRooms.insert(room);
      await tx.roster.upsert({
        tenantId,
        teamId: room.teamId ?? '',
        teamsUserId: PETRA.teams,
        aadObjectId: PETRA.aad,
        name: PETRA.name,
        userPrincipalName: 'petra@example.org',
        email: null,
        refreshedAt: at(0),
      });
      await tx.incidents.insert(olafs);
      await tx.incidents.insert(other);
      const entry = {
        tenantId,
        warRoomId: room.id,
        at: at(1),
        actorId: OLAF.aad,
        actorName: OLAF.name,
        subject: `incident:${olafs.id}`,
        before: null,
      };
      // Written before free text was sealed: its title is hashed as it is.
      const head = await tx.audit.head(tenantId, room.id);
      const early = {
        ...entry,
        action: 'incident.logged',
        after: { title: olafs.title },
        seq: (head?.seq ?? 0) + 1,
        prevHash: head?.hash ?? GENESIS_HASH,
      };
      const personal = sealPersonal({ ...early, after: {} });
      const unsealed: Omit<AuditEntry, 'hash'> = { ...early, personal };
      await tx.audit.append({ ...unsealed, hash: hashEntry(unsealed) });
      // Written now: its title is sealed like a name.
      await appendAudit(tx, { ...entry, action: 'incident.logged', after: olafs });
      await tx.incidents.addNote({
        id: 'note-1',
        tenantId,
        warRoomId: room.id,
        incidentId: olafs.id,
        authorId: OLAF.aad,
        authorName: OLAF.name,
        text: 'Called Petra   Person, no answer. Petra will call back.',
        at: at(2),
      });
      await tx.lessons.put({
        tenantId,
        warRoomId: room.id,
        text: 'Thank you, Petra Person!',
        byId: OLAF.aad,
        byName: OLAF.name,
        at: at(3),
        version: 1,
      });
      const tag = `<at>${PETRA.name}</at>`;
      await tx.outbox.enqueue({
        id: 'msg-channel',
        tenantId,
        target: channelTarget(room),
        operation: 'post',
        subject: null,
        activity: {
          type: 'message',
          text: `${tag} please look at INC-1`,
          entities: [
            {
              type: 'mention',
              text: tag,
              mentioned: { id: PETRA.teams, name: PETRA.name },
            },
            { type: 'mention', text: '<at>Olaf Other</at>', mentioned: { id: OLAF.teams } },
          ],
          attachments: [
            {
              contentType: 'application/vnd.microsoft.card.adaptive',
              content: {
                refresh: { userIds: [PETRA.teams, OLAF.teams] },
                body: [{ type: 'TextBlock', text: 'Owner: Petra Person' }],
              },
            },
          ],
        },
        failureNotice: null,
        createdAt: at(4),
      });
      await tx.outbox.enqueue({
        id: 'msg-personal',
        tenantId,
        target: {
          ...channelTarget(room),
          personal: { teamsUserId: PETRA.teams, fallback: channelTarget(room) },
        },
        operation: 'post',
        subject: null,
        activity: { type: 'message', text: 'Your action is due' },
        failureNotice: null,
        createdAt: at(4),
      });
      await tx.jobs.schedule({
        id: 'job-1',
        kind: 'test.reminder',
        tenantId,
        warRoomId: room.id,
        payload: { tenantId, recipient: PETRA.teams, note: 'remind Petra Person' },
        dedupeKey: null,
        dueAt: at(60),
        createdAt: at(4),
      });
    });
    return { room, olafs, other };
  }

  it('exports the records that name the person in text, and erases the name there', async () => {
    const { room, olafs, other } = await given();
    const exported = await service.exportPerson(
      { tenantId: room.tenantId, userId: ADMIN, name: 'Ada Admin' },
      PETRA.aad,
    );
    const records = exported.warRooms[0]?.records ?? {};
    expect(records.incidents?.map((r) => r.title)).toEqual([olafs.title]);
    expect(records.incident_notes).toHaveLength(1);
    expect(records.report_lessons).toHaveLength(1);
    expect(exported.warRooms[0]?.audit.map((e) => e.action)).toEqual([
      'incident.logged',
      'incident.logged',
    ]);

    const report = await service.erasePerson(
      { tenantId: room.tenantId, userId: ADMIN, name: 'Ada Admin' },
      PETRA.aad,
    );
    const p = report.pseudonym;
    expect(report.warRooms).toEqual([
      {
        warRoomId: room.id,
        records: { incidents: 1, incident_notes: 1, report_lessons: 1 },
        auditEntries: 3, // the two above, and the export's own entry
        auditTextKept: 1,
      },
    ]);
    expect(report.tenant).toEqual({ outbox: 2, jobs: 1, team_members: 1 });

    const incidents = await storage.transaction((tx) =>
      tx.incidents.listByWarRoom(room.tenantId, room.id),
    );
    expect(incidents.map((i) => i.title)).toEqual([`${p.name}'s laptop is down`, other.title]);
    const [note] = await storage.transaction((tx) =>
      tx.incidents.listNotes(room.tenantId, olafs.id),
    );
    // Whole names only: "Petra" alone is not her stored name.
    expect(note?.text).toBe(`Called ${p.name}, no answer. Petra will call back.`);
    expect((await storage.transaction((tx) => tx.lessons.find(room.tenantId, room.id)))?.text).toBe(
      `Thank you, ${p.name}!`,
    );

    // The sealed title was rewritten and its salt became a commitment; the early one stays.
    const log = await storage.transaction((tx) => tx.audit.list(room.tenantId, room.id));
    expect((log[0]?.after as { title: string }).title).toBe(olafs.title);
    expect((log[1]?.after as { title: string }).title).toBe(`${p.name}'s laptop is down`);
    const fields = log[1]?.personal?.scheme === 2 ? log[1].personal.fields : {};
    expect(fields['/after/title']).toEqual({ commitment: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(log.at(-1)).toMatchObject({ action: 'privacy.erased', after: { auditTextKept: 1 } });
    expect(await verifyStoredChain(storage, room.tenantId, room.id)).toMatchObject({
      verified: true,
      entries: 4,
    });

    // Messages: her mention and her place in userIds gone, her name replaced; her own chat's
    // message dropped. The job's payload no longer holds her id or name.
    const outbox = await rows(location, 'SELECT id, activity FROM outbox WHERE tenant_id = $1', [
      room.tenantId,
    ]);
    expect(outbox.map((r) => r.id)).toEqual(['msg-channel']);
    const activity = JSON.parse(String(outbox[0]?.activity)) as Record<string, unknown>;
    expect(activity).toMatchObject({
      text: `${p.name} please look at INC-1`,
      entities: [{ type: 'mention', mentioned: { id: OLAF.teams } }],
      attachments: [
        {
          content: {
            refresh: { userIds: [OLAF.teams] },
            body: [{ text: `Owner: ${p.name}` }],
          },
        },
      ],
    });
    expect(activity.entities).toHaveLength(1);
    const [job] = await rows(location, 'SELECT payload FROM jobs WHERE id = $1', ['job-1']);
    expect(JSON.parse(String(job?.payload))).toEqual({
      tenantId: room.tenantId,
      recipient: p.id,
      note: `remind ${p.name}`,
    });
  });
});
