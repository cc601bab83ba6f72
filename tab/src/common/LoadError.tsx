import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { ApiError } from '../api/client';
import { useT } from '../i18n/locale';

export interface LoadErrorProps {
  error: unknown;
  onRetry(): void;
}

/** A failed load: the server's user-safe message when it sent one, and a retry button. */
export function LoadError({ error, onRetry }: LoadErrorProps) {
  const { t } = useT();
  const message =
    error instanceof ApiError && error.userMessage ? error.userMessage : t('tab.loadFailed');
  return (
    <MessageBar intent="error" data-testid="load-error">
      <MessageBarBody>{message}</MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onRetry}>
          {t('tab.retry')}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
