import { sql } from 'kysely';
import { compileOnly } from '../../bot/storage/sql/builder';
import { preparedName, rowShape, shape } from '../../bot/storage/sql/shape';

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

  it('writes a row as Kysely would, for each set of columns and any primitive values', () => {
    type Row = { id: string; number: number; title: string | null; card_activity_id?: string };
    const build = (d: typeof db, row: Row) =>
      d
        .insertInto('incidents')
        .values(row as never)
        .onConflict((oc) => oc.columns(['war_room_id', 'number']).doNothing());
    const insert = rowShape(build);
    const rows: Row[] = [
      { id: 'i-1', number: 1, title: 'Mail flow stopped', card_activity_id: 'a-1' },
      { id: 'i-2', number: 2, title: null, card_activity_id: undefined },
      { id: 'i-3', number: 3, title: 'Queue stuck' },
      { id: 'i-4', number: 4, title: 'Again', card_activity_id: 'a-4' },
    ];
    for (const row of rows) {
      const { sql, parameters } = insert(db, row).compile();
      const expected = build(db, row).compile();
      expect({ sql, parameters }).toEqual({ sql: expected.sql, parameters: expected.parameters });
    }
  });

  it('builds a row holding an expression afresh instead of binding it in a slot', () => {
    const insert = rowShape((d, row: { id: string; title: unknown }) =>
      d.insertInto('incidents').values(row as never),
    );
    insert(db, { id: 'i-1', title: 'plain' }).compile();
    const { sql: text, parameters } = insert(db, {
      id: 'i-2',
      title: sql`upper(${'x'})`,
    }).compile();
    expect(text).toContain('upper(');
    expect(parameters).toEqual(['i-2', 'x']);
    // An expression callback too: Kysely writes it into the SQL.
    const called = insert(db, {
      id: 'i-3',
      title: (eb: { fn: (name: string, args: unknown[]) => unknown }) => eb.fn('lower', ['id']),
    }).compile();
    expect(called.sql).toContain('lower(');
    expect(called.parameters).toEqual(['i-3']);
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

  it('binds numbers where `p` is typed so, as Kysely would', () => {
    const after = shape(
      ['id', 'after', 'limit'],
      (d, p: { id: string; after: number; limit: number }) =>
        d
          .selectFrom('incidents')
          .select('id')
          .where('war_room_id', '=', p.id)
          .where('number', '>', p.after)
          .limit(p.limit),
    );
    const fresh201 = db
      .selectFrom('incidents')
      .select('id')
      .where('war_room_id', '=', 'w')
      .where('number', '>', 0)
      .limit(201)
      .compile();
    const { sql, parameters } = after(db, { id: 'w', after: 0, limit: 201 }).compile();
    expect({ sql, parameters }).toEqual({
      sql: fresh201.sql,
      parameters: [...fresh201.parameters],
    });
    expect(parameters).toEqual(['w', 0, 201]);
  });

  it('names each shaped statement for the driver to keep prepared, and nothing else', () => {
    const one = shape(['id'], (d, p) =>
      d.selectFrom('war_rooms').select('title').where('id', '=', p.id),
    );
    const other = shape(['id'], (d, p) =>
      d.selectFrom('war_rooms').select('phase').where('id', '=', p.id),
    );
    const sqlOf = (s: typeof one) => s(db, { id: 'x' }).compile().sql;
    const name = preparedName(sqlOf(one));
    expect(name).toMatch(/^war_room_shape_\d+$/);
    expect(preparedName(sqlOf(one))).toBe(name);
    expect(preparedName(sqlOf(other))).toMatch(/^war_room_shape_\d+$/);
    expect(preparedName(sqlOf(other))).not.toBe(name);
    // Nor `*`: a column a later migration adds would change a prepared statement's result.
    const all = shape(['id'], (d, p) =>
      d.selectFrom('war_rooms').selectAll().where('id', '=', p.id),
    );
    expect(preparedName(sqlOf(all))).toBeUndefined();
    const allOfOne = shape(['id'], (d, p) =>
      d
        .selectFrom('war_rooms as w')
        .innerJoin('incidents as i', 'i.war_room_id', 'w.id')
        .selectAll('w')
        .where('w.id', '=', p.id),
    );
    expect(sqlOf(allOfOne)).toContain('"w".*');
    expect(preparedName(sqlOf(allOfOne))).toBeUndefined();
    // A query built afresh (its text may vary call to call) is not named.
    expect(
      preparedName(db.selectFrom('war_rooms').select('language').compile().sql),
    ).toBeUndefined();
  });
});
