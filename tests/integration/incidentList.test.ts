import { startMigrationApp, type MigrationApp } from '../support/migration';
import { seedRoom, type SeededRoom } from '../support/records';
import { incidentListSchema } from '../../shared/api/schemas';
import type { Incident } from '../../shared/domain/incident';
import { at, incident } from '../storage/fixtures';

interface ListBody {
  warRoom: { openIncidents: number };
  incidents: { number: number; status: string }[];
  next?: number | null;
}

/**
 * `GET /api/v1/war-rooms/{id}/incidents` a page at a time, oldest first (decision 025):
 * following `next` reads every incident once, and the open count covers the whole room.
 */
describe.each(['sqlite', 'postgres'] as const)('incident list pages: %s', (engine) => {
  let m: MigrationApp;
  let s: SeededRoom;
  let path: string;
  const stored: Incident[] = [];

  beforeAll(async () => {
    m = await startMigrationApp(engine);
    s = await seedRoom(m);
    path = `/api/v1/war-rooms/${s.room.id}/incidents`;
    await m.t.app.storage.transaction(async (tx) => {
      for (let n = 1; n <= 7; n++) {
        const one = incident(
          s.room,
          n,
          n % 3 === 0 ? { status: 'resolved', resolvedAt: at(n + 60) } : {},
        );
        stored.push(
          n === 4
            ? {
                ...one,
                status: 'mitigated',
                severity: 'sev1',
                title: 'Mail flow « stopped »',
                owner: { id: 'user-owner', name: 'Olga Owner' },
                acknowledgedAt: at(5),
                mitigatedAt: at(9),
                cardActivityId: 'activity-4',
                version: 3,
              }
            : one,
        );
      }
      for (const one of stored) await tx.incidents.insert(one);
    });
  });
  afterAll(async () => {
    await m?.stop();
  });

  const list = async (query: string) => {
    const r = await s.call('observer', 'GET', `${path}${query}`);
    expect(r.status).toBe(200);
    return r.body as ListBody;
  };

  test('following next reads every incident once, in order, with the whole room open count', async () => {
    const seen: number[] = [];
    let body = await list('?limit=3');
    const pages = [body];
    while (body.next != null) {
      seen.push(...body.incidents.map((i) => i.number));
      expect(body.next).toBe(body.incidents.at(-1)?.number);
      body = await list(`?limit=3&after=${body.next}`);
      pages.push(body);
    }
    seen.push(...body.incidents.map((i) => i.number));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pages.map((p) => p.incidents.length)).toEqual([3, 3, 1]);
    // 3 and 6 are resolved: five open, whichever page says so.
    expect(pages.map((p) => p.warRoom.openIncidents)).toEqual([5, 5, 5]);
  });

  test('without a query the first page holds a small room whole, and says nothing follows', async () => {
    const body = await list('');
    expect(body.incidents.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(body.next).toBeNull();
  });

  test('each incident says what the stored one says, as the shared schema reads it', async () => {
    const r = await s.call('observer', 'GET', `${path}?after=2&limit=3`);
    const body = incidentListSchema.strict().parse(r.body);
    expect(body.incidents).toEqual(
      stored.slice(2, 5).map((i) => ({
        id: i.id,
        ref: `INC-${i.number}`,
        number: i.number,
        title: i.title,
        severity: i.severity,
        status: i.status,
        reporterName: i.reporterName,
        createdAt: i.createdAt,
        updatedAt: i.updatedAt,
        acknowledgedAt: i.acknowledgedAt,
        mitigatedAt: i.mitigatedAt,
        resolvedAt: i.resolvedAt,
        version: i.version,
      })),
    );
    // No field beyond the schema's: an incident's owner and ids stay out of the list.
    for (const i of (r.body as { incidents: object[] }).incidents) {
      expect(Object.keys(i).sort()).toEqual(
        Object.keys(incidentListSchema.shape.incidents.element.shape).sort(),
      );
    }
    expect(body.warRoom).toMatchObject({ id: s.room.id, openIncidents: 5 });
  });

  test('a page size out of range or a cursor that is not a number is refused with 400', async () => {
    for (const q of ['?limit=0', '?limit=501', '?after=-1', '?after=three']) {
      const r = await s.call('observer', 'GET', `${path}${q}`);
      expect(r).toMatchObject({ status: 400, body: { error: { code: 'invalid' } } });
    }
  });
});
