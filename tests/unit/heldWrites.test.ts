import {
  combined,
  EXPECT_ROWS_FAILED,
  failedCheck,
  holdableTable,
  runsBefore,
  type HeldWrite,
} from '../../bot/storage/postgres/heldWrites';

const held = (table: string, sql: string, values: unknown[] = []): HeldWrite => ({
  sql,
  values,
  table,
});

describe('holdableTable', () => {
  it.each([
    ['insert into "incidents" ("id", "title") values ($1, $2)', 'incidents'],
    ['update "outbox" set "state" = $1 where "id" = $2', 'outbox'],
    ['delete from "inbox" where "received_at" < $1', 'inbox'],
    [
      'insert into "audit_log" ("seq") values ($1) on conflict ("war_room_id", "seq") do nothing',
      'audit_log',
    ],
  ])('holds a plain write of one table: %s', (sql, table) => {
    expect(holdableTable(sql)).toBe(table);
  });

  it.each([
    [
      'its rows are read',
      'update "war_rooms" set "incident_seq" = "incident_seq" + $1 returning "incident_seq"',
    ],
    [
      'a string literal would shift with the placeholders',
      `update "outbox" set "state" = 'sent' where "id" = $1`,
    ],
    ['a dollar-quoted string', 'insert into "t" ("a") values ($$x$$)'],
    ['it reads first', 'with "due" as (select 1) update "jobs" set "state" = $1'],
    ['it is a read', 'select "id" from "incidents" where "id" = $1'],
  ])('runs at once a write when %s', (_, sql) => {
    expect(holdableTable(sql)).toBeUndefined();
  });
});

describe('runsBefore', () => {
  const incidents = [held('incidents', 'insert into "incidents" ("id") values ($1)')];

  it('lets a SELECT of other tables run before the held writes', () => {
    expect(runsBefore('select * from "incident_notes" where "incident_id" = $1', incidents)).toBe(
      true,
    );
    expect(
      runsBefore('select "seq", "hash" from "audit_log" where "war_room_id" = $1', incidents),
    ).toBe(true);
  });

  it('sends the held writes before a statement naming their table, quoted or not', () => {
    expect(runsBefore('select * from "incidents" where "id" = $1', incidents)).toBe(false);
    expect(runsBefore('select count(*) from incidents', incidents)).toBe(false);
    expect(runsBefore('select 1 from "war_rooms" join "incidents" on true', incidents)).toBe(false);
  });

  it('sends the held writes before any other write, whose keys may need their rows', () => {
    expect(runsBefore('insert into "incident_notes" ("id") values ($1)', incidents)).toBe(false);
    expect(runsBefore('update "war_rooms" set "title" = $1', incidents)).toBe(false);
  });

  it('keeps a redelivery claim back past other writes, nothing refers to it', () => {
    const claim = [held('inbox', 'insert into "inbox" ("activity_id") values ($1)')];
    const lock = 'update "war_rooms" set "incident_seq" = "incident_seq" + $1 returning 1';
    expect(runsBefore(lock, claim)).toBe(true);
    expect(runsBefore('delete from "inbox" where "received_at" < $1', claim)).toBe(false);
    expect(runsBefore(lock, [...claim, ...incidents])).toBe(false);
  });
});

describe('combined', () => {
  it('puts each write in a WITH of its own and counts its rows, with placeholders renumbered', () => {
    const many = Array.from({ length: 11 }, (_, i) => `$${i + 1}`).join(', ');
    const { text, values } = combined([
      held(
        'incidents',
        `insert into "incidents" ("a") values (${many})`,
        Array.from({ length: 11 }, (_, i) => i),
      ),
      held('audit_log', 'insert into "audit_log" ("a", "b") values ($1, $2)', ['x', 'y']),
      held('outbox', 'update "outbox" set "state" = $1 where "id" = $2', ['sent', 'm-1']),
    ]);
    expect(text).toBe(
      `with "held_1" as (insert into "incidents" ("a") values (${many}) returning 1), ` +
        '"held_2" as (insert into "audit_log" ("a", "b") values ($12, $13) returning 1), ' +
        '"held_3" as (update "outbox" set "state" = $14 where "id" = $15 returning 1) ' +
        'select (select count(*)::int from "held_1") as "changed_1", ' +
        '(select count(*)::int from "held_2") as "changed_2", ' +
        '(select count(*)::int from "held_3") as "changed_3"',
    );
    expect(values).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 'x', 'y', 'sent', 'm-1']);
  });

  it("has the statement check a write's count itself, and names the write that failed it", () => {
    const failing = new Error('no such incident');
    const { text, values } = combined([
      held('outbox', 'update "outbox" set "state" = $1 where "id" = $2', ['sent', 'm-1']),
      {
        ...held('incidents', 'update "incidents" set "card_activity_id" = $1 where "id" = $2', [
          '1:card',
          'i-1',
        ]),
        check: { rows: 1, error: () => failing },
      },
    ]);
    expect(text).toContain(
      'select (select count(*)::int from "held_1") as "changed_1", ' +
        'war_room_expect_rows((select count(*)::int from "held_2"), $5::int, 2) as "changed_2"',
    );
    expect(values).toEqual(['sent', 'm-1', '1:card', 'i-1', 1]);
    const raised = Object.assign(new Error('held write 2 changed 0 rows, not 1'), {
      code: EXPECT_ROWS_FAILED,
    });
    expect(failedCheck(raised)).toBe(1);
    expect(
      failedCheck(Object.assign(new Error('held write 2 changed 0 rows'), { code: '23505' })),
    ).toBeUndefined();
  });
});
