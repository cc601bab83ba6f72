import { Badge, Button, Caption1, Select, Text } from '@fluentui/react-components';
import type { WarRoomAccessDto } from '../../../shared/api/access';
import type { ActionRecordDto } from '../../../shared/api/actions';
import type { ActionStatus } from '../../../shared/domain/action';
import { formatInstant } from '../../../shared/time/format';
import type { RecordsApi } from '../api/records';
import { useT } from '../i18n/locale';
import { MutationError } from '../records/MutationError';
import { useRecordsStyles } from '../records/records.styles';
import { useMutation } from '../records/useMutation';

export interface ActionItemProps {
  action: ActionRecordDto;
  records: RecordsApi;
  /** Team members to give it to; null when the caller may not change actions. */
  members: WarRoomAccessDto['members'] | null;
  timeZone: string;
  onChanged(): void;
}

const MOVES: Record<ActionStatus, readonly ('done' | 'cancel' | 'reopen')[]> = {
  open: ['done', 'cancel'],
  done: ['reopen'],
  cancelled: ['reopen'],
};
const TARGET = { done: 'done', cancel: 'cancelled', reopen: 'open' } as const;

/** One action: what, who, by when; done / cancel / reopen / give to, for roles that may. */
export function ActionItem({ action: a, records, members, timeZone, onChanged }: ActionItemProps) {
  const { t, locale } = useT();
  const styles = useRecordsStyles();
  const m = useMutation();
  const change = (what: 'status' | 'owner', body: object) =>
    void m.run(
      () => records.changeAction(a.id, what, { ...body, expectedVersion: a.version }),
      onChanged,
      onChanged,
    );
  return (
    <li className={styles.item} data-testid="action" data-ref={a.ref} data-status={a.status}>
      <div className={styles.row}>
        <Text weight="semibold" className={styles.grow}>
          {a.ref} · {a.title}
        </Text>
        {a.overdue && <Badge color="danger">{t('records.action.overdue')}</Badge>}
        <Badge appearance="tint">{t(`action.status.${a.status}`)}</Badge>
      </div>
      <Caption1 className={styles.muted}>
        {t('records.action.owner')}: {a.ownerName}
        {a.due &&
          ` · ${t('records.action.dueAt', { at: formatInstant(a.due, { timeZone, locale }) })}`}
        {a.followUpRef && ` · ${a.followUpRef}`}
      </Caption1>
      {members && (
        <div className={styles.row}>
          {MOVES[a.status].map((move) => (
            <Button
              key={move}
              size="small"
              disabled={m.busy}
              data-testid={`action-${move}`}
              onClick={() => change('status', { status: TARGET[move] })}
            >
              {t(`records.action.${move}`)}
            </Button>
          ))}
          {a.status === 'open' && (
            <Select
              aria-label={t('records.action.reassign')}
              size="small"
              value={a.ownerAadObjectId ?? ''}
              disabled={m.busy}
              onChange={(_, d) => d.value && change('owner', { ownerAadObjectId: d.value })}
            >
              <option value="" disabled>
                {t('records.action.reassign')}
              </option>
              {members.map((p) => (
                <option key={p.aadObjectId} value={p.aadObjectId}>
                  {p.name}
                </option>
              ))}
            </Select>
          )}
        </div>
      )}
      <MutationError error={m.error} />
    </li>
  );
}
