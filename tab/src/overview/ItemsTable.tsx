import {
  Badge,
  Caption1,
  Checkbox,
  Field,
  Input,
  SearchBox,
  Select,
  type BadgeProps,
} from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ITEM_SORTS, NO_BATCH, type ItemDto } from '../../../shared/api/dashboard';
import { MIGRATION_STATUSES, type MigrationStatus } from '../../../shared/migration/status';
import type { ApiClient } from '../api/client';
import { LoadError } from '../common/LoadError';
import { useT } from '../i18n/locale';
import { formatWhen } from './format';
import { useItemsTableStyles } from './ItemsTable.styles';
import { useItemPages, type ItemFilters } from './useItemPages';

const STATUS_LOOK: Record<MigrationStatus, BadgeProps['color']> = {
  completed: 'success',
  inProgress: 'brand',
  synced: 'informative',
  notStarted: 'subtle',
  failed: 'danger',
  stopped: 'warning',
};

const ROW_HEIGHT = 40;
const TYPING_MS = 300;

/** `value` once it has stopped changing for a moment (typing in a search box). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export interface ItemsTableProps {
  api: ApiClient;
  warRoomId: string;
  timeZone: string;
  /** Batch names for the filter (null: items without a batch). */
  batches: readonly (string | null)[];
  /** Changes when the war room changed: the rows shown are reloaded. */
  version: number;
}

/**
 * The war room's migration items: search, filters and sort done by the server, rows
 * virtualised and fetched a page at a time as they scroll into view, failures with their
 * error text. The scrolling list takes keyboard focus (arrow keys, Page Up/Down).
 */
