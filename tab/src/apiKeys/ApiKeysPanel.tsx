import { Button, Caption1, Field, Input, Subtitle2, Text } from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import { formatInstant } from '../../../shared/time/format';
import { recordsOf } from '../api/records';
import { LoadError } from '../common/LoadError';
import { Loading } from '../common/Loading';
import { useT } from '../i18n/locale';
import { useResource } from '../live/useResource';
import { MutationError } from '../records/MutationError';
import { allows, useReloadOnChange, type PanelProps } from '../records/panel';
import { useRecordsStyles } from '../records/records.styles';
import { useMutation } from '../records/useMutation';
import { NewKey } from './NewKey';

/** The lead's API keys for migration scripts: list, create (shown once), revoke. */
export function ApiKeysPanel({ api, warRoomId, access, timeZone, changes }: PanelProps) {
  const { t, locale } = useT();
  const styles = useRecordsStyles();
  const records = useMemo(() => recordsOf(api, warRoomId), [api, warRoomId]);
  const lead = allows(access, 'migration.configure');
  const load = useCallback(() => records.apiKeys(), [records]);
  const list = useResource(lead ? warRoomId : null, load);
  useReloadOnChange(changes, list.reload);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const m = useMutation();
  if (!lead) return <Text>{t('records.apiKeys.leadOnly')}</Text>;
  const when = (at: string) => formatInstant(at, { timeZone, locale });
  const create = (e: React.FormEvent) => {
    e.preventDefault();
    void m.run(
      () => records.createApiKey(name),
      (key) => {
        setCreated(key.key);
        setName('');
        list.reload();
      },
    );
  };

  return (
    <div className={styles.panel} data-testid="api-keys-panel">
      <Subtitle2 as="h3">{t('records.apiKeys.heading')}</Subtitle2>
      <form onSubmit={create} className={styles.row}>
        <Field label={t('records.apiKeys.name')} className={styles.grow}>
          <Input value={name} onChange={(_, d) => setName(d.value)} required />
        </Field>
        <Button type="submit" appearance="primary" disabled={m.busy || !name.trim()}>
          {t('records.apiKeys.create')}
        </Button>
      </form>
      {created && <NewKey secret={created} />}
      <MutationError error={m.error} />
      {list.loading && <Loading />}
      {list.error !== null && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && list.data.apiKeys.length === 0 && <Text>{t('records.apiKeys.none')}</Text>}
      <ul className={styles.list}>
        {list.data?.apiKeys.map((k) => (
          <li key={k.id} className={styles.item} data-testid="api-key" data-revoked={!!k.revokedAt}>
            <div className={styles.row}>
              <Text weight="semibold" className={styles.grow}>
                {k.name}
              </Text>
              {!k.revokedAt && (
                <Button
                  size="small"
                  disabled={m.busy}
                  data-testid="api-key-revoke"
                  onClick={() => void m.run(() => records.revokeApiKey(k.id), list.reload)}
                >
                  {t('records.apiKeys.revoke')}
                </Button>
              )}
            </div>
            <Caption1 className={styles.muted}>
              {t('records.apiKeys.createdBy', { name: k.createdBy, at: when(k.createdAt) })} ·{' '}
              {k.revokedAt
                ? t('records.apiKeys.revoked', { at: when(k.revokedAt) })
                : k.lastUsedAt
                  ? t('records.apiKeys.lastUsed', { at: when(k.lastUsedAt) })
                  : t('records.apiKeys.neverUsed')}
            </Caption1>
          </li>
        ))}
      </ul>
    </div>
  );
}
