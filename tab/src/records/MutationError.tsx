import { MessageBar, MessageBarBody } from '@fluentui/react-components';

/** A refused or failed change, as the server worded it (text only). */
export function MutationError({ error }: { error: string | null }) {
  if (error === null) return null;
  return (
    <MessageBar intent="error" data-testid="change-error" role="alert">
      <MessageBarBody>{error}</MessageBarBody>
    </MessageBar>
  );
}
