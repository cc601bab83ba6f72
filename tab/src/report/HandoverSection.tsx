import { Button, Caption1, Field, Select, Subtitle2, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { z } from 'zod';
import { handoverViewSchema } from '../../../shared/api/report';
import { AUDIT_ACTIONS, type AuditAction } from '../../../shared/domain/audit';
import { formatInstant } from '../../../shared/time/format';
import type { ApiClient } from '../api/client';
import { useT } from '../i18n/locale';
import { MutationError } from '../records/MutationError';
import { useRecordsStyles } from '../records/records.styles';
import { useMutation } from '../records/useMutation';

type HandoverView = z.infer<typeof handoverViewSchema>;
const WINDOWS = [6, 12, 24, 72] as const;
/** As the channel's card writes a change since the last handover: +12, −1, 0. */
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
const isAuditAction = (a: string): a is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(a);

/**
 * The shift handover, as the `handover` command gives it in the channel: what changed in
 * the window, what is open, what is due. Asking for one marks it, so the next one reports
 * the migration's progress since this one; it decides nothing.
 */
export function HandoverSection(props: { api: ApiClient; warRoomId: string; timeZone: string }) {
  const { api, warRoomId, timeZone } = props;
  const { t, locale } = useT();
  const styles = useRecordsStyles();
  const [hours, setHours] = useState<number>(12);
  const [view, setView] = useState<HandoverView | null>(null);
  const m = useMutation();
  const when = (at: string) => formatInstant(at, { timeZone, locale });
  const path = `/api/v1/war-rooms/${encodeURIComponent(warRoomId)}/handover`;
  const prepare = () => m.run(() => api.send('POST', path, handoverViewSchema, { hours }), setView);

  return (
    <section className={styles.panel} data-testid="handover">
      <Subtitle2 as="h3">{t('tab.handover.heading')}</Subtitle2>
      <div className={styles.row}>
        <Field label={t('tab.handover.window')}>
          <Select value={String(hours)} onChange={(_, d) => setHours(Number(d.value))}>
            {WINDOWS.map((h) => (
              <option key={h} value={h}>
                {t('handover.title', { count: h })}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={() => void prepare()} disabled={m.busy}>
          {t('tab.handover.prepare')}
        </Button>
      </div>
      <MutationError error={m.error} />
      {view && (
        <div className={styles.panel} data-testid="handover-view">
          <Text weight="semibold">{t('handover.title', { count: view.hours })}</Text>
          <Caption1>{t('handover.window', { from: when(view.from), to: when(view.to) })}</Caption1>
          <Text weight="semibold">{t('handover.changes')}</Text>
          {view.changes.length === 0 ? (
            <Text>{t('handover.noChanges')}</Text>
          ) : (
            <ul className={styles.list}>
              {view.changes.map((c) => (
                <li key={c.action}>
                  {isAuditAction(c.action) ? t(`records.audit.${c.action}`) : c.action}: {c.count}
                </li>
              ))}
            </ul>
          )}
          <Text weight="semibold">{t('handover.incidents')}</Text>
          {view.openIncidents.length === 0 ? (
            <Text>{t('handover.noIncidents')}</Text>
          ) : (
            <ul className={styles.list} data-testid="handover-incidents">
              {view.openIncidents.flatMap((s) =>
                s.refs.map((i) => (
                  <li key={i.ref}>
                    {t(`severity.${s.severity}`)} · {i.ref} {i.title}
                  </li>
                )),
              )}
            </ul>
          )}
          <Text weight="semibold">{t('handover.decisions')}</Text>
          {view.pendingDecisions.length === 0 ? (
            <Text>{t('handover.noDecisions')}</Text>
          ) : (
            <ul className={styles.list}>
              {view.pendingDecisions.map((d) => (
                <li key={d.ref}>
                  {d.ref} {d.question} · {d.deadline ? when(d.deadline) : t('handover.noDeadline')}
                </li>
              ))}
            </ul>
          )}
          <Text weight="semibold">{t('handover.actions')}</Text>
          {view.overdueActions.length === 0 ? (
            <Text>{t('handover.noActions')}</Text>
          ) : (
            <ul className={styles.list}>
              {view.overdueActions.map((a) => (
                <li key={a.ref}>
                  {a.ref} {a.title} · {a.ownerName} · {when(a.due)}
                </li>
              ))}
            </ul>
          )}
          <Text weight="semibold">{t('handover.migration')}</Text>
          <Text>
            {t('handover.migrationNow', {
              count: view.migration.items,
              completed: view.migration.completed,
              failed: view.migration.failed,
            })}
          </Text>
          <Text>
            {view.migration.since
              ? t('handover.sinceLast', {
                  at: when(view.migration.since.at),
                  completed: signed(view.migration.completed - view.migration.since.completed),
                  failed: signed(view.migration.failed - view.migration.since.failed),
                })
              : t('handover.first')}
          </Text>
          <Caption1>{t('handover.informs')}</Caption1>
        </div>
      )}
    </section>
  );
}
