import { Client } from 'pg';
import type { NewOutboxMessage, Tx } from '../../bot/storage/types';
import { RowMissingError } from '../../bot/storage/types';
import { appendAudit } from '../../bot/services/auditTrail';
import { findChainBreak } from '../../bot/services/auditTrail';
import { backends, onPostgres, suiteDatabase, type Backend } from './backends';
import { at, claimActivity, incident, newTenant, warRoom } from './fixtures';

/**
 * Writes whose outcome nothing reads at once (`Exec.write`: a logged incident, its audit
 * entry, its card's outbox message, the settle of a sent card) are held on PostgreSQL and
 * sent together when needed, and run at once on SQLite. Either way a transaction reads its
 * own writes, and a failed one stores nothing (docs/decisions/030).
 */
describe.each(backends())('held writes: $name', (backend: Backend) => {
  const suite = suiteDatabase(backend);
  const storage = () => suite.storage();

  const given = async () => {
    const room = warRoom(newTenant());
    await storage().transaction((tx) => tx.warRooms.insert(room));
    return room;
  };

  const cardMessage = (tenantId: string, subject: string): NewOutboxMessage => ({
    id: `msg-${subject}`,
    tenantId,
    // A conversation of its own: its message is claimed whatever else waits.
    target: {
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversationId: `19:${subject}@thread.tacv2`,
    },
    operation: 'post',
    subject,
    activity: { type: 'message', text: 'card' },
    failureNotice: null,
    createdAt: at(1),
  });

  const logged = (tx: Tx, room: Awaited<ReturnType<typeof given>>, number: number) => {
    const made = incident(room, number);
    return tx.incidents.insert(made).then(async () => {
      await appendAudit(tx, {
        tenantId: room.tenantId,
        warRoomId: room.id,
        at: at(number),
        actorId: 'user-engineer',
        actorName: 'Jonas Engineer',
        action: 'incident.logged',
        subject: `incident:${made.id}`,
        before: null,
        after: made,
      });
      await tx.outbox.enqueue(cardMessage(room.tenantId, `incident:${made.id}`));
      return made;
    });
  };

  it('lets a transaction read what it wrote, and chains two audit entries in one', async () => {
    const room = await given();
    const [found, listed] = await storage().transaction(async (tx) => {
      const one = await logged(tx, room, 1);
      await logged(tx, room, 2);
      return [
        await tx.incidents.findById(room.tenantId, one.id),
        await tx.incidents.listByWarRoom(room.tenantId, room.id),
      ];
    });
    expect(found?.number).toBe(1);
    expect(listed.map((i) => i.number)).toEqual([1, 2]);
    const entries = await storage().transaction((tx) => tx.audit.list(room.tenantId, room.id));
    expect(entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(findChainBreak(entries)).toBe(-1);
    const counts = await storage().transaction((tx) => tx.outbox.countByState());
    expect(counts.pending).toBeGreaterThanOrEqual(2);
  });

  it('stores nothing of a transaction whose held write fails, even when its caller swallowed the error', async () => {
    const room = await given();
    const moved = 'https://smba.trafficmanager.net/amer/';
    // No such war room: the incident breaks a foreign key. SQLite fails at the insert,
    // PostgreSQL where the held insert is sent (the commit).
    const orphan = incident(warRoom(room.tenantId), 1);
    await expect(
      storage().transaction(async (tx) => {
        await tx.warRooms.refreshServiceUrl(room.tenantId, room.channelId, moved);
        await tx.incidents.insert(orphan).catch(() => undefined);
      }),
    ).rejects.toThrow();
    const stored = await storage().transaction((tx) =>
      tx.warRooms.findById(room.tenantId, room.id),
    );
    expect(stored?.serviceUrl).toBe(room.serviceUrl);
    expect(
      await storage().transaction((tx) => tx.incidents.findById(room.tenantId, orphan.id)),
    ).toBeUndefined();
  });

  it('commits nothing when the last held write of a begun transaction changes no row', async () => {
    const room = await given();
    // The number's UPDATE begins the transaction; the one held write (the card's id of an
    // incident that does not exist) goes with the COMMIT and must fail it.
    await expect(
      storage().transaction(async (tx) => {
        await tx.warRooms.nextNumber(room.tenantId, room.id, 'incident');
        await tx.incidents.setCardActivityId(room.tenantId, 'no-such-incident', '1:card');
      }),
    ).rejects.toBeInstanceOf(RowMissingError);
    expect(
      await storage().transaction((tx) =>
        tx.warRooms.nextNumber(room.tenantId, room.id, 'incident'),
      ),
    ).toBe(1);
  });

  it('records a sent card and its id together, or neither when the incident is gone', async () => {
    const room = await given();
    const made = incident(room, 1);
    await storage().transaction((tx) => tx.incidents.insert(made));
    const sending = async (subject: string) => {
      await storage().transaction((tx) => tx.outbox.enqueue(cardMessage(room.tenantId, subject)));
      const claimed = await storage().transaction((tx) => tx.outbox.claimDue(at(2), at(3), 100));
      const message = claimed.find((m) => m.subject === subject);
      if (!message) throw new Error(`${subject} was not claimed`);
      return message;
    };
    const settle = (id: string, incidentId: string) =>
      storage().transaction(async (tx) => {
        await tx.outbox.settleSent(id, `1:${id}`, at(2));
        await tx.incidents.setCardActivityId(room.tenantId, incidentId, `1:${id}`);
      });

    const gone = await sending('incident:gone');
    await expect(settle(gone.id, 'no-such-incident')).rejects.toBeInstanceOf(RowMissingError);
    expect(await storage().transaction((tx) => tx.outbox.findById(gone.id))).toMatchObject({
      state: 'sending',
      sentActivityId: null,
    });

    const card = await sending(`incident:${made.id}`);
    await settle(card.id, made.id);
    expect(await storage().transaction((tx) => tx.outbox.findById(card.id))).toMatchObject({
      state: 'sent',
      sentActivityId: `1:${card.id}`,
      attempts: 1,
    });
    expect(
      (await storage().transaction((tx) => tx.incidents.findById(room.tenantId, made.id)))
        ?.cardActivityId,
    ).toBe(`1:${card.id}`);
  });

  it.each([
    ['before any other statement', false],
    ['after a read has begun the transaction', true],
  ])('runs calls made together in the order they were made, %s', async (_, readFirst) => {
    const room = await given();
    const [first, second] = [incident(room, 1), incident(room, 2)];
    const seen = await storage().transaction(async (tx) => {
      if (readFirst) await tx.warRooms.findById(room.tenantId, room.id);
      await tx.incidents.insert(first);
      // A Tx used concurrently (the driver queues its statements in call order): the
      // update and the read come after the insert they name, not beside or before it.
      const [, , read] = await Promise.all([
        tx.incidents.insert(second),
        tx.incidents.setCardActivityId(room.tenantId, second.id, '1:card'),
        tx.incidents.findById(room.tenantId, second.id),
      ]);
      return read;
    });
    expect(seen?.cardActivityId).toBe('1:card');
  });

  it('runs no statement of a failed transaction after its end, even one called before it failed', async () => {
    const room = await given();
    const moved = 'https://smba.trafficmanager.net/amer/';
    const failed = await storage()
      .transaction(async (tx) => {
        // A Tx used concurrently: its first call waits for BEGIN while the other fails.
        await Promise.all([
          tx.warRooms.refreshServiceUrl(room.tenantId, room.channelId, moved),
          Promise.reject(new Error('given up')),
        ]);
      })
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ message: 'given up' });
    // Had the update been sent after the ROLLBACK, it would have committed on its own.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stored = await storage().read((tx) => tx.warRooms.findById(room.tenantId, room.id));
    expect(stored?.serviceUrl).toBe(room.serviceUrl);
  });

  describe('round trips', () => {
    /** Statements the storage sends to PostgreSQL during `work`, as the driver sees them. */
    const sent = async (work: () => Promise<unknown>): Promise<string[]> => {
      const query = jest.spyOn(Client.prototype, 'query');
      try {
        await work();
        return query.mock.calls.map(([q]) =>
          (typeof q === 'string' ? q : (q as { text: string }).text).replace(/\s+/g, ' '),
        );
      } finally {
        query.mockRestore();
      }
    };

    onPostgres(backend)(
      'sends an incident, its claim, its audit entry and its card as one statement',
      async () => {
        const room = await given();
        const statements = await sent(() =>
          storage().transaction(async (tx) => {
            await tx.inbox.claim(room.conversationId, 'log-1', at(1), () => new Error('again'));
            await tx.warRooms.nextNumber(room.tenantId, room.id, 'incident');
            await logged(tx, room, 1);
          }),
        );
        expect(statements.map((s) => s.split(' ').slice(0, 3).join(' '))).toEqual([
          'BEGIN',
          // Takes the number and the war room's lock, and reads the audit chain's head.
          'update "war_rooms" set',
          'with "held_1" as',
          'COMMIT',
        ]);
        // The redelivery claim waited past the number for the commit, with the rest.
        expect(statements[2]).toMatch(
          /insert into "inbox".*insert into "incidents".*insert into "audit_log".*insert into "outbox".*update "war_rooms"/,
        );
      },
    );

    onPostgres(backend)(
      'moves the chain head on the war room once a transaction, however many entries it appends',
      async () => {
        const room = await given();
        const statements = await sent(() =>
          storage().transaction(async (tx) => {
            for (let n = 1; n <= 20; n++) await logged(tx, room, n);
          }),
        );
        expect(
          statements.filter((s) => s.includes('update "war_rooms" set "audit_seq"')),
        ).toHaveLength(1);
        expect(
          await storage().transaction((tx) => tx.audit.head(room.tenantId, room.id)),
        ).toMatchObject({
          seq: 20,
        });
      },
    );

    onPostgres(backend)(
      'sends no write for a turn that claims its activity, reads and is refused',
      async () => {
        const room = await given();
        const statements = await sent(() =>
          storage()
            .transaction(async (tx) => {
              await tx.inbox.claim(room.conversationId, 'late-click', at(1), () => new Error());
              await tx.warRooms.findById(room.tenantId, room.id);
              throw new Error('stale card');
            })
            .catch(() => undefined),
        );
        // No BEGIN, no claim, no ROLLBACK: the claim went with the transaction unsent.
        expect(statements).toHaveLength(1);
        expect(statements[0]).toMatch(/^select .* from "war_rooms"/);
      },
    );

    onPostgres(backend)(
      'reads the claim of a refused turn that confirms it, and writes nothing',
      async () => {
        const room = await given();
        class HandledBefore extends Error {}
        const turn = (activityId: string) =>
          storage().transaction(async (tx) => {
            await tx.inbox.claim(room.conversationId, activityId, at(1), () => new HandledBefore());
            await tx.warRooms.findById(room.tenantId, room.id);
            await tx.inbox.confirmClaims();
            throw new Error('stale card');
          });
        const late = await sent(() => expect(turn('late-click')).rejects.toThrow('stale card'));
        // The war room, then the claim looked up: no BEGIN, no INSERT, no ROLLBACK.
        expect(late.map((s) => s.split(' ').slice(0, 4).join(' '))).toEqual([
          'select "id", "tenant_id", "team_id",',
          'select "activity_id" from "inbox"',
        ]);
        await expect(
          claimActivity(storage(), room.conversationId, 'late-click', at(2)),
        ).resolves.toBe(true);
        // Claimed and committed by the original: its redelivery is told apart, still unwritten.
        const again = await sent(() => expect(turn('late-click')).rejects.toThrow(HandledBefore));
        expect(again.filter((s) => !s.startsWith('select '))).toEqual([]);
      },
    );

    onPostgres(backend)(
      'commits a transaction of held writes alone as one statement, without BEGIN',
      async () => {
        const room = await given();
        const made = incident(room, 1);
        await storage().transaction((tx) => tx.incidents.insert(made));
        const statements = await sent(() =>
          storage().transaction(async (tx) => {
            await tx.outbox.settleSent('msg-none', '1:card', at(2));
            await tx.incidents.setCardActivityId(room.tenantId, made.id, '1:card');
          }),
        );
        expect(statements).toHaveLength(1);
        expect(statements[0]).toMatch(
          /^with "held_1" as \(update "outbox".*"held_2" as \(update "incidents"/,
        );
      },
    );
  });
});
