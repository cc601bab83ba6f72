import { Badge, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useT } from '../i18n/locale';
import type { LiveStatus } from './useWarRoomEvents';

const BADGE = {
  connecting: { color: 'informative', key: 'tab.live.connecting' },
  live: { color: 'success', key: 'tab.live.on' },
  reconnecting: { color: 'warning', key: 'tab.live.reconnecting' },
} as const;

/** Whether the dashboard is live; announced politely to screen readers when it changes. */
export function LiveBadge({ status }: { status: LiveStatus }) {
  const { t } = useT();
  const { color, key } = BADGE[status];
  return (
    <span role="status" aria-live="polite">
      <Badge appearance="tint" color={color} data-testid="live-status" data-status={status}>
        {t(key)}
      </Badge>
    </span>
  );
}

/** Said in words while the stream is down: the numbers on screen may be stale. */
export function LiveDownNotice({ status }: { status: LiveStatus }) {
  const { t } = useT();
  if (status !== 'reconnecting') return null;
  return (
    <MessageBar intent="warning" data-testid="live-down">
      <MessageBarBody>{t('tab.live.down')}</MessageBarBody>
    </MessageBar>
  );
}
