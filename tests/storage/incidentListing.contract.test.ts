import type { PoolClient } from 'pg';
import { createPools } from '../../bot/storage/postgres/pools';
import { PostgresSession } from '../../bot/storage/postgres/exec';
import { openStorage } from '../../bot/storage/open';
import { warRoomRepo } from '../../bot/storage/sql/warRooms';
import { TxScope } from '../../bot/storage/sql/txScope';
import type { Incident } from '../../shared/domain/incident';
import { at, incident, newTenant, warRoom } from './fixtures';
import { backends, onPostgres, suiteStorage, type Backend } from './backends';

/** What a list shows of an incident: everything but its tenant, war room, reporter id, owner, card. */
const listed = ({ tenantId, warRoomId, reporterId, owner, cardActivityId, ...rest }: Incident) => {
  void [tenantId, warRoomId, reporterId, owner, cardActivityId];
  return rest;
};

/**
 * The tab's incident list reads (decision 025): the war room with its open count in one
 * statement, and a page of the list's columns only. Both must say what the full reads say.
 */
describe.each(backends())('incident list reads: $name', (backend: Backend) => {
  const storage = suiteStorage(backend);

  it('reads the war room and counts what is not resolved, as findById and the count do', async () => {
    const room = warRoom(newTenant());
    const empty = warRoom(room.tenantId);
    await storage().transaction(async (tx) => {
      await tx.warRooms.insert(room);
      await tx.warRooms.insert(empty);
      const statuses = ['open', 'investigating', 'mitigated', 'resolved', 'open'] as const;
      for (const [n, status] of statuses.entries()) {
        await tx.incidents.insert(incident(room, n + 1, { status }));
      }
      // Another war room's incidents are not counted.
      await tx.incidents.insert(incident(empty, 1, { status: 'resolved' }));
    });
    const read = await storage().read(async (tx) => ({
      withCount: await tx.warRooms.findWithOpenIncidents(room.tenantId, room.id),
      count: await tx.dashboard.openIncidentCount(room.tenantId, room.id),
      none: await tx.warRooms.findWithOpenIncidents(empty.tenantId, empty.id),
      otherTenant: await tx.warRooms.findWithOpenIncidents(newTenant(), room.id),
      missing: await tx.warRooms.findWithOpenIncidents(room.tenantId, 'no-such-room'),
    }));
    expect(read).toEqual({
      withCount: { warRoom: room, openIncidents: 4 },
      count: 4,
      none: { warRoom: empty, openIncidents: 0 },
      otherTenant: undefined,
      missing: undefined,
    });
  });

  it('lists a page with every field a list shows, as the full incident has them', async () => {
    const room = warRoom(newTenant());
    const stored = [
      incident(room, 1),
      incident(room, 2, {
        status: 'resolved',
        owner: { id: 'user-owner', name: 'Olga Owner' },
        acknowledgedAt: at(3),
        mitigatedAt: at(4),
        resolvedAt: at(5),
        cardActivityId: 'activity-2',
        version: 4,
        severity: 'sev1',
      }),
      incident(room, 3, { title: 'Æøå « quoted » title' }),
    ];
    await storage().transaction(async (tx) => {
      await tx.warRooms.insert(room);
      for (const i of stored) await tx.incidents.insert(i);
    });
    const page = await storage().read((tx) => tx.incidents.listAfter(room.tenantId, room.id, 1, 5));
    expect(page).toEqual(stored.slice(1).map(listed));
    // Nothing but the list's fields: the page does not carry what it does not show.
    expect(Object.keys(page[0] ?? {}).sort()).toEqual(
      Object.keys(listed(incident(room, 9))).sort(),
    );
  });

  // The statement run on every request is parsed and planned once per connection.
  onPostgres(backend)(
    'keeps a shaped read prepared on its connection, answering alike',
    async () => {
      const location = await backend.fresh();
      const migrated = await openStorage(location);
      const room = warRoom(newTenant());
      await migrated.transaction((tx) => tx.warRooms.insert(room));
      await migrated.close();
      const pools = createPools(location.databaseUrl ?? '', {});
      let client: PoolClient | undefined;
      try {
        const connected = await pools.main.connect();
        client = connected;
        const repo = warRoomRepo(new PostgresSession(connected, new TxScope()).exec);
        const prepared = async () =>
          (await connected.query<{ name: string }>('SELECT name FROM pg_prepared_statements')).rows;
        expect(await prepared()).toEqual([]);
        const first = await repo.findWithOpenIncidents(room.tenantId, room.id);
        const second = await repo.findWithOpenIncidents(room.tenantId, room.id);
        expect(first).toEqual({ warRoom: room, openIncidents: 0 });
        expect(second).toEqual(first);
        expect(await prepared()).toEqual([{ name: expect.stringMatching(/^war_room_shape_\d+$/) }]);
      } finally {
        client?.release();
        await Promise.all([pools.main.end(), pools.health.end(), pools.migration.end()]);
      }
    },
  );
});
