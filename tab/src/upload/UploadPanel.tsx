import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Subtitle2,
  Text,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { recordsOf } from '../api/records';
import { useT } from '../i18n/locale';
import { allows, type PanelProps } from '../records/panel';
import { useRecordsStyles } from '../records/records.styles';
import { RefusedRows } from './RefusedRows';
import { uploadFile, type UploadOutcome } from './upload';

/**
 * Uploads a status export through the same import as the scripts' API, as the signed-in
 * person (their role decides): progress while it goes, the row report when it is refused.
 */
export function UploadPanel({ api, warRoomId, access }: PanelProps) {
  const { t } = useT();
  const styles = useRecordsStyles();
  const url = useMemo(() => recordsOf(api, warRoomId).uploadUrl, [api, warRoomId]);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<UploadOutcome | null>(null);
  if (!allows(access, 'migration.import')) {
    return <Text data-testid="upload-not-allowed">{t('records.upload.notAllowed')}</Text>;
  }
  const send = async () => {
    if (!file) return;
    setOutcome(null);
    setProgress(0);
    const result = await uploadFile(url, file, await api.headers(), setProgress);
    setProgress(null);
    setOutcome(result);
  };

  return (
    <div className={styles.panel} data-testid="upload-panel">
      <Subtitle2 as="h3">{t('records.upload.heading')}</Subtitle2>
      <Text className={styles.muted}>{t('records.upload.hint')}</Text>
      <div className={styles.row}>
        <Field label={t('records.upload.file')}>
          {(fieldProps) => (
            <input
              {...fieldProps}
              type="file"
              accept=".csv,text/csv,.json,application/json"
              data-testid="upload-file"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <Button
          appearance="primary"
          disabled={!file || progress !== null}
          onClick={() => void send()}
        >
          {t('records.upload.send')}
        </Button>
      </div>
      {progress !== null && (
        <Field
          validationMessage={t('records.upload.progress', { percent: Math.round(progress * 100) })}
          validationState="none"
        >
          <ProgressBar value={progress} data-testid="upload-progress" />
        </Field>
      )}
      {outcome?.kind === 'accepted' && (
        <MessageBar intent="success" data-testid="upload-accepted">
          <MessageBarBody>
            {t('records.upload.done', {
              rows: outcome.summary.rowsRead,
              created: outcome.summary.created,
              updated: outcome.summary.updated,
              unchanged: outcome.summary.unchanged,
            })}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome?.kind === 'refused' && (
        <>
          <MessageBar intent="error" data-testid="upload-refused">
            <MessageBarBody>{outcome.message}</MessageBarBody>
          </MessageBar>
          {outcome.refusal && <RefusedRows refusal={outcome.refusal} />}
        </>
      )}
      {outcome?.kind === 'failed' && (
        <MessageBar intent="error" data-testid="upload-failed">
          <MessageBarBody>{t('records.upload.failed')}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
