import { Badge, Button, Caption1, Field, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { DecisionRecordDto } from '../../../shared/api/decisions';
import type { Verdict } from '../../../shared/domain/decision';
import { formatInstant } from '../../../shared/time/format';
import type { RecordsApi } from '../api/records';
import { useT } from '../i18n/locale';
import { MutationError } from '../records/MutationError';
import { useRecordsStyles } from '../records/records.styles';
import { useMutation } from '../records/useMutation';

export interface DecisionItemProps {
  decision: DecisionRecordDto;
  records: RecordsApi;
  timeZone: string;
  onChanged(): void;
}

/** One request: question, who is asked, the answers; Approve/Reject for a named approver. */
export function DecisionItem({ decision: d, records, timeZone, onChanged }: DecisionItemProps) {
  const { t, locale } = useT();
  const styles = useRecordsStyles();
  const [comment, setComment] = useState('');
  const m = useMutation();
  const when = (at: string) => formatInstant(at, { timeZone, locale });
  const answer = (verdict: Verdict) =>
    void m.run(() => records.answer(d.id, { verdict, comment }), onChanged, onChanged);

  return (
    <li className={styles.item} data-testid="decision" data-ref={d.ref} data-status={d.status}>
      <div className={styles.row}>
        <Text weight="semibold" className={styles.grow}>
          {d.ref} · {d.question}
        </Text>
        <Badge appearance="tint" data-testid="decision-status">
          {t(`decision.status.${d.status}`)}
        </Badge>
      </div>
      <Caption1 className={styles.muted}>
        {t('records.decision.requestedBy', { name: d.requesterName })} ·{' '}
        {t('records.decision.approvers', { names: d.approvers.map((a) => a.name).join(', ') })}
        {d.deadline && ` · ${t('records.decision.deadline', { at: when(d.deadline) })}`}
      </Caption1>
      {d.responses.map((r) => (
        <Text key={`${r.approverName}${r.at}`} data-testid="decision-response">
          {t('records.decision.response', {
            name: r.approverName,
            verdict: t(`records.verdict.${r.verdict}`),
            at: when(r.at),
          })}
          {r.comment && ` — ${r.comment}`}
        </Text>
      ))}
      {d.mayAnswer && (
        <div className={styles.row} data-testid="decision-answer">
          <Field label={t('records.decision.comment')} className={styles.grow}>
            <Textarea value={comment} onChange={(_, v) => setComment(v.value)} />
          </Field>
          <Button appearance="primary" disabled={m.busy} onClick={() => answer('approve')}>
            {t('decision.verdict.approve')}
          </Button>
          <Button disabled={m.busy} onClick={() => answer('reject')}>
            {t('decision.verdict.reject')}
          </Button>
        </div>
      )}
      <MutationError error={m.error} />
    </li>
  );
}
