import { VERBS } from '../../shared/cards/actions';
import { t, type MessageKey } from '../../shared/i18n';
import { MIGRATION_STATUSES, type MigrationStatus } from '../../shared/migration/status';
import { formatInstant } from '../../shared/time/format';
import { clip, literal, noticeBlock } from './literal';
import type { AdaptiveCardJson } from './types';

/** Items per normalised status. */
export type StatusCounts = Record<MigrationStatus, number>;

/** What the status card shows; built from counts and a few failures, never from all items. */
export interface MigrationStatusView {
  warRoomId: string;
  totals: StatusCounts;
  /** Per batch, largest first; null is "no batch". */
  batches: { batch: string | null; counts: StatusCounts }[];
  /** The first few failed items (the card shows at most FAILURES_ON_CARD). */
  failures: { identity: string; batch: string | null; error: string | null }[];
  failureCount: number;
  /** Items inside an active freeze window, and those that moved inside one. */
  frozen: number;
  violations: number;
  lastImportAt: string | null;
}

/** How much a card shows, whatever the war room holds: it stays far under 40 KB. */
export const ON_STATUS_CARD = { batches: 12, failures: 5, error: 160 } as const;

/** The order statuses are drawn in, finished first; each with a Container style. */
const BAR: { status: MigrationStatus; style: string }[] = [
  { status: 'completed', style: 'good' },
  { status: 'synced', style: 'accent' },
  { status: 'inProgress', style: 'emphasis' },
  { status: 'failed', style: 'attention' },
  { status: 'stopped', style: 'warning' },
  { status: 'notStarted', style: 'default' },
];

const total = (c: StatusCounts) => MIGRATION_STATUSES.reduce((n, s) => n + c[s], 0);

/**
 * The war room's migration status: totals, per-batch progress bars, the first failures with
 * their error, frozen items and the last import. One card per war room, edited in place
 * after every import. Counts are our own words (FactSet); identities and errors come from
 * files and are shown literally.
 */
export function statusCard(
  view: MigrationStatusView,
  { timeZone, locale, notice }: { timeZone: string; locale: string; notice?: string },
): AdaptiveCardJson {
  const all = total(view.totals);
  const pct = (n: number, of: number) => (of === 0 ? 0 : Math.floor((n * 100) / of));
  const word = (s: MigrationStatus) => t(locale, `migration.status.${s}` as MessageKey);
  // Figures as the reader writes them (3,500 / 3.500), like the numbers inside sentences.
  const count = (n: number) => new Intl.NumberFormat(locale).format(n);
  const shownBatches = view.batches.slice(0, ON_STATUS_CARD.batches);
  const shownFailures = view.failures.slice(0, ON_STATUS_CARD.failures);
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      ...noticeBlock(notice),
      literal([
        {
          text: t(locale, 'migration.card.title', {
            done: pct(view.totals.completed, all),
            count: all,
          }),
          weight: 'Bolder',
          size: 'Medium',
        },
      ]),
      {
        type: 'FactSet',
        facts: [
          ...BAR.map(({ status }) => ({
            title: word(status),
            value: count(view.totals[status]),
          })),
          ...(view.frozen > 0
            ? [{ title: t(locale, 'migration.card.frozen'), value: count(view.frozen) }]
            : []),
          {
            title: t(locale, 'migration.card.lastImport'),
            value: view.lastImportAt
              ? formatInstant(view.lastImportAt, { timeZone, locale })
              : t(locale, 'migration.card.never'),
          },
        ],
      },
      ...(view.violations > 0
        ? [
            {
              type: 'Container',
              style: 'attention',
              items: [
                literal([
                  {
                    text: t(locale, 'migration.card.violations', { count: view.violations }),
                    weight: 'Bolder',
                  },
                ]),
              ],
            },
          ]
        : []),
      ...shownBatches.flatMap(({ batch, counts }) => {
        const n = total(counts);
        return [
          literal([
            { text: batch ?? t(locale, 'migration.card.noBatch'), weight: 'Bolder' },
            {
              text: ` · ${t(locale, 'migration.card.batchLine', {
                done: counts.completed,
                count: n,
                failed: counts.failed,
              })}`,
            },
          ]),
          progressBar(counts, n),
        ];
      }),
      ...(view.batches.length > shownBatches.length
        ? [
            literal([
              {
                text: t(locale, 'migration.card.moreBatches', {
                  count: view.batches.length - shownBatches.length,
                }),
              },
            ]),
          ]
        : []),
      ...(shownFailures.length > 0
        ? [
            literal([
              {
                text: t(locale, 'migration.card.failures', { count: view.failureCount }),
                weight: 'Bolder',
              },
            ]),
            ...shownFailures.map((f) =>
              literal([
                { text: clip(f.identity, 80), weight: 'Bolder' },
                ...(f.error ? [{ text: ` · ${clip(f.error, ON_STATUS_CARD.error)}` }] : []),
              ]),
            ),
            ...(view.failureCount > shownFailures.length
              ? [
                  literal([
                    {
                      text: t(locale, 'migration.card.moreFailures', {
                        count: view.failureCount - shownFailures.length,
                      }),
                    },
                  ]),
                ]
              : []),
          ]
        : []),
    ],
    actions: [
      {
        type: 'Action.Execute',
        title: t(locale, 'decision.refresh'),
        verb: VERBS.migrationRefresh,
        data: { warRoomId: view.warRoomId },
      },
      ...(view.failureCount > 0
        ? [
            {
              type: 'Action.Execute',
              title: t(locale, 'migration.card.logIncident'),
              verb: VERBS.migrationFailuresIncident,
              data: { warRoomId: view.warRoomId },
            },
          ]
        : []),
    ],
  };
}

/**
 * A bar of coloured columns, one per status, as wide as its share. Colour is never the only
 * sign: the line above says the same in words.
 */
function progressBar(counts: StatusCounts, n: number) {
  const parts = BAR.filter(({ status }) => counts[status] > 0);
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: (n === 0 ? [{ status: 'notStarted' as const, style: 'default' }] : parts).map(
      ({ status, style }) => ({
        type: 'Column',
        width: n === 0 ? 1 : Math.max(1, Math.round((counts[status] * 100) / n)),
        style,
        minHeight: '8px',
        items: [],
      }),
    ),
  };
}
