import { KnownServiceUrls } from '../../bot/storage/sql/knownServiceUrls';

describe('KnownServiceUrls: the service URLs a process knows are stored', () => {
  const url = 'https://smba.trafficmanager.net/emea/';
  let now = 0;
  const memo = () => new KnownServiceUrls(() => now);

  beforeEach(() => {
    now = 1_000;
  });

  test('knows a URL once the transaction that stored it commits, per tenant and channel', () => {
    const known = memo();
    const first = known.forTransaction();
    first.stored('t1', 'c1', url);
    expect(first.isStored('t1', 'c1', url)).toBe(true); // its own write, before COMMIT
    expect(known.forTransaction().isStored('t1', 'c1', url)).toBe(false); // not committed yet
    first.commit();
    const next = known.forTransaction();
    expect(next.isStored('t1', 'c1', url)).toBe(true);
    expect(next.isStored('t1', 'c1', 'https://smba.trafficmanager.net/amer/')).toBe(false);
    expect(next.isStored('t2', 'c1', url)).toBe(false);
    expect(next.isStored('t1', 'c2', url)).toBe(false);
  });

  test('a transaction that never commits teaches nothing', () => {
    const known = memo();
    known.forTransaction().stored('t1', 'c1', url);
    expect(known.forTransaction().isStored('t1', 'c1', url)).toBe(false);
  });

  test('trusts what it learned for ten minutes, then asks the database again', () => {
    const known = memo();
    const tx = known.forTransaction();
    tx.stored('t1', 'c1', url);
    tx.commit();
    now += 10 * 60_000 - 1;
    expect(known.forTransaction().isStored('t1', 'c1', url)).toBe(true);
    now += 1;
    expect(known.forTransaction().isStored('t1', 'c1', url)).toBe(false);
  });

  test('a URL stored later replaces the one known', () => {
    const known = memo();
    const moved = 'https://smba.trafficmanager.net/amer/';
    for (const u of [url, moved]) {
      const tx = known.forTransaction();
      tx.stored('t1', 'c1', u);
      tx.commit();
    }
    expect(known.forTransaction().isStored('t1', 'c1', url)).toBe(false);
    expect(known.forTransaction().isStored('t1', 'c1', moved)).toBe(true);
  });
});
