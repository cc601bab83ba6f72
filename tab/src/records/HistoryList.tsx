import { Caption1, Text } from '@fluentui/react-components';
import type { HistoryEntryDto } from '../../../shared/api/timeline';
import { isMessageKey } from '../../../shared/i18n';
import { formatInstant } from '../../../shared/time/format';
import { useT, type Translate } from '../i18n/locale';
import { useRecordsStyles } from './records.styles';

/** The words for an audit action, a status, a severity or a verdict a history entry names. */
export function entryWords(e: HistoryEntryDto, t: Translate): string[] {
  const key = `records.audit.${e.action}`;
  const words = [isMessageKey(key) ? t(key) : e.action];
  if (e.ref) words.push(e.ref);
  if (e.title) words.push(`“${e.title}”`);
  for (const k of [
    e.action.startsWith('incident.') && e.status && `status.${e.status}`,
    e.action.startsWith('action.') && e.status && `action.status.${e.status}`,
    e.action.startsWith('decision.') && e.status && `decision.status.${e.status}`,
    e.action === 'incident.severity_changed' && e.severity && `severity.${e.severity}`,
    e.verdict && `records.verdict.${e.verdict}`,
  ]) {
    if (k && isMessageKey(k)) words.push(t(k));
  }
  return words;
}

export interface HistoryListProps {
  entries: readonly HistoryEntryDto[];
  timeZone: string;
  testId?: string;
}

/** Audit entries, newest first: when, who, what (user content as text only). */
export function HistoryList({ entries, timeZone, testId = 'history' }: HistoryListProps) {
  const { t, locale } = useT();
  const styles = useRecordsStyles();
  return (
    <ol className={styles.list} data-testid={testId}>
      {entries.map((e) => (
        <li key={e.seq} className={styles.item} data-testid="history-entry" data-action={e.action}>
          <Caption1 className={styles.muted}>
            <time dateTime={e.at}>{formatInstant(e.at, { timeZone, locale })}</time> · {e.actorName}
          </Caption1>
          <Text>{entryWords(e, t).join(' · ')}</Text>
          {e.text && <Text italic>{e.text}</Text>}
        </li>
      ))}
    </ol>
  );
}
