import fc from 'fast-check';
import { types } from 'pg';
import { createPools, type Pools } from '../../bot/storage/postgres/pools';
import { timestamptzText } from '../../bot/storage/postgres/instants';
import { toIso } from '../../bot/storage/sql/instant';
import { startPostgres, type TestPostgres } from '../support/postgres';

const throughDate = (text: string) =>
  (types.getTypeParser(1184, 'text')(text) as Date).toISOString();

/** PostgreSQL's text for an instant in a UTC session: `2026-11-14 08:00:01.12+00`. */
const pgText = (iso: string, micros = '') => {
  const fraction = `${iso.slice(20, 23)}${micros}`.replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''}+00`;
};

describe('timestamptz read as text', () => {
  test('gives the instant pg’s own parser gives, for every millisecond and microseconds', () => {
    const instant = fc.date({
      noInvalidDate: true,
      min: new Date('0000-01-01T00:00:00.000Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
    });
    const micros = fc.constantFrom('', '000', '001', '999', '5');
    fc.assert(
      fc.property(instant, micros, (d, us) => {
        const text = pgText(d.toISOString(), us);
        expect(toIso(timestamptzText(text))).toBe(throughDate(text));
      }),
      { numRuns: 5000 },
    );
    for (const text of [
      '2026-11-14 09:00:01.5+01',
      '2026-11-14 08:00:01.123456+00',
      '10000-01-01 00:00:00+00',
      '0044-03-15 12:00:00+00 BC',
    ]) {
      expect(timestamptzText(text)).toBeInstanceOf(Date);
      expect(toIso(timestamptzText(text))).toBe(throughDate(text));
    }
  });

  describe('on a real server', () => {
    let pg: TestPostgres;
    let pools: Pools;

    beforeAll(async () => {
      pg = await startPostgres();
      pools = createPools(await pg.createDatabase('instants'), {});
    });
    afterAll(async () => {
      await Promise.all([pools?.main.end(), pools?.health.end(), pools?.migration.end()]);
      await pg?.stop();
    });

    const read = async (setting: string) => {
      const client = await pools.main.connect();
      try {
        await client.query(`SET TimeZone = '${setting}'`);
        const { rows } = await client.query<{ a: unknown; b: unknown; c: unknown }>(
          `SELECT '2026-11-14T08:00:01.120Z'::timestamptz AS a,
                  '2024-02-29T23:59:59Z'::timestamptz AS b,
                  '2026-11-14T08:00:01.123456Z'::timestamptz AS c`,
        );
        return rows[0];
      } finally {
        client.release();
      }
    };

    test('a UTC session’s instants arrive as canonical text, without a Date', async () => {
      expect(await read('UTC')).toEqual({
        a: '2026-11-14T08:00:01.120Z',
        b: '2024-02-29T23:59:59.000Z',
        c: expect.any(Date),
      });
    });

    test('another session zone arrives as a Date of the same instant, as before', async () => {
      const row = await read('Europe/Copenhagen');
      expect(row?.a).toBeInstanceOf(Date);
      expect([row?.a, row?.b, row?.c].map((v) => toIso(v as Date))).toEqual([
        '2026-11-14T08:00:01.120Z',
        '2024-02-29T23:59:59.000Z',
        '2026-11-14T08:00:01.123Z',
      ]);
    });
  });
});