export function ItemsTable({ api, warRoomId, timeZone, batches, version }: ItemsTableProps) {
  const { t, locale } = useT();
  const styles = useItemsTableStyles();
  const labelId = useId();
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [status, setStatus] = useState('');
  const [batch, setBatch] = useState('');
  const [sort, setSort] = useState<(typeof ITEM_SORTS)[number]>('identity');
  const [descending, setDescending] = useState(false);
  const typed = useSettled({ search: search.trim(), tag: tag.trim().toLowerCase() }, TYPING_MS);
  const filters = useMemo<ItemFilters>(
    () => ({
      ...(typed.search ? { search: typed.search } : {}),
      ...(typed.tag ? { tag: typed.tag } : {}),
      ...(status ? { status: status as MigrationStatus } : {}),
      ...(batch ? { batch } : {}),
      sort,
      dir: descending ? 'desc' : 'asc',
    }),
    [typed.search, typed.tag, status, batch, sort, descending],
  );
  const pages = useItemPages(api, warRoomId, filters, version);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: pages.total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const rows = virtualizer.getVirtualItems();
  useEffect(() => {
    pages.ensure(rows.map((r) => r.index));
  });
  // New filters: back to the top.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [filters]);

  const sortLabel = (s: (typeof ITEM_SORTS)[number]) =>
    s === 'identity' || s === 'updated'
      ? t(`tab.items.sort.${s}`)
      : s === 'status'
        ? t('tab.column.status')
        : t('tab.filter.batch');

  return (
    <div className={styles.root} data-testid="items">
      <div className={styles.filters}>
        <Field label={t('tab.items.search')}>
          <SearchBox
            value={search}
            onChange={(_, data) => setSearch(data.value)}
            data-testid="items-search"
          />
        </Field>
        <Field label={t('tab.column.status')}>
          <Select
            className={styles.select}
            value={status}
            onChange={(_, data) => setStatus(data.value)}
            data-testid="items-status"
          >
            <option value="">{t('tab.items.all')}</option>
            {MIGRATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`migration.status.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('tab.filter.batch')}>
          <Select
            className={styles.select}
            value={batch}
            onChange={(_, data) => setBatch(data.value)}
            data-testid="items-batch"
          >
            <option value="">{t('tab.items.all')}</option>
            {batches.map((b) => (
              <option key={b ?? NO_BATCH} value={b ?? NO_BATCH}>
                {b ?? t('tab.batch.none')}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('tab.filter.tag')}>
          <Input value={tag} onChange={(_, data) => setTag(data.value)} data-testid="items-tag" />
        </Field>
        <Field label={t('tab.items.sort')}>
          <Select
            className={styles.select}
            value={sort}
            onChange={(_, data) => setSort(data.value as (typeof ITEM_SORTS)[number])}
            data-testid="items-sort"
          >
            {ITEM_SORTS.map((s) => (
              <option key={s} value={s}>
                {sortLabel(s)}
              </option>
            ))}
          </Select>
        </Field>
        <Checkbox
          className={styles.descending}
          checked={descending}
          onChange={(_, data) => setDescending(data.checked === true)}
          label={t('tab.items.descending')}
          data-testid="items-descending"
        />
      </div>
      <Caption1
        role="status"
        aria-live="polite"
        data-testid="items-total"
        data-total={pages.total ?? ''}
      >
        {pages.total === null
          ? t('tab.loading')
          : pages.total === 0
            ? t('tab.items.none')
            : t('tab.items.count', { count: pages.total })}
      </Caption1>
      {pages.error !== null && <LoadError error={pages.error} onRetry={pages.retry} />}
      <div
        role="table"
        aria-labelledby={labelId}
        aria-rowcount={(pages.total ?? 0) + 1}
        className={styles.table}
      >
        <span id={labelId} className={styles.hidden}>
          {t('tab.items')}
        </span>
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className={`${styles.row} ${styles.header}`}>
            <span role="columnheader" className={styles.identity}>
              {t('tab.items.sort.identity')}
            </span>
            <span role="columnheader" className={styles.status}>
              {t('tab.column.status')}
            </span>
            <span role="columnheader" className={styles.batch}>
              {t('tab.filter.batch')}
            </span>
            <span role="columnheader" className={styles.since}>
              {t('tab.items.column.since')}
            </span>
            <span role="columnheader" className={styles.error}>
              {t('tab.items.column.error')}
            </span>
          </div>
        </div>
        <div
          ref={scroller}
          role="rowgroup"
          aria-label={t('tab.items')}
          tabIndex={0}
          className={styles.scroller}
          data-testid="items-scroller"
        >
          <div className={styles.sizer} style={{ height: `${virtualizer.getTotalSize()}px` }}>
            {rows.map((row) => {
              const item = pages.at(row.index);
              return (
                <div
                  key={row.key}
                  role="row"
                  aria-rowindex={row.index + 2}
                  data-index={row.index}
                  ref={virtualizer.measureElement}
                  className={`${styles.row} ${styles.bodyRow}`}
                  style={{ transform: `translateY(${row.start}px)` }}
                  data-testid={item ? 'item-row' : 'item-placeholder'}
                  data-identity={item?.identity}
                >
                  {item ? (
                    <ItemCells item={item} locale={locale} timeZone={timeZone} />
                  ) : (
                    <span role="cell" className={styles.placeholder}>
                      {t('tab.loading')}
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

function ItemCells({
  item,
  locale,
  timeZone,
}: {
  item: ItemDto;
  locale: string;
  timeZone: string;
}) {
  const { t } = useT();
  const styles = useItemsTableStyles();
  return (
    <>
      <span role="cell" className={styles.identity} data-testid="item-identity">
        {item.identity}
      </span>
      <span role="cell" className={styles.status}>
        <Badge
          appearance="tint"
          shape="rounded"
          color={STATUS_LOOK[item.status]}
          data-testid="item-status"
          data-status={item.status}
          title={item.rawStatus}
        >
          {t(`migration.status.${item.status}`)}
        </Badge>
      </span>
      <span role="cell" className={styles.batch} data-testid="item-batch">
        {item.batch ?? '—'}
      </span>
      <span role="cell" className={styles.since}>
        {formatWhen(locale, timeZone, item.statusChangedAt)}
      </span>
      <span role="cell" className={styles.error} data-testid="item-error">
        {item.error ?? ''}
      </span>
    </>
  );
}
