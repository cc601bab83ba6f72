import { randomUUID } from 'node:crypto';
import type { Action } from '../../shared/domain/action';
import type { Decision } from '../../shared/domain/decision';
import type { MigrationItem } from '../../shared/domain/migration';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { ItemPageQuery, Tx } from '../../bot/storage/types';
import { backends, suiteStorage, type Backend } from './backends';
import { at, incident, newTenant, warRoom } from './fixtures';

/** The dashboard's counts and pages on every engine: same numbers, same order. */
describe.each(backends())('dashboard contract: $name', (backend: Backend) => {
  const storage = suiteStorage(backend);

  const tx = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => storage().transaction(fn);
  const room = async (tenantId = newTenant()): Promise<WarRoom> => {
    const w = warRoom(tenantId);
    await tx((t) => t.warRooms.insert(w));
    return w;
  };
  const item = (w: WarRoom, n: number, overrides: Partial<MigrationItem> = {}): MigrationItem => ({
    tenantId: w.tenantId,
    warRoomId: w.id,
    identity: `user.${String(n).padStart(3, '0')}@contoso.example`,
    batch: `Wave${n % 3}`,
    rawStatus: 'Syncing',
    status: 'inProgress',
    itemsSynced: n,
    itemsSkipped: 0,
    error: null,
    lastSyncAt: null,
    tags: [],
    firstSeenAt: at(0),
    statusChangedAt: at(0),
    updatedAt: at(n),
    ...overrides,
  });
  const page = (w: WarRoom, q: Partial<ItemPageQuery> = {}) =>
    tx((t) =>
      t.dashboard.itemPage(w.tenantId, w.id, {
        sort: 'identity',
        dir: 'asc',
        offset: 0,
        limit: 50,
        ...q,
      }),
    );
  const ids = (items: MigrationItem[]) => items.map((i) => i.identity.slice(5, 8));

  it('counts open incidents per war room and per severity, resolved and other rooms left out', async () => {
    const w = await room();
    const other = await room(w.tenantId);
    await tx(async (t) => {
      await t.incidents.insert(incident(w, 1, { severity: 'sev1' }));
      await t.incidents.insert(incident(w, 2, { severity: 'sev2', status: 'investigating' }));
      await t.incidents.insert(incident(w, 3, { severity: 'sev2', status: 'mitigated' }));
      await t.incidents.insert(incident(w, 4, { severity: 'sev1', status: 'resolved' }));
      await t.incidents.insert(incident(other, 1, { severity: 'sev4' }));
    });
    expect(await tx((t) => t.dashboard.openIncidentCount(w.tenantId, w.id))).toBe(3);
    expect(await tx((t) => t.dashboard.openIncidentCount(w.tenantId, other.id))).toBe(1);
    // Another tenant asking for the same war room sees nothing.
    expect(await tx((t) => t.dashboard.openIncidentCount(newTenant(), w.id))).toBe(0);
    const bySeverity = await tx((t) => t.dashboard.openIncidentsBySeverity(w.tenantId, w.id));
    expect(bySeverity.sort((a, b) => a.severity.localeCompare(b.severity))).toEqual([
      { severity: 'sev1', count: 1 },
      { severity: 'sev2', count: 2 },
    ]);
  });

  it('lists pending decisions by deadline, those without one last, and counts them all', async () => {
    const w = await room();
    const decision = (number: number, overrides: Partial<Decision>): Decision => ({
      id: randomUUID(),
      tenantId: w.tenantId,
      warRoomId: w.id,
      number,
      kind: 'approval',
      question: `Question ${number}?`,
      rule: 'any',
      approvers: [{ id: '29:anna', name: 'Anna' }],
      backup: null,
      deadline: null,
      status: 'pending',
      responses: [],
      requesterId: 'aad-lead',
      requesterName: 'Mette Lead',
      createdAt: at(),
      updatedAt: at(),
      decidedAt: null,
      version: 1,
      ...overrides,
    });
    await tx(async (t) => {
      await t.decisions.insert(decision(1, { deadline: null }));
      await t.decisions.insert(decision(2, { deadline: at(90), kind: 'goNoGo' }));
      await t.decisions.insert(decision(3, { deadline: at(30) }));
      await t.decisions.insert(decision(4, { deadline: at(10), status: 'approved' }));
      await t.decisions.insert(decision(5, { deadline: at(60) }));
    });
    const all = await tx((t) => t.dashboard.pendingDecisions(w.tenantId, w.id, 10));
    expect(all.count).toBe(4);
    expect(all.next.map((d) => d.number)).toEqual([3, 5, 2, 1]);
    expect(all.next[2]).toEqual({
      number: 2,
      question: 'Question 2?',
      kind: 'goNoGo',
      deadline: at(90),
    });
    const first = await tx((t) => t.dashboard.pendingDecisions(w.tenantId, w.id, 2));
    expect(first).toEqual({
      count: 4,
      next: [expect.objectContaining({ number: 3 }), expect.objectContaining({ number: 5 })],
    });
  });

  it('counts open actions and the overdue ones among them', async () => {
    const w = await room();
    const action = (number: number, overrides: Partial<Action>): Action => ({
      id: randomUUID(),
      tenantId: w.tenantId,
      warRoomId: w.id,
      number,
      title: `Action ${number}`,
      owner: { id: '29:jonas', name: 'Jonas' },
      due: null,
      status: 'open',
      origin: { kind: 'meeting' },
      createdById: 'aad-lead',
      createdByName: 'Mette Lead',
      createdAt: at(),
      updatedAt: at(),
      doneAt: null,
      remindedAt: null,
      version: 1,
      followUpOf: null,
      ...overrides,
    });
    await tx(async (t) => {
      await t.actions.insert(action(1, { due: at(10) })); // overdue at 60
      await t.actions.insert(action(2, { due: at(120) }));
      await t.actions.insert(action(3, { due: null }));
      await t.actions.insert(action(4, { due: at(5), status: 'done', doneAt: at(6) }));
      await t.actions.insert(action(5, { due: at(59) })); // overdue at 60
    });
    expect(await tx((t) => t.dashboard.actionCounts(w.tenantId, w.id, at(60)))).toEqual({
      open: 4,
      overdue: 2,
    });
    expect(await tx((t) => t.dashboard.actionCounts(w.tenantId, w.id, at(0)))).toEqual({
      open: 4,
      overdue: 0,
    });
  });

  it('counts items held by freeze targets once each, by tag, batch (any case) and identity', async () => {
    const w = await room();
    await tx((t) =>
      t.migrationItems.upsert([
        item(w, 1, { tags: ['lab-results'] }),
        item(w, 2, { tags: ['lab-results', 'vip'], batch: 'Wave-Lab' }),
        item(w, 3, { batch: 'Wave-Lab' }),
        item(w, 4, { tags: ['lab'] }),
        item(w, 5),
      ]),
    );
    const held = (targets: Parameters<Tx['dashboard']['countHeld']>[2]) =>
      tx((t) => t.dashboard.countHeld(w.tenantId, w.id, targets));
    expect(await held([])).toBe(0);
    expect(await held([{ kind: 'tag', value: 'lab-results' }])).toBe(2);
    expect(await held([{ kind: 'tag', value: 'lab' }])).toBe(1);
    expect(await held([{ kind: 'batch', value: 'wave-lab' }])).toBe(2);
    expect(
      await held([
        { kind: 'tag', value: 'lab-results' },
        { kind: 'batch', value: 'Wave-Lab' },
        { kind: 'identities', values: ['user.005@contoso.example', 'nobody@contoso.example'] },
      ]),
    ).toBe(4);
  });

  it('pages items with filters, search, sort both ways and a total of all matches', async () => {
    const w = await room();
    const other = await room(w.tenantId);
    await tx((t) =>
      t.migrationItems.upsert([
        ...Array.from({ length: 12 }, (_, n) =>
          item(w, n + 1, {
            status: n % 4 === 0 ? 'failed' : 'inProgress',
            error: n % 4 === 0 ? `Error ${n + 1}` : null,
            batch: n === 11 ? null : `Wave${n % 3}`,
            tags: n % 2 === 0 ? ['even'] : ['odd', '100%_sure'],
          }),
        ),
        item(other, 1, { status: 'failed' }),
      ]),
    );
    const all = await page(w);
    expect(all.total).toBe(12);
    // Another tenant naming this war room gets nothing.
    const stranger = await tx((t) =>
      t.dashboard.itemPage(newTenant(), w.id, {
        sort: 'identity',
        dir: 'asc',
        offset: 0,
        limit: 50,
      }),
    );
    expect(stranger).toEqual({ total: 0, items: [] });
    expect(ids(all.items)).toEqual([
      '001',
      '002',
      '003',
      '004',
      '005',
      '006',
      '007',
      '008',
      '009',
      '010',
      '011',
      '012',
    ]);
    expect(all.items[0]).toMatchObject({ status: 'failed', error: 'Error 1', tags: ['even'] });

    const failed = await page(w, { status: 'failed' });
    expect([failed.total, ids(failed.items)]).toEqual([3, ['001', '005', '009']]);
    const wave1 = await page(w, { batch: 'Wave1' });
    expect(ids(wave1.items)).toEqual(['002', '005', '008', '011']);
    const none = await page(w, { batch: null });
    expect(ids(none.items)).toEqual(['012']);
    const even = await page(w, { tag: 'even', status: 'inProgress' });
    expect(ids(even.items)).toEqual(['003', '007', '011']);
    // Search is a substring, any case, and % _ are literal characters, not wildcards.
    expect(ids((await page(w, { search: 'USER.01' })).items)).toEqual(['010', '011', '012']);
    expect((await page(w, { search: '%' })).total).toBe(0);
    expect(ids((await page(w, { tag: '100%_sure', search: '00' })).items)).toEqual([
      '002',
      '004',
      '006',
      '008',
    ]);

    const paged = await page(w, { offset: 4, limit: 3 });
    expect([paged.total, ids(paged.items)]).toEqual([12, ['005', '006', '007']]);
    const desc = await page(w, { dir: 'desc', limit: 3 });
    expect(ids(desc.items)).toEqual(['012', '011', '010']);
    // By batch: no batch first going up, last going down; identity breaks ties.
    const byBatch = await page(w, { sort: 'batch', limit: 5 });
    expect(ids(byBatch.items)).toEqual(['012', '001', '004', '007', '010']);
    const byBatchDesc = await page(w, { sort: 'batch', dir: 'desc' });
    expect(ids(byBatchDesc.items).slice(0, 3)).toEqual(['009', '006', '003']);
    expect(ids(byBatchDesc.items).at(-1)).toBe('012');
    const byStatus = await page(w, { sort: 'status', limit: 4 });
    expect(ids(byStatus.items)).toEqual(['001', '005', '009', '002']);
    const byUpdated = await page(w, { sort: 'updated', dir: 'desc', limit: 2 });
    expect(ids(byUpdated.items)).toEqual(['012', '011']);
  });

  it('counts completed and failed items per hour of their last status change', async () => {
    const w = await room();
    await tx((t) =>
      t.migrationItems.upsert([
        item(w, 1, { status: 'completed', statusChangedAt: at(5) }),
        item(w, 2, { status: 'completed', statusChangedAt: at(59) }),
        item(w, 3, { status: 'completed', statusChangedAt: at(61) }),
        item(w, 4, { status: 'failed', statusChangedAt: at(70) }),
        item(w, 5, { status: 'inProgress', statusChangedAt: at(70) }),
        item(w, 6, { status: 'completed', statusChangedAt: at(-120) }),
      ]),
    );
    const rows = await tx((t) => t.dashboard.statusChangesPerHour(w.tenantId, w.id, at(0)));
    const key = (r: { hour: string; status: string }) => `${r.hour} ${r.status}`;
    expect(rows.sort((a, b) => key(a).localeCompare(key(b)))).toEqual([
      { hour: at(0), status: 'completed', count: 2 },
      { hour: at(60), status: 'completed', count: 1 },
      { hour: at(60), status: 'failed', count: 1 },
    ]);
  });

  it('counts incidents per hour opened and per hour resolved (reopened ones stay open)', async () => {
    const w = await room();
    await tx(async (t) => {
      await t.incidents.insert(incident(w, 1, { createdAt: at(1) }));
      await t.incidents.insert(
        incident(w, 2, { createdAt: at(2), status: 'resolved', resolvedAt: at(65) }),
      );
      await t.incidents.insert(incident(w, 3, { createdAt: at(61) }));
      // Reopened: still carries the time it was resolved, but it is open.
      await t.incidents.insert(incident(w, 4, { createdAt: at(3), resolvedAt: at(62) }));
    });
    const { opened, resolved } = await tx((t) => t.dashboard.incidentsPerHour(w.tenantId, w.id));
    expect(opened.sort((a, b) => a.hour.localeCompare(b.hour))).toEqual([
      { hour: at(0), count: 3 },
      { hour: at(60), count: 1 },
    ]);
    expect(resolved).toEqual([{ hour: at(60), count: 1 }]);
  });
});
