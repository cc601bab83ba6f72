import { Button, Field, Input, Select } from '@fluentui/react-components';
import { useState } from 'react';
import type { WarRoomAccessDto } from '../../../shared/api/access';
import { DECISION_KINDS, type DecisionKind } from '../../../shared/domain/decision';
import type { RecordsApi } from '../api/records';
import { useT } from '../i18n/locale';
import { MutationError } from '../records/MutationError';
import { useRecordsStyles } from '../records/records.styles';
import { useMutation } from '../records/useMutation';

export interface NewDecisionFormProps {
  records: RecordsApi;
  members: WarRoomAccessDto['members'];
  onDone(): void;
}

/** Asks one team member for a decision or a go/no-go (shown only to roles that may ask). */
export function NewDecisionForm({ records, members, onDone }: NewDecisionFormProps) {
  const { t } = useT();
  const styles = useRecordsStyles();
  const [question, setQuestion] = useState('');
  const [kind, setKind] = useState<DecisionKind>('approval');
  const [approver, setApprover] = useState(members[0]?.aadObjectId ?? '');
  const m = useMutation();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void m.run(
      () => records.createDecision({ question, kind, approverAadObjectIds: [approver] }),
      () => {
        setQuestion('');
        onDone();
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label={t('records.decision.new')} data-testid="new-decision">
      <div className={styles.row}>
        <Field label={t('records.decision.question')} className={styles.grow}>
          <Input value={question} onChange={(_, d) => setQuestion(d.value)} required />
        </Field>
        <Field label={t('records.decision.kind')}>
          <Select value={kind} onChange={(_, d) => setKind(d.value as DecisionKind)}>
            {DECISION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`decision.kind.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('records.decision.approver')}>
          <Select value={approver} onChange={(_, d) => setApprover(d.value)}>
            {members.map((p) => (
              <option key={p.aadObjectId} value={p.aadObjectId}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          type="submit"
          appearance="primary"
          disabled={m.busy || !question.trim() || !approver}
        >
          {t('records.decision.ask')}
        </Button>
      </div>
      <MutationError error={m.error} />
    </form>
  );
}
