import { compileOnly } from '../../bot/storage/sql/builder';
import { shape } from '../../bot/storage/sql/shape';

/** A query shape compiled once must give what Kysely compiles afresh, with each call's values. */
describe.each(['sqlite', 'postgres'] as const)('query shapes: %s', (dialect) => {
  const db = compileOnly(dialect);
  const fresh = (tenantId: string, id: string) =>
    db
      .selectFrom('incidents')
      .select(['id', 'title'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('status', '<>', 'resolved')
      .limit(1)
      .compile();

  it('binds each call’s values where Kysely would, keeping the shape’s own constants', () => {
    const byId = shape(['tenantId', 'id'], (d, p) =>
      d
        .selectFrom('incidents')
        .select(['id', 'title'])
        .where('tenant_id', '=', p.tenantId)
        .where('id', '=', p.id)
        .where('status', '<>', 'resolved')
        .limit(1),
    );
    for (const [tenantId, id] of [
      ['t-1', 'i-1'],
      ['t-2', 'i-9'],
    ] as const) {
      const { sql, parameters } = byId(db, { tenantId, id }).compile();
      expect({ sql, parameters }).toEqual({
        sql: fresh(tenantId, id).sql,
        parameters: fresh(tenantId, id).parameters,
      });
    }
  });

  it('binds a value used twice in both places', () => {
    const twice = shape(['url'], (d, p) =>
      d.updateTable('war_rooms').set({ service_url: p.url }).where('service_url', '<>', p.url),
    );
    expect(twice(db, { url: 'https://a' }).compile().parameters).toEqual([
      'https://a',
      'https://a',
    ]);
  });

  it('refuses a shape that does not bind a value as a parameter of its own', () => {
    const unused = shape(['tenantId', 'id'], (d, p) =>
      d.selectFrom('incidents').select('id').where('tenant_id', '=', p.tenantId),
    );
    expect(() => unused(db, { tenantId: 't', id: 'i' })).toThrow('must bind each of');
    // A value made from a marker would be kept as the first call's constant.
    const derived = shape(['id'], (d, p) =>
      d.selectFrom('incidents').select('id').where('id', '=', p.id).where('title', '=', `${p.id}!`),
    );
    expect(() => derived(db, { id: 'i' })).toThrow('must bind each of');
  });
});
