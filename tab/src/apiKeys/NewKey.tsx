import { Button, Input, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useState } from 'react';
import { useT } from '../i18n/locale';
import { useRecordsStyles } from '../records/records.styles';

/** A key just created: shown this once, with a copy button. */
export function NewKey({ secret }: { secret: string }) {
  const { t } = useT();
  const styles = useRecordsStyles();
  const [copied, setCopied] = useState(false);
  const copy = () =>
    navigator.clipboard.writeText(secret).then(
      () => setCopied(true),
      () => setCopied(false), // no clipboard access: the key stays selectable in the field
    );
  return (
    <MessageBar intent="warning" data-testid="api-key-created">
      <MessageBarBody>
        {t('records.apiKeys.shownOnce')}
        <div className={styles.row}>
          <Input
            readOnly
            value={secret}
            className={styles.grow}
            aria-label={t('records.apiKeys.name')}
            data-testid="api-key-secret"
            onFocus={(e) => e.target.select()}
          />
          <Button size="small" onClick={() => void copy()}>
            {copied ? t('records.apiKeys.copied') : t('records.apiKeys.copy')}
          </Button>
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}
