import { instantInZone } from '../../shared/time/zoned';

const CPH = 'Europe/Copenhagen';

describe('a filter bound read in the war room’s zone', () => {
  test('an instant stays that instant, whatever the zone', () => {
    expect(instantInZone('2026-10-24T22:00:00Z', CPH)).toBe('2026-10-24T22:00:00.000Z');
    expect(instantInZone('2026-10-25T00:00:00+02:00', 'Asia/Tokyo')).toBe(
      '2026-10-24T22:00:00.000Z',
    );
  });

  test('a wall-clock time is read in the zone: summer and winter offsets', () => {
    expect(instantInZone('2026-07-01T12:00', CPH)).toBe('2026-07-01T10:00:00.000Z');
    expect(instantInZone('2026-12-01T12:00', CPH)).toBe('2026-12-01T11:00:00.000Z');
    expect(instantInZone('2026-12-01T12:00', 'America/New_York')).toBe('2026-12-01T17:00:00.000Z');
  });

  test('across the October change, 02:30 happens twice: the first pass is meant', () => {
    expect(instantInZone('2026-10-25T02:30', CPH)).toBe('2026-10-25T00:30:00.000Z');
  });

  test('in the March gap, 02:30 never happens: read as just after the gap', () => {
    expect(instantInZone('2026-03-29T02:30', CPH)).toBe('2026-03-29T01:30:00.000Z');
  });
});
