import {
  statusCard,
  type MigrationStatusView,
  type StatusCounts,
} from '../../bot/cards/statusCard';
import { VERBS } from '../../shared/cards/actions';
import { cardProblems } from '../support/cards';
import { cardText } from '../support/decide';

const counts = (c: Partial<StatusCounts>): StatusCounts => ({
  notStarted: 0,
  inProgress: 0,
  synced: 0,
  completed: 0,
  failed: 0,
  stopped: 0,
  ...c,
});
const WAR_ROOM = '7d2f4e61-0000-4000-8000-000000000002';

function view(overrides: Partial<MigrationStatusView> = {}): MigrationStatusView {
  return {
    warRoomId: WAR_ROOM,
    totals: counts({ completed: 3000, inProgress: 300, failed: 5, notStarted: 195 }),
    batches: [
      {
        batch: 'Batch 01 – Radiology',
        counts: counts({ completed: 280, failed: 5, inProgress: 15 }),
      },
      { batch: null, counts: counts({ notStarted: 195 }) },
    ],
    failures: [
      {
        identity: 'lab.results@hospital.example',
        batch: 'Batch 01 – Radiology',
        error: 'MapiExceptionNetworkError: **boom**',
      },
    ],
    failureCount: 5,
    frozen: 12,
    violations: 0,
    lastImportAt: '2026-10-24T20:15:00.000Z',
    ...overrides,
  };
}
const render = (v: MigrationStatusView, locale = 'en-GB') =>
  statusCard(v, { timeZone: 'Europe/Copenhagen', locale });

describe('the migration status card', () => {
  test('is valid for the Adaptive Cards SDK and says where the migration stands', () => {
    const c = render(view());
    expect(cardProblems(c)).toEqual([]);
    const text = cardText(c);
    expect(text).toContain('Migration: 85% of 3,500 mailboxes completed');
    expect(text).toContain('Completed: 3,000');
    expect(text).toContain('Failed: 5');
    expect(text).toContain('Frozen now: 12');
    expect(text).toContain('Last import: Sat 24 Oct, 22:15 CEST');
    expect(text).toContain('Batch 01 – Radiology · 280 of 300 completed, 5 failed');
    expect(text).toContain('Without a batch · 0 of 195 completed, 0 failed');
    // What a file said is shown literally, never as Markdown.
    expect(text).toContain('lab.results@hospital.example · MapiExceptionNetworkError: **boom**');
    expect(text).toContain('and 4 more failures in the tab');
  });

  test('each batch has a bar whose parts are as wide as their shares', () => {
    const c = render(view()) as unknown as {
      body: { type: string; columns?: { width: number; style: string }[] }[];
    };
    const bars = c.body.filter((b) => b.type === 'ColumnSet');
    expect(bars[0]!.columns!.map((col) => [col.style, col.width])).toEqual([
      ['good', 93],
      ['emphasis', 5],
      ['attention', 2],
    ]);
    expect(bars[1]!.columns!.map((col) => col.style)).toEqual(['default']);
  });

  test('offers an incident for the failures only when there are some', () => {
    const verbs = (v: MigrationStatusView) =>
      (render(v).actions as { verb: string; data: unknown }[]).map((a) => a.verb);
    expect(verbs(view())).toEqual([VERBS.migrationRefresh, VERBS.migrationFailuresIncident]);
    expect(verbs(view({ failures: [], failureCount: 0 }))).toEqual([VERBS.migrationRefresh]);
  });

  test('a freeze violation stands out, in words', () => {
    expect(cardText(render(view({ violations: 2 })))).toContain(
      '2 frozen mailboxes moved inside their freeze window: see the incident.',
    );
    expect(cardText(render(view({ violations: 0 })))).not.toContain('freeze window');
  });

  test('an empty war room says so, in Danish too', () => {
    const empty = view({
      totals: counts({}),
      batches: [],
      failures: [],
      failureCount: 0,
      frozen: 0,
      lastImportAt: null,
    });
    expect(cardProblems(render(empty))).toEqual([]);
    expect(cardText(render(empty, 'da-DK'))).toContain('Seneste import: ingen endnu');
  });
});
